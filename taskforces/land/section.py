"""Land-use guarantee task force (用地保障专班): land demand, land problems, the quarterly land meeting
and its decisions.

Returned files (退件) stand out everywhere: a red row and badge in the ledger, on the entry page
and on the project page, a red key figure, and a list of them on top of the task force's page.
The notice's aim is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from accounts.models import TaskForce, User

from ..common.selectors import problem_url, reference_date, truncated
from ..exports import Column, model_columns
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from .filters import LandDemandFilter, LandMeetingDecisionFilter, LandMeetingFilter, LandProblemFilter
from .forms import LandDemandForm, LandMeetingDecisionForm, LandMeetingForm, LandProblemForm
from .models import LandDemand, LandMeeting, LandMeetingDecision, LandProblem, LandProblemStatus, LandStage
from .selectors import land_meeting_ledger, land_summary, returned_land_demands
from .views import land_problem_to_ledger

SLUG = "land"

STAGE_BADGES: dict[str, str] = {
    LandStage.NOT_FILED: "text-bg-light border",
    LandStage.PREPARING: "text-bg-secondary",
    LandStage.SUBMITTED_CITY: "text-bg-info",
    LandStage.SUBMITTED_PROVINCE: "text-bg-primary",
    LandStage.APPROVED: "text-bg-success",
    LandStage.RETURNED: "text-bg-danger",
}


def _quarter_label(year: int, quarter: int) -> str:
    return gettext("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}


# --- land demand ------------------------------------------------------------------------------------


def stage_badge(demand: LandDemand) -> Badge:
    return (STAGE_BADGES.get(demand.stage, ""), demand.get_stage_display())


def returned_row(demand: LandDemand) -> str:
    return "row-red" if demand.is_returned else ""


def _returned_note(demand: LandDemand) -> str:
    if not demand.is_returned:
        return ""
    return Truncator(demand.returned_reason).chars(40)


def _demand_history_label(row: Any) -> str:
    return gettext("%(area)s mu · %(stage)s") % {
        "area": row.area_mu,
        "stage": LandStage(row.stage).label if row.stage in LandStage.values else row.stage,
    }


def _demand_export_columns() -> list[Column]:
    columns = model_columns(
        LandDemand,
        [
            "project",
            "project__township",
            "area_mu",
            "land_type",
            "stage",
            "stage_date",
            "submitted_city_on",
            "submitted_province_on",
            "approved_on",
            "approval_number",
            "returned_on",
            "returned_reason",
            "notes",
        ],
    )
    columns.append(Column(_("Returned file?"), lambda demand: demand.is_returned, 8))
    return columns


register(
    LedgerSection(
        slug=SLUG,
        key="demands",
        title=_("Land demand"),
        model=LandDemand,
        form_class=LandDemandForm,
        filterset_class=LandDemandFilter,
        queryset=lambda: LandDemand.objects.select_related("project", "project__township", "land_type"),
        list_columns=[
            ListColumn(_("Project"), "project", link=True),
            ListColumn(_("Township"), "project__township"),
            ListColumn(_("Area (mu)"), "area_mu", num=True),
            ListColumn(_("Land type"), "land_type"),
            ListColumn(_("Stage and date"), "stage_date", badge=stage_badge),
            ListColumn(_("Approval document number"), "approval_number"),
            # On a phone the red card and the list of returned files above say it.
            ListColumn(_("Reason returned"), _returned_note, wide_only=True),
        ],
        project_columns=[
            ListColumn(_("Area (mu)"), "area_mu", num=True, link=True),
            ListColumn(_("Land type"), "land_type"),
            ListColumn(_("Stage and date"), "stage_date", badge=stage_badge),
            ListColumn(_("Reason returned"), _returned_note),
        ],
        row_class=returned_row,
        export_columns=_demand_export_columns,
        attachment_kinds=("document",),
        detail_template="taskforces/land/demand_detail.html",
        detail_context=lambda request, entry: {"stage_badge": stage_badge(entry)},
        history_label=_demand_history_label,
        help_text=_(
            "Each project's land demand and where its application stands. Red rows are returned files: "
            "the aim is none."
        ),
        order=10,
    )
)


# --- land problems ----------------------------------------------------------------------------------


def _problem_overdue(problem: LandProblem) -> bool:
    return (
        problem.status == LandProblemStatus.OPEN
        and problem.deadline is not None
        and problem.deadline < reference_date()
    )


def problem_status_badge(problem: LandProblem) -> Badge:
    if problem.status == LandProblemStatus.RESOLVED:
        return ("text-bg-success", problem.get_status_display())
    if _problem_overdue(problem):
        return ("text-bg-danger", gettext("Overdue"))
    return ("text-bg-warning", problem.get_status_display())


register(
    LedgerSection(
        slug=SLUG,
        key="problems",
        title=_("Land problems"),
        model=LandProblem,
        form_class=LandProblemForm,
        filterset_class=LandProblemFilter,
        queryset=lambda: LandProblem.objects.select_related("project", "project__township", "responsible_unit"),
        list_columns=[
            ListColumn(_("Project"), "project"),
            ListColumn(_("Problem"), truncated("description"), link=True),
            ListColumn(_("Measures"), truncated("measures")),
            ListColumn(_("Responsible unit"), "responsible_unit"),
            ListColumn(_("Deadline"), "deadline"),
            ListColumn(_("Status"), "resolved_on", badge=problem_status_badge),
        ],
        project_columns=[
            ListColumn(_("Problem"), truncated("description"), link=True),
            ListColumn(_("Responsible unit"), "responsible_unit"),
            ListColumn(_("Deadline"), "deadline"),
            ListColumn(_("Status"), "resolved_on", badge=problem_status_badge),
        ],
        row_class=lambda problem: "row-overdue" if _problem_overdue(problem) else "",
        detail_template="taskforces/land/problem_detail.html",
        detail_context=lambda request, entry: {
            "status_badge": problem_status_badge(entry),
            "problem_url": problem_url(entry.problem_id),
        },
        export_fields=[
            "project",
            "project__township",
            "description",
            "measures",
            "responsible_unit",
            "deadline",
            "status",
            "resolved_on",
            "problem",
        ],
        attachment_kinds=("document", "photo"),
        history_label=lambda row: Truncator(row.description).chars(30),
        help_text=_("The land-problem list: what blocks a project's land, the measures, who and by when."),
        order=20,
    )
)


# --- the quarterly land meeting ---------------------------------------------------------------------


def _decisions_cell(meeting: LandMeeting) -> str:
    total = getattr(meeting, "decision_count", None)
    if total is None:
        return ""
    return gettext("%(total)s (%(open)s open)") % {"total": total, "open": getattr(meeting, "open_decision_count", 0)}


def _decision_overdue(decision: LandMeetingDecision) -> bool:
    return not decision.done and decision.deadline is not None and decision.deadline < reference_date()


def decision_badge(decision: LandMeetingDecision) -> Badge:
    if decision.done:
        return ("text-bg-success", gettext("Done"))
    if _decision_overdue(decision):
        return ("text-bg-danger", gettext("Overdue"))
    return ("text-bg-warning", gettext("Open"))


@dataclass
class DecisionRow:
    """A decision on its meeting's page, coloured as in the decisions ledger."""

    decision: LandMeetingDecision
    badge: Badge
    overdue: bool


