"""Writes of the investment ledger."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Project, ProjectStatus

from ..common.services import record_author
from .models import Lead, LeadStage


@transaction.atomic
def lead_convert_to_project(*, lead: Lead, user: User) -> Project:
    """Create the register project of a signed lead, in one step, and keep the link (`lead.project`).

    The project takes the lead's name, investor (as owner), intended investment (as total
    investment), host township and industry; putting it on a year's key list stays with the HQ
    office. Refused for a lead that is not signed or already has its project.
    """
    lead = Lead.objects.select_for_update(of=("self",)).select_related("industry", "host_township").get(pk=lead.pk)
    if lead.project_id is not None:
        raise ValidationError(_("This lead already has its project in the register."), code="converted")
    if lead.stage not in (LeadStage.SIGNED, LeadStage.LANDED):
        raise ValidationError(_("Only a signed lead becomes a project."), code="not_signed")
    project = Project(
        name=lead.name,
        owner=lead.investor,
        total_investment=lead.intended_investment,
        township=lead.host_township,
        industry=lead.industry.name if lead.industry else "",
        status=ProjectStatus.NOT_STARTED,
        remarks=_("From investment lead: %(investor)s, signed %(date)s.")
        % {"investor": lead.investor, "date": lead.signed_on.isoformat() if lead.signed_on else "—"},
    )
    record_author(project, user)
    project.save()
    lead.project = project
    record_author(lead, user)
    lead.save(update_fields=["project", "updated_at"])
    return project
