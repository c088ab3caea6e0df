"""Load a township boundary set: `manage.py load_boundaries FILE --source "…"` (the newest set is drawn)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Unit, UnitKind
from maps.services import boundary_set_load


class Command(BaseCommand):
    help = "Load township boundaries from a GeoJSON FeatureCollection (polygons named in properties.name, WGS-84)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--name", default="", help="A name for the set (default: the file's name).")
        parser.add_argument("--source", required=True, help="Where the boundaries come from and under what terms.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        try:
            boundary_set = boundary_set_load(
                raw=raw, name=options["name"] or path.stem, source=options["source"], loaded_by=None
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        names = {f["properties"]["name"] for f in boundary_set.features["features"]}
        townships = set(
            Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEV_ZONE]).values_list("name", flat=True)
        )
        self.stdout.write(f"loaded {boundary_set.feature_count} boundaries as “{boundary_set.name}”")
        for name in sorted(names - townships):
            self.stdout.write(f"  no township unit is named {name} (drawn, but not coloured)")
        for name in sorted(townships - names):
            self.stdout.write(f"  township {name} has no boundary in the file")
