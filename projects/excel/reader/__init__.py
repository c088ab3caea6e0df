"""Readers of the county's Excel lists (key projects, monthly progress).

They read and check the file and report every problem by sheet, Excel row and column; they never
touch the database. The planners (projects/excel/plan_projects.py, plan_progress.py) match the rows to
the register; apply.py writes them.
"""

from .problems import CellError, ImportFileError, Problem, Problems
from .progress_list import ProgressList, ProgressRow, read_progress_list
from .project_list import ProjectList, ProjectRow, name_key, read_project_list

__all__ = [
    "CellError",
    "ImportFileError",
    "Problem",
    "Problems",
    "ProgressList",
    "ProgressRow",
    "ProjectList",
    "ProjectRow",
    "name_key",
    "read_progress_list",
    "read_project_list",
]
