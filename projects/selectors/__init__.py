"""Reads and aggregates over the register, one module per subject.

- `figures`: the key list with its progress; per tier, nature and unit (the bulletin's blocks);
- `starts`: new projects started, continuing ones resumed, projects behind time progress;
- `periods`: the years held and the default period of a page;
- `dashboard`: the year's curve and the home page's figures;
- `listing`: the project list's rows and who may read them;
- `project`: one project's months and history.
"""
