"""Import one month's progress of the key projects from the command line.

    python manage.py import_progress FILE --year 2024 --month 3 [--dry-run] [--json]

Each row names a project (name or code) and gives this month's completed investment or the
cumulative Jan..M figure (the month is then the difference from the months already stored).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from projects.excel.apply import ImportRejectedError, progress_import_apply
from projects.excel.command_output import report
from projects.excel.plan_progress import progress_import_preview


class Command(BaseCommand):
    help = "Import a month's progress (.xlsx): all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True, help="1..12")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["month"] <= 12:
            raise CommandError(_("--month must be between 1 and 12"))
        kwargs = {"source": options["file"], "year": options["year"], "month": options["month"]}
        if options["dry_run"]:
            plan = progress_import_preview(**kwargs)
            applied = False
        else:
            try:
                plan = progress_import_apply(**kwargs)
                applied = True
            except ImportRejectedError as exc:
                plan, applied = exc.plan, False
        report(self, plan, as_json=options["json"], applied=applied, dry_run=options["dry_run"])
