"""Writes of the map: a project's location (typed, clicked, from a photo), township boundary sets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from files.models import Attachment
from projects.models import Project

from .coords import CoordinateSystem, to_wgs84
from .geometry import clean_boundaries, clean_shape
from .models import BoundarySet, LocationSource, ProjectLocation
from .selectors import project_photos_with_gps


@transaction.atomic
def location_set(
    *,
    project: Project,
    longitude: Decimal,
    latitude: Decimal,
    crs: str,
    source: str,
    set_by: User | None,
    shape: dict[str, Any] | None = None,
    keep_shape: bool = False,
    photo: Attachment | None = None,
) -> ProjectLocation:
    """Set the project's location. The point is given in `crs` and stored as WGS-84; the line or polygon,
    drawn on the map, is WGS-84 already. With `keep_shape`, a shape already stored stays (a photo moves
    only the point)."""
    crs = CoordinateSystem(crs)
    lon, lat = to_wgs84(longitude, latitude, crs)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(_("A longitude lies between -180 and 180, a latitude between -90 and 90."))
    location = ProjectLocation.objects.select_for_update().filter(project=project).first()
    if location is None:
        location = ProjectLocation(project=project)
    if not keep_shape:
        location.shape = clean_shape(shape)
    location.longitude, location.latitude = lon, lat
    location.entered_crs = crs
    location.source = LocationSource(source)
    location.photo = photo
    location.set_by = set_by
    location.set_at = timezone.now()
    location._history_user = set_by  # type: ignore[attr-defined]  # simple_history reads it outside a request
    location.save()
    return location


def location_from_photo(*, project: Project, attachment_id: int, set_by: User) -> ProjectLocation:
    """Move the project's point to where a site photo of one of its ledger entries was taken (phone GPS is
    WGS-84). Only a photo that the person may read, with a GPS position, of this project, is accepted."""
    candidates = {photo.pk: photo for photo in project_photos_with_gps(project=project, user=set_by)}
    attachment = candidates.get(attachment_id)
    if attachment is None or attachment.latitude is None or attachment.longitude is None:
        raise ValidationError(_("That photo has no GPS position or does not belong to this project."))
    return location_set(
        project=project,
        longitude=attachment.longitude,
        latitude=attachment.latitude,
        crs=CoordinateSystem.WGS84,
        source=LocationSource.PHOTO,
        set_by=set_by,
        keep_shape=True,
        photo=attachment,
    )


def location_clear(*, project: Project, cleared_by: User) -> None:
    location = ProjectLocation.objects.filter(project=project).first()
    if location is not None:
        location._history_user = cleared_by  # type: ignore[attr-defined]  # simple_history reads it outside a request
        location.delete()


def boundary_set_load(*, raw: bytes, name: str, source: str, loaded_by: User | None) -> BoundarySet:
    """Check a GeoJSON file of township boundaries and make it the set the map draws."""
    if not source.strip():
        raise ValidationError(_("Say where the boundaries come from and under what terms."))
    collection = clean_boundaries(raw)
    return BoundarySet.objects.create(
        name=name.strip()[:200] or _("Township boundaries"),
        source=source.strip(),
        features=collection,
        feature_count=len(collection["features"]),
        loaded_by=loaded_by,
    )
