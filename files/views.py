"""Serving a kept file, after the access check, with headers that keep a browser from running it."""

from __future__ import annotations

import hashlib
import logging

from django.core.files import File
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from accounts.events import Action, Outcome
from accounts.http import AuthenticatedHttpRequest
from audit.services import record

from .access import get_attachment_for_user
from .models import Attachment

logger = logging.getLogger(__name__)


def attachment_response(attachment: Attachment) -> FileResponse:
    """Photos inline (they were re-encoded on upload), everything else as a download; never sniffed, never
    scripted (a sandbox CSP even if a browser were to render it)."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if not _checksum_matches(handle, attachment.sha256):
        handle.close()
        logger.error("attachment %s: the stored file no longer matches its SHA-256", attachment.pk)
        record(Action.DOWNLOAD, target=attachment, outcome=Outcome.FAILURE, detail="SHA-256 mismatch: not served")
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=not attachment.is_photo,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _checksum_matches(handle: File, expected: str) -> bool:
    """The file still has the SHA-256 taken when it was uploaded (read in 1 MB pieces, then rewound)."""
    digest = hashlib.sha256()
    for chunk in handle.chunks(1 << 20):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest() == expected


@require_GET
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Stream a photo or document to someone who may read the record it belongs to (404 to anyone else)."""
    attachment = get_attachment_for_user(request.user, pk)
    response = attachment_response(attachment)
    record(Action.DOWNLOAD, request=request, target=attachment, detail=attachment.original_name)
    return response
