"""Storing and removing attachments. Every file reached this point through `files.pipeline.clean_upload`."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from accounts.models import User

from .models import Attachment
from .pipeline import CleanedUpload


def attachment_create(
    *, entry: models.Model, cleaned: CleanedUpload, uploaded_by: User | None, caption: str = ""
) -> Attachment:
    """Store a checked upload under MEDIA_ROOT and attach it to `entry`."""
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(type(entry)),
        object_id=entry.pk,
        kind=cleaned.kind,
        original_name=cleaned.original_name,
        mime_type=cleaned.mime_type,
        size=cleaned.size,
        sha256=cleaned.sha256,
        caption=caption[:200],
        taken_at=cleaned.taken_at,
        latitude=cleaned.latitude,
        longitude=cleaned.longitude,
        width=cleaned.width,
        height=cleaned.height,
        uploaded_by=uploaded_by,
    )
    attachment._history_user = uploaded_by  # type: ignore[attr-defined]  # where simple_history reads who acted
    attachment.file.save(cleaned.original_name, cleaned.content, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no orphan file when the row cannot be written
        raise
    return attachment


def attachment_delete(*, attachment: Attachment, user: User) -> None:
    """Remove an attachment and its file (the history keeps who removed it and when)."""
    attachment._history_user = user  # type: ignore[attr-defined]  # where simple_history reads who acted
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))
