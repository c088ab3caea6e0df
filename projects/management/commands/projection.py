"""The year-end projection of the key projects and the FAI target (projects.projection).

    python manage.py projection --year 2024 --month 10 [--json]

--json prints one JSON object: {"year", "month", "method", "total", "tiers", "townships", "units", "fai"},
amounts as exact decimal strings in 万元.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects.projection import growth_text, method_text, projection_sentence, year_end_projection


class Command(BaseCommand):
    help = "Project the year's key-project investment and the FAI target to December."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True, help="1..12: the last month reported")
        parser.add_argument("--json", action="store_true", help="print one JSON object (amounts in 万元)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["month"] <= 12:
            raise CommandError("--month must be between 1 and 12")
        projection = year_end_projection(year=options["year"], month=options["month"])
        if options["json"]:
            self.stdout.write(json.dumps(projection.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(projection_sentence(projection.total))
        self.stdout.write(method_text(projection.method, projection.month))
        if projection.fai is not None and projection.fai.figures is not None:
            self.stdout.write(growth_text(projection.fai) or projection_sentence(projection.fai.figures))