def _meeting_detail_context(*, request: AuthenticatedHttpRequest, entry: LandMeeting) -> dict[str, Any]:
    decisions = entry.decisions.select_related("project", "responsible_unit").order_by("id")
    return {"decisions": [DecisionRow(d, decision_badge(d), _decision_overdue(d)) for d in decisions]}


register(
    LedgerSection(
        slug=SLUG,
        key="meetings",
        title=_("Quarterly land meetings"),
        model=LandMeeting,
        form_class=LandMeetingForm,
        filterset_class=LandMeetingFilter,
        queryset=land_meeting_ledger,
        list_columns=[
            ListColumn(_("Quarter"), lambda m: _quarter_label(m.year, m.quarter), link=True),
            ListColumn(_("Date"), "date"),
            ListColumn(_("Place"), "place"),
            ListColumn(_("Chaired by"), "chair"),
            ListColumn(_("Summary"), truncated("summary", 60)),
            ListColumn(_("Decisions"), _decisions_cell, num=True),
        ],
        export_fields=["year", "quarter", "date", "place", "chair", "attendees", "summary"],
        attachment_kinds=("document", "photo"),
        detail_template="taskforces/land/meeting_detail.html",
        detail_context=_meeting_detail_context,
        history_label=lambda row: _quarter_label(row.year, row.quarter),
        help_text=_("A land meeting every quarter (每季度一次项目用地专题会), with its decisions."),
        order=30,
    )
)


