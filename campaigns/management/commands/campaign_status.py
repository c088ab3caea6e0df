"""Print every campaign indicator's target and actual, for scripts and checks.

    python manage.py campaign_status --year 2024 [--month 5] [--json]

With --json: a JSON list of {"campaign", "indicator", "scope", "target", "actual", "met"} (plus "unit",
"comparison", "period", "gap", "status"), one per indicator and scope ("county" or the unit's name).
Target and actual are numbers as text in the indicator's unit (亿元 amounts in 亿元).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from campaigns.selectors import campaign_status, default_period


class Command(BaseCommand):
    help = "Every campaign indicator with its target, actual and whether it is met (--json for a JSON list)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, help="month 1-12 (default: the latest reported month, or 12)")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        year, month = options["year"], options["month"]
        if month is None:
            default_year, default_month = default_period()
            month = default_month if year == default_year else 12
        if not 1 <= month <= 12:
            raise CommandError("--month must be between 1 and 12")
        rows = campaign_status(year=year, month=month)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            mark = "✓" if row["met"] else "✗"
            self.stdout.write(
                f"{mark} [{row['campaign']}] {row['indicator']} · {row['scope']}: "
                f"{row['actual']} / {row['comparison']} {row['target']} {row['unit']} ({row['gap']})"
            )
