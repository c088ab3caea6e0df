"""Refuse an oversized request from its Content-Length, before any byte of the body is read or spooled.

Anonymous requests, the login page's among them, may carry ANONYMOUS_MAX_BODY_BYTES (a login form is a
few hundred bytes); logged-in ones REQUEST_MAX_BODY_BYTES (several uploads at once). Django's own limits
(DATA_UPLOAD_MAX_MEMORY_SIZE, FILE_UPLOAD_MAX_MEMORY_SIZE) apply after this, while the body is parsed.
A body sent without a Content-Length (chunked) is limited by the WSGI server, which gives Django none.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Bad request."), status=400, content_type="text/plain; charset=utf-8")
        if length:
            user = getattr(request, "user", None)
            anonymous = user is None or not user.is_authenticated
            limit = settings.ANONYMOUS_MAX_BODY_BYTES if anonymous else settings.REQUEST_MAX_BODY_BYTES
            if length > limit:
                return HttpResponse(
                    _("The request is too large."), status=413, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)
