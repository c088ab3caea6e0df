"""Statistics inclusion task force (入库纳统专班): the monthly screening of projects for the statistics database.

The table shows one month's screening (the newest unless another is chosen). A started project not
yet included is yellow one month after its start and red two months after (see
`taskforces.statistics.selectors`); members open a month's screening in one step, which lists
every eligible project and carries inclusion and documents over from the month before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from accounts.models import TaskForce, User
from core.periods import month_end

from ..access import can_edit_taskforce
from ..common.selectors import reference_date
from ..exports import Column, model_columns
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from .filters import StatisticsScreeningFilter, period_key
from .forms import ScreeningOpenForm, StatisticsScreeningForm
from .models import DocumentsStatus, StatisticsScreening
from .selectors import (
    Ageing,
    default_screening_month,
    inclusion_ageing,
    screening_as_of,
    screening_summary,
    threshold_on,
    visible_screenings,
)
from .views import screening_open

SLUG = "statistics"

DOCUMENT_BADGES: dict[str, str] = {
    DocumentsStatus.NOT_SUBMITTED: "text-bg-light border",
    DocumentsStatus.SUBMITTED: "text-bg-info",
    DocumentsStatus.REVIEWED: "text-bg-success",
    DocumentsStatus.RETURNED: "text-bg-danger",
}


def screening_ageing(row: StatisticsScreening) -> str:
    """ "", "yellow" or "red" for one screening row (no query when the project is joined)."""
    return inclusion_ageing(
        started_on=row.project.actual_start,
        included=row.included,
        as_of=screening_as_of(year=row.year, month=row.month, today=reference_date()),
    )


def ageing_label(ageing: str) -> str:
    if ageing == Ageing.RED:
        return gettext("Not included two months after the start")
    if ageing == Ageing.YELLOW:
        return gettext("Not included one month after the start")
    return ""


def ageing_badge(row: StatisticsScreening) -> Badge | None:
    ageing = screening_ageing(row)
    if ageing == Ageing.RED:
        return ("text-bg-danger", gettext("Two months late"))
    if ageing == Ageing.YELLOW:
        return ("text-bg-warning", gettext("One month late"))
    return None


def not_eligible_badge(row: StatisticsScreening) -> Badge | None:
    return None if row.eligible else ("text-bg-secondary", gettext("Not eligible"))


def month_badge(row: StatisticsScreening) -> Badge | None:
    """On the project page: how late the inclusion is, or that the project was found not eligible."""
    return ageing_badge(row) or not_eligible_badge(row)


def included_badge(row: StatisticsScreening) -> Badge:
    if row.included:
        return ("text-bg-success", gettext("Included"))
    return ("text-bg-light border", gettext("Not included"))


def documents_badge(row: StatisticsScreening) -> Badge:
    return (DOCUMENT_BADGES.get(row.documents_status, ""), row.get_documents_status_display())


def _documents_date(row: StatisticsScreening) -> date | None:
    if row.documents_status in (DocumentsStatus.REVIEWED, DocumentsStatus.RETURNED):
        return row.documents_reviewed_on
    if row.documents_status == DocumentsStatus.SUBMITTED:
        return row.documents_submitted_on
    return None


def _included_on(row: StatisticsScreening) -> date | None:
    return row.included_on if row.included else None


def _export_columns() -> list[Column]:
    columns = model_columns(
        StatisticsScreening,
        [
            "project",
            "project__township",
            "project__code",
            "year",
            "month",
            "project__actual_start",
            "project__total_investment",
            "eligible",
            "included",
            "included_on",
        ],
    )
    columns += model_columns(
        StatisticsScreening,
        ["documents_status", "documents_submitted_on", "documents_reviewed_on", "returned_reason", "notes"],
    )
    columns.append(Column(_("Inclusion overdue"), lambda row: ageing_label(screening_ageing(row)), 22))
    return columns


def _history_label(row: Any) -> str:
    return gettext("%(year)s-%(month)02d screening") % {"year": row.year, "month": row.month}


register(
    LedgerSection(
        slug=SLUG,
        key="screening",
        title=_("Monthly screening"),
        model=StatisticsScreening,
        form_class=StatisticsScreeningForm,
        filterset_class=StatisticsScreeningFilter,
        queryset=lambda: StatisticsScreening.objects.select_related("project", "project__township").order_by(
            "-year", "-month", "included", "project__actual_start", "project_id"
        ),
        list_columns=[
            ListColumn(_("Project"), "project", link=True, badge=not_eligible_badge),
            ListColumn(_("Township"), "project__township"),
            ListColumn(_("Actual start"), "project__actual_start", badge=ageing_badge),
            ListColumn(_("Total investment (10k yuan)"), "project__total_investment", num=True),
            ListColumn(_("Included"), _included_on, badge=included_badge),
            ListColumn(_("Supporting documents"), _documents_date, badge=documents_badge),
            ListColumn(_("Notes"), lambda o: Truncator(o.returned_reason or o.notes).chars(30), wide_only=True),
        ],
        project_columns=[
            ListColumn(_("Month"), lambda o: f"{o.year}-{o.month:02d}", link=True, badge=month_badge),
            ListColumn(_("Included"), _included_on, badge=included_badge),
            ListColumn(_("Supporting documents"), _documents_date, badge=documents_badge),
        ],
        row_class=lambda row: f"row-{screening_ageing(row)}" if screening_ageing(row) else "",
        export_columns=_export_columns,
        attachment_kinds=("document",),
        history_label=_history_label,
        help_text=_(
            "Eligible: started, with total investment at or above the threshold. A started project not yet "
            "included turns yellow one month after its start and red after two."
        ),
        order=10,
    )
)


# --- the page ---------------------------------------------------------------------------------------


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
    day = reference_date()
    year, month = default_screening_month(user=user, today=day)
    s = screening_summary(user=user, year=year, month=month, today=day)
    base = reverse("taskforces:detail", args=[SLUG])
    period = f"{base}?tab=screening&period={period_key(year, month)}"
    month_label = gettext("%(year)s-%(month)02d screening") % {"year": year, "month": month}
    rate = s.inclusion_rate
    return [
        Figure(_("Eligible projects"), s.eligible, note=month_label, url=period),
        Figure(
            _("Included"),
            s.included,
            tone="green",
            note=gettext("%(rate)s of eligible · %(n)s this month")
            % {
                "rate": f"{rate:.1f}%" if rate is not None else "—",
                "n": s.included_this_month,
            },
            url=f"{period}&included=yes",
        ),
        Figure(
            _("Not yet included"),
            s.not_included,
            tone="gold" if s.not_included else "green",
            url=f"{period}&included=no",
        ),
        Figure(
            _("Yellow: one month late"),
            s.yellow,
            tone="gold" if s.yellow else "green",
            url=f"{period}&ageing={Ageing.YELLOW}",
        ),
        Figure(
            _("Red: two months late"),
            s.red,
            tone="red" if s.red else "green",
            url=f"{period}&ageing={Ageing.RED}",
        ),
        Figure(
            _("Documents returned"),
            s.documents_returned,
            tone="red" if s.documents_returned else "green",
            note=gettext("%(n)s awaiting review") % {"n": s.documents_submitted},
            url=f"{period}&documents_status={DocumentsStatus.RETURNED}",
        ),
    ]


def panel_context(*, request: AuthenticatedHttpRequest, taskforce: TaskForce) -> dict[str, Any]:
    """The month shown, the day it is aged at, its threshold, and (members) the form that opens a
    month's screening. Its counts are the key figures above: not repeated here."""
    filterset = StatisticsScreeningFilter(request.GET, queryset=visible_screenings(user=request.user))
    year, month, today = filterset.selected_year, filterset.selected_month, filterset.today
    return {
        "year": year,
        "month": month,
        "as_of": filterset.as_of,
        "threshold": threshold_on(month_end(year, month)),
        "open_form": ScreeningOpenForm(initial={"year": today.year, "month": today.month})
        if can_edit_taskforce(request.user, taskforce)
        else None,
    }


register_page(
    TaskForcePage(
        slug=SLUG, figures=figures, panel_template="taskforces/statistics/panel.html", panel_context=panel_context
    )
)

urlpatterns = [
    path("statistics/screening/open/", screening_open, name="statistics_screening_open"),
]
