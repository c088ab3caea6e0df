"""Keeps the request for the audit trail's signal receivers, records refusals on guarded objects, and
records every request the superuser makes (the superuser is for emergencies)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from accounts.events import Action, Outcome

from .services import current_request, record


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_superuser:
                record(
                    Action.SUPERUSER_USE,
                    request=request,
                    detail=f"{request.method} {request.get_full_path()[:500]} → {response.status_code}",
                )
            return response
        finally:
            current_request.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """A 403 or 404 raised by a view's access helper for someone logged in: who tried what."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        if isinstance(exception, (PermissionDenied, Http404)):
            status = 403 if isinstance(exception, PermissionDenied) else 404
            record(
                Action.ACCESS_DENIED,
                request=request,
                outcome=Outcome.DENIED,
                detail=f"{status} {request.method} {request.get_full_path()[:500]}",
            )
