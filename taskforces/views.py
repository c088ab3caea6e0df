from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .access import get_attachment_for_user
from .models import TaskForce


def taskforce_index(request: HttpRequest) -> HttpResponse:
    return render(request, "taskforces/index.html", {"taskforces": TaskForce.objects.select_related("lead_unit"), "nav_section": "taskforces"})


def taskforce_detail(request: HttpRequest, slug: str) -> HttpResponse:
    taskforce = get_object_or_404(TaskForce.objects.select_related("lead_unit"), slug=slug)
    return render(request, "taskforces/detail.html", {"taskforce": taskforce, "nav_section": "taskforces"})


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Stream a photo or document to someone who may read its entry (404 to anyone else).

    Photos are shown inline (they were re-encoded on upload); documents always download.
    """
    attachment = get_attachment_for_user(request.user, pk)
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
