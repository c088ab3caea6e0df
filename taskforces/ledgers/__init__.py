"""The six task forces' ledger models, one module per ledger, plus `common` (shared bases,
configurable lists, attachments).

They are imported by `taskforces.models` (Django discovers models there), so always import them
from `taskforces.models`. Each concrete ledger model declares two class attributes that the
access layer (`taskforces.access`) relies on:

- `ledger_slug`: the task force whose members may write it ("investment", "approvals", ...);
- `project_path`: the lookup from the entry to its `projects.Project` ("project",
  "visit__project", "lead__project"), or None when the entry is about no project (a trip, a
  promotion event). Reporters see only entries whose project belongs to their unit, so an entry
  with no project is never shown to them.
"""
