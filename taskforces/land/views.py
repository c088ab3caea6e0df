"""The land ledger's own view: putting a land problem on the county's problem ledger."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest

from ..access import get_land_problem_for_user
from .services import land_problem_escalate


@require_POST
def land_problem_to_ledger(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Members of the land task force only (404 to those who may not see it, 403 to readers)."""
    land_problem = get_land_problem_for_user(request.user, pk, write=True)
    land_problem_escalate(land_problem=land_problem, user=request.user)
    messages.success(request, _("The problem is on the county's problem ledger."))
    return redirect(reverse("taskforces:entry", args=["land", "problems", land_problem.pk]))
