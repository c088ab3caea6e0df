"""The one access helper for attachments: the owning app's registered rule decides (files.registry)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User

from .models import Attachment
from .registry import owner_of


def get_attachment_for_user(user: User, pk: int, *, write: bool = False) -> Attachment:
    """The attachment if the user may read the record it belongs to (404 otherwise); with write=True,
    403 unless they may also change that record."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    owner = owner_of(attachment.content_type.model_class())
    entry = attachment.entry if owner is not None else None
    if owner is None or entry is None or not owner.can_read(user, entry):
        raise Http404
    if write and not owner.can_write(user, entry):
        raise PermissionDenied
    return attachment
