"""Export the year's key projects as an OC4IDS 0.9 project package, checked against the bundled schema.

    python manage.py export_oc4ids --year 2024 [--month 10] [--out FILE]

Without --out the package is printed. An invalid package is not written: the command lists the errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from opendata.oc4ids import oc4ids_package
from opendata.validation import validation_errors
from projects.selectors.figures import key_projects
from projects.selectors.periods import default_month


class Command(BaseCommand):
    help = "Export the year's key projects as an OC4IDS project package (JSON), validated against OC4IDS 0.9.5."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--month", type=int, help="completed investment up to this month (default: the latest reported)"
        )
        parser.add_argument("--out", type=Path, help="write here instead of printing")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        month = options["month"] or default_month(year=year)
        if not 1 <= month <= 12:
            raise CommandError("--month must be between 1 and 12")
        uri = f"{settings.SITE_URL.rstrip('/')}{reverse('opendata:oc4ids')}?year={year}&month={month}"
        package = oc4ids_package(listing=key_projects(year=year), year=year, month=month, uri=uri)
        if not package["projects"]:
            raise CommandError(f"no key project is listed for {year}")
        errors = validation_errors(package)
        if errors:
            raise CommandError("the package does not validate against OC4IDS 0.9.5:\n  " + "\n  ".join(errors[:50]))
        text = json.dumps(package, ensure_ascii=False, indent=1)
        if options["out"]:
            options["out"].write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"wrote {len(package['projects'])} projects to {options['out']}")
        else:
            self.stdout.write(text)
