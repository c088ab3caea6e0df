"""Print the audit trail, one event per row: JSON Lines (default) or CSV with a header row."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.events import Action
from audit.selectors import EXPORT_FIELDS, EventFilter, export_rows
from audit.services import record


class Command(BaseCommand):
    help = "Print audit events (time, user, ip, user_agent, action, object, outcome, detail), one per row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="first day, YYYY-MM-DD (county time)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(f"--since must be YYYY-MM-DD, got {options['since']!r}") from None
        rows = export_rows(EventFilter(since=since))
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=EXPORT_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
        record(Action.AUDIT_EXPORT, detail=f"command --format {options['format']} --since {options['since'] or '-'}")
