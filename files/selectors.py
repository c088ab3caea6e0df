"""Reads of attachments."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Attachment


def attachments_by_entry(entries: list[models.Model]) -> dict[int, list[Attachment]]:
    """Attachments of several entries of ONE model, by entry pk (one query)."""
    if not entries:
        return {}
    content_type = ContentType.objects.get_for_model(type(entries[0]))
    result: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(content_type=content_type, object_id__in=[e.pk for e in entries]):
        result[attachment.object_id].append(attachment)
    return result
