"""Reads of the map: the year's projects as GeoJSON, township boundaries, a project's site photos with GPS.

The projects' figures and colours come from the register (projects.selectors) unchanged: completed
Jan..M, completion rate, and red / yellow / green as `projects_behind` colours the dashboard's list.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse

from accounts.models import User
from core.money import percent_text, plain_amount, rate
from core.periods import time_progress
from files.models import Attachment, AttachmentKind
from files.registry import owner_of
from projects.models import Project, ProjectYear, Tier
from projects.selectors.figures import key_projects_with_progress
from projects.selectors.starts import projects_behind

from .geometry import bounds
from .models import BoundarySet, ProjectLocation

SHIPPED_BOUNDARIES = Path(__file__).resolve().parent / "data" / "yangcheng_townships.geojson"

# The register's thresholds, read from its selector rather than copied: red is more than RED_POINTS
# behind time progress, yellow more than YELLOW_POINTS.
_BEHIND = inspect.signature(projects_behind).parameters
RED_POINTS: Decimal = _BEHIND["red_points"].default
YELLOW_POINTS: Decimal = _BEHIND["yellow_points"].default

# Colours of a project on the map: the register's three, and grey for a project without an annual plan.
NO_PLAN = "grey"


# --- boundaries ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def shipped_boundaries() -> dict[str, Any]:
    """The approximate boundaries that ship with the system (maps/data; see the file's `source`)."""
    data = json.loads(SHIPPED_BOUNDARIES.read_text(encoding="utf-8"))
    return {
        "type": "FeatureCollection",
        "name": data.get("name", ""),
        "source": data.get("source", ""),
        "approximate": True,
        "features": [
            {"type": "Feature", "properties": {"name": f["properties"]["name"]}, "geometry": f["geometry"]}
            for f in data["features"]
        ],
    }


def current_boundaries() -> dict[str, Any]:
    """The township boundaries the map draws: the newest loaded set, else the shipped approximate one."""
    latest = BoundarySet.objects.order_by("-loaded_at", "-id").first()
    if latest is None:
        return shipped_boundaries()
    return {
        "type": "FeatureCollection",
        "name": latest.name,
        "source": latest.source,
        "approximate": False,
        "features": latest.features["features"],
    }


def boundaries_bounds(collection: dict[str, Any]) -> tuple[float, float, float, float] | None:
    return bounds([feature["geometry"] for feature in collection["features"]])


# --- the year's projects --------------------------------------------------------------------------


def _point_and_shape(location: ProjectLocation) -> dict[str, Any]:
    if not location.shape:
        return location.point
    return {"type": "GeometryCollection", "geometries": [location.point, location.shape]}


def _cumulative(row: ProjectYear) -> Decimal:
    return row.cumulative  # type: ignore[attr-defined]  # annotated by key_projects_with_progress


def map_features(*, listing: QuerySet[ProjectYear], year: int, month: int) -> dict[str, Any]:
    """The listed projects of `year` with a location, as a GeoJSON FeatureCollection, with figures Jan..M.

    Each feature's properties: name, tier, township, annual_plan and completed (exact 万元 strings),
    colour ("red" / "yellow" / "green", or "grey" without a plan), and for the popup tier_label,
    completion_rate, vs_time_progress (percent, two places) and url. Foreign members: year, month,
    time_progress, `unlocated` (listed projects without a location) and `townships` (each township's
    plan, completed and completion rate over the listed projects, located or not). Two queries,
    whatever the number of projects.
    """
    tp = time_progress(month)
    colours = {item.pk: colour for item, _gap, colour in projects_behind(year=year, month=month)}
    rows = (
        key_projects_with_progress(year=year, month=month, listing=listing)
        .select_related("project__location")
        .order_by("-annual_plan", "project__name", "id")
    )
    features: list[dict[str, Any]] = []
    townships: dict[str, dict[str, Any]] = {}
    unlocated = 0
    for row in rows:
        project = row.project
        township = project.township.name if project.township else ""
        if township:
            figures = townships.setdefault(township, {"count": 0, "annual_plan": Decimal(0), "completed": Decimal(0)})
            figures["count"] += 1
            figures["annual_plan"] += row.annual_plan
            figures["completed"] += _cumulative(row)
        location = getattr(project, "location", None)
        if location is None:
            unlocated += 1
            continue
        completion = rate(_cumulative(row), row.annual_plan)
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                "geometry": _point_and_shape(location),
                "properties": {
                    "name": project.name,
                    "tier": row.tier,
                    "township": township,
                    "annual_plan": plain_amount(row.annual_plan),
                    "completed": plain_amount(_cumulative(row)),
                    "colour": colours.get(row.pk, "green") if row.annual_plan > 0 else NO_PLAN,
                    "tier_label": str(Tier(row.tier).label),
                    "completion_rate": percent_text(completion),
                    "vs_time_progress": percent_text(None if completion is None else completion - tp),
                    "url": f"{reverse('projects:detail', args=[project.pk])}?year={year}",
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "year": year,
        "month": month,
        "time_progress": percent_text(tp),
        "unlocated": unlocated,
        "townships": {
            name: {
                "count": figures["count"],
                "annual_plan": plain_amount(figures["annual_plan"]),
                "completed": plain_amount(figures["completed"]),
                "completion_rate": percent_text(rate(figures["completed"], figures["annual_plan"])),
            }
            for name, figures in sorted(townships.items())
        },
        "features": features,
    }


def geometries_by_project(project_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """{project id: [point, shape?]} as GeoJSON geometries (WGS-84). One query."""
    return {
        location.project_id: [location.point] + ([location.shape] if location.shape else [])
        for location in ProjectLocation.objects.filter(project_id__in=list(project_ids))
    }


def location_of(project: Project) -> ProjectLocation | None:
    return ProjectLocation.objects.filter(project=project).select_related("photo").first()


# --- site photos ----------------------------------------------------------------------------------


def _path_to_project(model: type[models.Model]) -> str | None:
    """How the model's rows reach a project: a foreign key to Project, or the ledgers' `project_path`."""
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and field.related_model is Project:
            return field.name
    path = getattr(model, "project_path", None)
    return path if isinstance(path, str) and path else None


def _models_with_project_files() -> list[tuple[type[models.Model], str]]:
    """Models whose attachments files.registry serves and whose rows belong to a project."""
    found: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models():
        if owner_of(model) is None:
            continue
        path = _path_to_project(model)
        if path:
            found.append((model, path))
    return found


def project_photos_with_gps(*, project: Project, user: User, limit: int = 50) -> list[Attachment]:
    """Photos with a GPS position attached to the project's ledger entries (any app that keeps files for
    project records), newest first, that the user may read. Two queries plus one per kind of entry, and
    whatever the owning apps' read checks cost (at most `limit` photos are checked)."""
    condition = Q()
    for model, path in _models_with_project_files():
        entries = model._default_manager.filter(**{path: project}).values("pk")
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=entries)
    if not condition:
        return []
    photos = list(
        Attachment.objects.filter(
            condition, kind=AttachmentKind.PHOTO, latitude__isnull=False, longitude__isnull=False
        )
        .select_related("content_type")
        .prefetch_related("entry")
        .order_by("-taken_at", "-uploaded_at", "-id")[:limit]
    )
    readable: list[Attachment] = []
    for photo in photos:
        owner = owner_of(photo.content_type.model_class())
        if owner is not None and photo.entry is not None and owner.can_read(user, photo.entry):
            readable.append(photo)
    return readable
