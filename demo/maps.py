"""Demo locations: every demo project gets a point inside its township (the shipped approximate boundaries),
roads and pipelines a line, parks and small towns an area.

Points are drawn from a seeded random around the township's seat and kept only inside its polygon, so
loading twice gives the same places; only projects without a location get one (idempotent).
"""

from __future__ import annotations

import json
import math
import random
from decimal import Decimal
from io import TextIOBase

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from maps.coords import PLACES, CoordinateSystem
from maps.geometry import contains
from maps.models import LocationSource, ProjectLocation
from maps.selectors import SHIPPED_BOUNDARIES
from projects.models import Project

LINE_WORDS = ("公路", "道路", "管网", "管道", "线路", "输电")
AREA_WORDS = ("园区", "小镇", "示范片区", "物流园", "产业园", "公园")
KM_LAT = 1 / 111.0  # degrees of latitude in a kilometre
KM_LON = 1 / (111.0 * math.cos(math.radians(35.45)))


def _townships() -> dict[str, tuple[dict, tuple[float, float]]]:
    """name -> (polygon geometry, seat) from the shipped file."""
    data = json.loads(SHIPPED_BOUNDARIES.read_text(encoding="utf-8"))
    return {
        f["properties"]["name"]: (f["geometry"], (f["properties"]["seat"][0], f["properties"]["seat"][1]))
        for f in data["features"]
    }


def _point_near(rng: random.Random, geometry: dict, seat: tuple[float, float], km: float) -> tuple[float, float]:
    """A point within about `km` of the seat and inside the polygon (the seat itself after 200 misses)."""
    for _attempt in range(200):
        lon = seat[0] + rng.gauss(0, km) * KM_LON
        lat = seat[1] + rng.gauss(0, km) * KM_LAT
        if contains(geometry, lon, lat):
            return lon, lat
    return seat


def _line(rng: random.Random, geometry: dict, start: tuple[float, float]) -> dict | None:
    """A road-like line of five points from `start`, 0.6–1.2 km a step, kept inside the township."""
    heading = rng.uniform(0, 2 * math.pi)
    points = [start]
    for _step in range(40):
        if len(points) == 5:
            break
        heading += rng.uniform(-0.5, 0.5)
        step = rng.uniform(0.6, 1.2)
        lon = points[-1][0] + math.cos(heading) * step * KM_LON
        lat = points[-1][1] + math.sin(heading) * step * KM_LAT
        if contains(geometry, lon, lat):
            points.append((lon, lat))
        else:
            heading += math.pi / 2
    if len(points) < 3:
        return None
    return {"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in points]}


def _area(rng: random.Random, centre: tuple[float, float]) -> dict:
    """A park-like six-sided area of about 0.5 km across around `centre`."""
    ring = []
    offset = rng.uniform(0, math.pi)
    for k in range(6):
        angle = offset + k * math.pi / 3
        radius = rng.uniform(0.2, 0.35)
        ring.append(
            [
                round(centre[0] + math.cos(angle) * radius * KM_LON, 6),
                round(centre[1] + math.sin(angle) * radius * KM_LAT, 6),
            ]
        )
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


@transaction.atomic
def load(*, stdout: TextIOBase | None = None) -> None:
    townships = _townships()
    author = User.objects.filter(username="hq").first()
    projects = Project.objects.filter(location__isnull=True, township__isnull=False).select_related("township")
    rows: list[ProjectLocation] = []
    for project in projects.order_by("pk"):
        place = townships.get(project.township.name) if project.township else None
        if place is None:
            continue
        geometry, seat = place
        rng = random.Random(f"maps-{project.code or project.name}")
        lon, lat = _point_near(rng, geometry, seat, km=2.5)
        shape = None
        if any(word in project.name for word in LINE_WORDS):
            shape = _line(rng, geometry, (lon, lat))
        elif any(word in project.name for word in AREA_WORDS):
            shape = _area(rng, (lon, lat))
        rows.append(
            ProjectLocation(
                project=project,
                longitude=Decimal(repr(lon)).quantize(PLACES),
                latitude=Decimal(repr(lat)).quantize(PLACES),
                shape=shape,
                entered_crs=CoordinateSystem.WGS84,
                source=LocationSource.DEMO,
                set_by=author,
            )
        )
    if rows:
        bulk_create_with_history(rows, ProjectLocation, default_user=author)
    if stdout is not None:
        stdout.write(f"  maps: {ProjectLocation.objects.count()} project locations")
