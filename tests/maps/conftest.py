"""Builders for the map's tests: locations and site photos (kept here, beside the tests that use them)."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from files.models import Attachment, AttachmentKind
from maps.models import LocationSource, ProjectLocation
from projects.models import Project
from taskforces.models import SupervisionVisit


def make_location(
    project: Project, lon: str = "112.42", lat: str = "35.48", shape: dict | None = None
) -> ProjectLocation:
    return ProjectLocation.objects.create(
        project=project,
        longitude=Decimal(lon),
        latitude=Decimal(lat),
        shape=shape,
        source=LocationSource.TYPED,
    )


def make_site_photo(
    project: Project, *, lon: str | None = "112.431234", lat: str | None = "35.491234", caption: str = "现场照片"
) -> Attachment:
    """A supervision visit to the project with one photo whose EXIF GPS position was kept."""
    visit = SupervisionVisit.objects.create(project=project, date=date(2024, 5, 6), inspectors="督导组")
    name = f"{caption}-{visit.pk}.jpg"
    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(SupervisionVisit),
        object_id=visit.pk,
        kind=AttachmentKind.PHOTO,
        file=f"ledgers/supervisionvisit/{name}",
        original_name=name,
        mime_type="image/jpeg",
        size=1000,
        sha256=hashlib.sha256(name.encode()).hexdigest(),
        caption=caption,
        latitude=None if lat is None else Decimal(lat),
        longitude=None if lon is None else Decimal(lon),
    )
