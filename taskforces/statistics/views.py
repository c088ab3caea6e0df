"""The statistics-inclusion ledger's own view: opening a month's screening in one step."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest

from ..access import get_taskforce_for_user
from .forms import ScreeningOpenForm
from .services import statistics_screening_open


@require_POST
def screening_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List every eligible project in a month's screening (members of the task force only)."""
    get_taskforce_for_user(request.user, "statistics", write=True)
    url = reverse("taskforces:detail", args=["statistics"]) + "?tab=screening"
    form = ScreeningOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid year and month."))
        return redirect(url)
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    result = statistics_screening_open(year=year, month=month, user=request.user)
    messages.success(
        request,
        _("%(year)s-%(month)02d screening: %(created)s projects added, %(existing)s already listed.")
        % {"year": year, "month": month, "created": result.created, "existing": result.existing},
    )
    return redirect(f"{url}&period={year}-{month:02d}")
