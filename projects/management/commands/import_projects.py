"""Import a county-format key-project list from the command line.

    python manage.py import_projects FILE --year 2024 [--dry-run] [--create-units] [--json]

Prints a summary and every problem; exits non-zero and writes nothing when the file has any error.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from projects.excel.apply import ImportRejectedError, project_import_apply
from projects.excel.command_output import report
from projects.excel.plan_projects import project_import_preview


class Command(BaseCommand):
    help = "Import a key-project list (.xlsx) for a year: all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--year", type=int, required=True, help="the year of the list, e.g. 2024")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--create-units", action="store_true", help="create unknown townships and units")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        kwargs = {"source": options["file"], "year": options["year"], "create_units": options["create_units"]}
        if options["dry_run"]:
            plan = project_import_preview(**kwargs)
            applied = False
        else:
            try:
                plan = project_import_apply(**kwargs)
                applied = True
            except ImportRejectedError as exc:
                plan, applied = exc.plan, False
        report(self, plan, as_json=options["json"], applied=applied, dry_run=options["dry_run"])
