"""Funding task force (争取资金专班): applications for central and provincial budget funds, special bonds,
treasury bonds and other funds, with totals by fund type and by year that follow the table's filters.

An application still being prepared whose deadline has passed is red; one due within 30 days has a
"due soon" badge (the task force "tracks each application's deadlines").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from accounts.models import TaskForce, User
from core.money import amount_text, wan_to_yi

from ..common.selectors import filtered_entries, reference_date
from ..exports import model_columns
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, get_section, register, register_page
from .filters import FundingApplicationFilter
from .forms import FundingApplicationForm
from .models import FundingApplication, FundingStatus
from .selectors import DUE_SOON_DAYS, deadline_state, funding_breakdown, funding_summary

SLUG = "funding"

STATUS_BADGES: dict[str, str] = {
    FundingStatus.PREPARING: "text-bg-light border",
    FundingStatus.APPLIED: "text-bg-info",
    FundingStatus.APPROVED: "text-bg-primary",
    FundingStatus.RECEIVED: "text-bg-success",
    FundingStatus.REJECTED: "text-bg-secondary",
}


def status_badge(application: FundingApplication) -> Badge:
    return (STATUS_BADGES.get(application.status, ""), application.get_status_display())


def _status_date(application: FundingApplication) -> date | None:
    """The date the application reached its status (received, approved, applied or turned down)."""
    if application.status == FundingStatus.RECEIVED:
        return application.received_on
    if application.status == FundingStatus.APPROVED:
        return application.approved_on
    if application.status in (FundingStatus.APPLIED, FundingStatus.REJECTED):
        return application.applied_on
    return None


def deadline_badge(application: FundingApplication) -> Badge | None:
    state = deadline_state(application, today=reference_date())
    if state == "missed":
        return ("text-bg-danger", gettext("Deadline missed"))
    if state == "soon":
        return ("text-bg-warning", gettext("Due soon"))
    return None


def row_class(application: FundingApplication) -> str:
    if deadline_state(application, today=reference_date()) == "missed":
        return "row-overdue"
    if application.status == FundingStatus.REJECTED:
        return "row-muted"
    return ""


register(
    LedgerSection(
        slug=SLUG,
        key="applications",
        title=_("Funding applications"),
        model=FundingApplication,
        form_class=FundingApplicationForm,
        filterset_class=FundingApplicationFilter,
        queryset=lambda: FundingApplication.objects.select_related("project", "project__township"),
        list_columns=[
            ListColumn(_("Project"), "project", link=True),
            ListColumn(_("Fund type"), "fund_type"),
            ListColumn(_("Year"), "year"),
            ListColumn(_("Batch"), "batch"),
            ListColumn(_("Status and date"), _status_date, badge=status_badge),
            ListColumn(_("Application deadline"), "deadline", badge=deadline_badge),
            ListColumn(_("Applied (10k yuan)"), "amount_applied", num=True),
            ListColumn(_("Approved (10k yuan)"), "amount_approved", num=True),
            ListColumn(_("Received (10k yuan)"), "amount_received", num=True),
        ],
        project_columns=[
            ListColumn(_("Fund type"), "fund_type", link=True),
            ListColumn(_("Batch"), "batch"),
            ListColumn(_("Status and date"), _status_date, badge=status_badge),
            ListColumn(_("Applied (10k yuan)"), "amount_applied", num=True),
            ListColumn(_("Approved (10k yuan)"), "amount_approved", num=True),
            ListColumn(_("Received (10k yuan)"), "amount_received", num=True),
        ],
        row_class=row_class,
        export_columns=lambda: model_columns(
            FundingApplication,
            [
                "project",
                "project__township",
                "fund_type",
                "year",
                "batch",
                "status",
                "deadline",
                "amount_applied",
                "applied_on",
                "amount_approved",
                "approved_on",
                "amount_received",
                "received_on",
                "notes",
            ],
        ),
        attachment_kinds=("document",),
        history_label=lambda row: f"{row.year} {row.batch}".strip(),
        help_text=_(
            "Applications for budget funds, special bonds and treasury bonds. Amounts in 10k yuan. The totals "
            "above follow the filters."
        ),
        order=10,
    )
)


# --- the page ---------------------------------------------------------------------------------------


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
    day = reference_date()
    year = day.year
    s = funding_summary(user=user, year=year, today=day)
    base = reverse("taskforces:detail", args=[SLUG])
    this_year = s.this_year
    receipt = this_year.receipt_rate
    return [
        Figure(
            _("Applied this year"),
            amount_text(wan_to_yi(this_year.applied)),
            unit=_("100m yuan"),
            note=gettext("%(year)s · %(n)s applications") % {"year": year, "n": this_year.count},
            url=f"{base}?tab=applications&year={year}",
        ),
        Figure(_("Approved this year"), amount_text(wan_to_yi(this_year.approved)), unit=_("100m yuan"), tone="green"),
        Figure(
            _("Received this year"),
            amount_text(wan_to_yi(this_year.received)),
            unit=_("100m yuan"),
            note=gettext("%(rate)s of approved") % {"rate": f"{receipt:.1f}%" if receipt is not None else "—"},
        ),
        Figure(
            _("All years received"),
            amount_text(wan_to_yi(s.all_years.received)),
            unit=_("100m yuan"),
            note=gettext("applied %(applied)s · approved %(approved)s")
            % {
                "applied": amount_text(wan_to_yi(s.all_years.applied)),
                "approved": amount_text(wan_to_yi(s.all_years.approved)),
            },
        ),
        Figure(
            gettext("Due within %(days)s days") % {"days": DUE_SOON_DAYS},
            s.due_soon,
            tone="gold" if s.due_soon else "",
            url=f"{base}?tab=applications&status={FundingStatus.PREPARING}",
        ),
        Figure(
            _("Deadlines missed"),
            s.missed_deadline,
            tone="red" if s.missed_deadline else "green",
            note=gettext("%(n)s not approved this year") % {"n": s.rejected},
            url=f"{base}?tab=applications&status={FundingStatus.PREPARING}",
        ),
    ]


def panel_context(*, request: AuthenticatedHttpRequest, taskforce: TaskForce) -> dict[str, Any]:
    """Totals by fund type and by year of the filtered applications (the filter's query and two sums)."""
    section = get_section(SLUG, "applications")
    applications, _filterset = filtered_entries(user=request.user, section=section, data=request.GET)
    return {"breakdown": funding_breakdown(applications=applications)}


register_page(
    TaskForcePage(
        slug=SLUG, figures=figures, panel_template="taskforces/funding/panel.html", panel_context=panel_context
    )
)