register(
    LedgerSection(
        slug=SLUG,
        key="decisions",
        title=_("Meeting decisions"),
        model=LandMeetingDecision,
        form_class=LandMeetingDecisionForm,
        filterset_class=LandMeetingDecisionFilter,
        queryset=lambda: LandMeetingDecision.objects.select_related("meeting", "project", "responsible_unit").order_by(
            "-meeting__date", "id"
        ),
        list_columns=[
            ListColumn(_("Meeting"), lambda d: _quarter_label(d.meeting.year, d.meeting.quarter)),
            ListColumn(_("Project"), "project"),
            ListColumn(_("Decision"), truncated("decision", 50), link=True),
            ListColumn(_("Responsible unit"), "responsible_unit"),
            ListColumn(_("Deadline and status"), "deadline", badge=decision_badge),
        ],
        project_columns=[
            ListColumn(_("Meeting"), lambda d: _quarter_label(d.meeting.year, d.meeting.quarter)),
            ListColumn(_("Decision"), truncated("decision", 50), link=True),
            ListColumn(_("Deadline and status"), "deadline", badge=decision_badge),
        ],
        row_class=lambda d: "row-overdue" if _decision_overdue(d) else "",
        export_columns=lambda: [
            Column(_("Meeting"), lambda d: _quarter_label(d.meeting.year, d.meeting.quarter), 12),
            *model_columns(
                LandMeetingDecision,
                ["meeting__date", "project", "project__township", "decision", "responsible_unit", "deadline", "done"],
            ),
        ],
        history_label=lambda row: Truncator(row.decision).chars(30),
        help_text=_("What the land meetings decided, who does it and by when."),
        order=40,
    )
)


# --- the page ---------------------------------------------------------------------------------------


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
    day = reference_date()
    s = land_summary(user=user, today=day)
    base = reverse("taskforces:detail", args=[SLUG])
    returned = s.returned
    submitted = s.submitted
    approved = s.approved
    return [
        Figure(
            _("Land demands"),
            s.demands,
            unit=_("projects"),
            note=gettext("%(area)s mu in all") % {"area": f"{s.area:,.2f}"},
        ),
        Figure(
            _("Approved"),
            approved.count,
            tone="green",
            note=gettext("%(area)s mu") % {"area": f"{approved.area:,.2f}"},
            url=f"{base}?tab=demands&stage=approved",
        ),
        Figure(
            _("With the city or province"),
            submitted.count,
            note=gettext("%(area)s mu") % {"area": f"{submitted.area:,.2f}"},
        ),
        Figure(
            _("Returned files"),
            returned.count,
            tone="red" if returned.count else "green",
            note=_("the aim is none"),
            url=f"{base}?tab=demands&stage=returned",
        ),
        Figure(
            _("Open land problems"),
            s.open_problems,
            tone="red" if s.overdue_problems else ("gold" if s.open_problems else "green"),
            note=gettext("%(n)s overdue") % {"n": s.overdue_problems},
            url=f"{base}?tab=problems&status=open",
        ),
        Figure(
            _("Quarterly land meeting"),
            gettext("Held") if s.meeting_this_quarter else gettext("Not yet"),
            tone="green" if s.meeting_this_quarter else "gold",
            note=(
                gettext("%(quarter)s · last on %(date)s")
                % {
                    "quarter": _quarter_label(s.year, s.quarter),
                    "date": s.last_meeting_date.isoformat() if s.last_meeting_date else "—",
                }
            ),
            url=f"{base}?tab=meetings",
        ),
    ]


def panel_context(*, request: AuthenticatedHttpRequest, taskforce: TaskForce) -> dict[str, Any]:
    """The returned files, listed on top of the page (one query)."""
    return {"returned": returned_land_demands(user=request.user)}


register_page(
    TaskForcePage(slug=SLUG, figures=figures, panel_template="taskforces/land/panel.html", panel_context=panel_context)
)

urlpatterns = [
    path("land/problems/<int:pk>/to-ledger/", land_problem_to_ledger, name="land_problem_to_ledger"),
]
