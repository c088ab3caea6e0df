"""The investment ledger's own view: a signed lead becomes a project in the register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest

from ..access import get_lead_for_user
from .services import lead_convert_to_project


@require_POST
def lead_convert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A signed lead becomes a project in the register, in one step (investment members and administrators)."""
    lead = get_lead_for_user(request.user, pk, write=True)
    try:
        project = lead_convert_to_project(lead=lead, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("taskforces:entry", lead.ledger_slug, "leads", lead.pk)
    messages.success(request, gettext("The project “%(name)s” is now in the register.") % {"name": project.name})
    return redirect(reverse("projects:detail", args=[project.pk]))
