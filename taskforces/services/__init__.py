"""Writes to the ledgers. Shared services here; one module per ledger beside it
(`taskforces.services.investment`, `.approvals`, `.supervision`, and `.land`, `.statistics`, `.funding`).

Views call these and nothing else to change data. Keyword-only, typed; history rows get the
acting user from django-simple-history's request middleware, or from `_history_user` in services
run outside a request (demo data, tasks).
"""

from __future__ import annotations

from django.db import models, transaction
from django.contrib.contenttypes.models import ContentType
from django.forms import ModelForm

from projects.models import User

from ..ledgers.common import Attachment
from ..uploads import CleanedUpload


def entry_save(*, form: ModelForm, user: User) -> models.Model:
    """Save a valid ledger entry form (create or edit), recording who entered a new entry."""
    entry = form.save(commit=False)
    if entry.pk is None and hasattr(entry, "created_by_id"):
        entry.created_by = user
    entry._history_user = user
    with transaction.atomic():
        entry.save()
        form.save_m2m()
    return entry


def attachment_create(*, entry: models.Model, cleaned: CleanedUpload, uploaded_by: User | None, caption: str = "") -> Attachment:
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
    attachment._history_user = uploaded_by
    attachment.file.save(cleaned.original_name, cleaned.content, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no orphan file when the row cannot be written
        raise
    return attachment


def attachment_delete(*, attachment: Attachment, user: User) -> None:
    """Remove an attachment and its file (the history keeps who removed it and when)."""
    attachment._history_user = user
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


def entry_save_with_uploads(*, form: ModelForm, user: User, uploads: list[CleanedUpload] | None = None) -> models.Model:
    """Save a new or edited entry and its uploaded files in one transaction."""
    with transaction.atomic():
        entry = entry_save(form=form, user=user)
        for cleaned in uploads or []:
            attachment_create(entry=entry, cleaned=cleaned, uploaded_by=user)
    return entry
