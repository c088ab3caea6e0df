"""Everything Excel in the register: reading the county's lists, importing them, exporting the list.

- `reader/`: reads and checks a file, every problem placed by sheet, row and column; no database;
- `plan.py`: the plan of an import (what it would create, update, leave unchanged; its fingerprint);
- `match.py`: units and townships by the names officials write, projects by code and name;
- `plan_projects.py`, `plan_progress.py`: the key-project list's and a month's progress planners;
- `apply.py`: re-plan and write in one transaction, all or nothing;
- `batches.py`: the web flow, upload → preview (an ImportBatch) → confirm or discard;
- `exports.py`: the list, the blank template and the progress form, through core.xlsx;
- `views.py`, `forms.py`: the pages; `command_output.py`: what import_projects / import_progress print.
"""
