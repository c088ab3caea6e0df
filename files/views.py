"""Serving a kept file, after the access check, with headers that keep a browser from running it."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest

from .access import get_attachment_for_user
from .models import Attachment


def attachment_response(attachment: Attachment) -> FileResponse:
    """Photos inline (they were re-encoded on upload), everything else as a download; never sniffed, never
    scripted (a sandbox CSP even if a browser were to render it)."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
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


@require_GET
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Stream a photo or document to someone who may read the record it belongs to (404 to anyone else)."""
    return attachment_response(get_attachment_for_user(request.user, pk))
