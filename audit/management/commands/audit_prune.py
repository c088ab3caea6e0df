"""Delete audit events older than the retention period (AUDIT_RETENTION_DAYS, at least 180 days)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.events import Action
from audit.prune import audit_prune
from audit.services import record


class Command(BaseCommand):
    help = "Delete audit events older than the retention period (at least 180 days); younger ones are never touched."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="keep this many days (default AUDIT_RETENTION_DAYS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deleted = audit_prune(days=options["days"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        record(
            Action.AUDIT_PRUNE, detail=f"deleted {deleted} events older than {options['days'] or 'the retention'} days"
        )
        self.stdout.write(f"deleted {deleted} audit events")
