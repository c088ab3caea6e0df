"""Do what beat triggers, once, as of now or a given time.

    python manage.py run_cycles [--now 2024-05-06T09:00:00+08:00] [--json] [--no-deliver]

Opens due occurrences (with catch-up), escalates overdue problems, creates due reminders and sends
the waiting emails and webhook posts inline (unless --no-deliver; the worker's per-minute task sends
them otherwise). Run twice at the same time, the second run does nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cycles.runner import cycles_run


def _parse_now(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now must be an ISO date-time such as 2024-05-06T09:00:00+08:00, got {value!r}"
        ) from None
    if timezone.is_naive(parsed):
        # A bare time is the county's local time.
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


class Command(BaseCommand):
    help = "Open due occurrences, escalate overdue problems and send due reminders, as of now or --now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", type=_parse_now, default=None, help="the time to act as of (ISO 8601)")
        parser.add_argument(
            "--json", action="store_true", help='print {"opened": n, "escalated": n, "reminders_sent": n}'
        )
        parser.add_argument("--no-deliver", action="store_true", help="leave emails and webhook posts to the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        now = options["now"] or timezone.now()
        result = cycles_run(now=now, deliver=not options["no_deliver"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write(
                f"opened {result.opened} occurrences, escalated {result.escalated} problems, "
                f"sent {result.reminders_sent} reminders, delivered {result.deliveries_sent} emails/webhook posts "
                f"(as of {timezone.localtime(now).isoformat()})"
            )
