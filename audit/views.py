"""The audit administrator's pages: the trail, filtered, and its .xlsx export. Read only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.access import is_audit_admin
from accounts.events import Action
from accounts.http import AuthenticatedHttpRequest
from core.xlsx import xlsx_response

from .exports import audit_workbook
from .forms import EventFilterForm
from .selectors import events
from .services import record


def _require_audit_admin(request: AuthenticatedHttpRequest) -> None:
    if not is_audit_admin(request.user):
        raise PermissionDenied


@require_GET
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_audit_admin(request)
    form = EventFilterForm(request.GET or None)
    rows = events(form.filters()).select_related(None).order_by("-at", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/events.html", context)


@require_GET
def event_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_audit_admin(request)
    form = EventFilterForm(request.GET or None)
    content = audit_workbook(form.filters())
    record(Action.AUDIT_EXPORT, request=request, detail=f"xlsx {request.GET.urlencode()}"[:500])
    return xlsx_response(content, _("Audit trail"))
