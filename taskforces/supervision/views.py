"""The supervision ledger's own views: the visit form, with its ten checks and phone photos on one page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from accounts.http import AuthenticatedHttpRequest

from ..access import get_supervision_visit_for_user, get_taskforce_for_user
from ..common.selectors import entry_url
from ..registry import get_section
from .forms import SupervisionVisitForm
from .models import CheckResult, SupervisionVisit
from .services import supervision_visit_save


def _visit_form_page(request: AuthenticatedHttpRequest, *, visit: SupervisionVisit | None) -> HttpResponse:
    taskforce = get_taskforce_for_user(request.user, SupervisionVisit.ledger_slug, write=True)
    section = get_section(SupervisionVisit.ledger_slug, "visits")
    initial = {}
    if visit is None and request.method == "GET":
        # On a site with a phone: today, and the person entering as the inspector, prefilled.
        initial = {"date": timezone.localdate(), "inspectors": request.user.display_name}
        initial.update({k: v for k, v in request.GET.items() if k in ("project", "date")})
    form = SupervisionVisitForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=visit,
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved = supervision_visit_save(
            visit=visit, values=form.values(), checks=form.checks(), photos=form.new_photos(), user=request.user
        )
        raised = sum(1 for c in saved.checks.all() if c.result == CheckResult.PROBLEM)
        messages.success(
            request,
            gettext("Visit saved.")
            + (" " + gettext("%(n)s problems are on the problem ledger.") % {"n": raised} if raised else ""),
        )
        return redirect(entry_url(section, saved))
    return render(
        request,
        "taskforces/supervision/visit_form.html",
        {"taskforce": taskforce, "section": section, "form": form, "entry": visit, "nav_section": "taskforces"},
    )


def supervision_visit_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _visit_form_page(request, visit=None)


def supervision_visit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_supervision_visit_for_user(request.user, pk, write=True)
    return _visit_form_page(request, visit=visit)
