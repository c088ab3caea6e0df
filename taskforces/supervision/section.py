"""Progress supervision task force (推进督导专班): visits with the ten supervisions, photos, coverage.

The visit form has its own views (the ten checks and several phone photos on one page, in
`views.py`); each check marked "problem" puts a problem on the county's problem ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from accounts.models import TaskForce, User
from projects.models import ProjectYear

from ..common.selectors import problem_url, reference_date, truncated
from ..exports import Column, model_columns
from ..history import entry_history, history_lines
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from .filters import CoverageFilter, SupervisionVisitFilter, selected_month
from .forms import SupervisionVisitForm
from .models import CheckResult, SupervisionAspect, SupervisionCheck, SupervisionVisit
from .selectors import coverage, supervision_figures, visit_ledger
from .views import supervision_visit_create, supervision_visit_edit

SLUG = "supervision"
ASPECT_SHORT: dict[str, str] = {  # one character each, for the chips of the list (the notice's own words)
    SupervisionAspect.MECHANISM: "机制",
    SupervisionAspect.TARGET: "目标",
    SupervisionAspect.PROCEDURE: "程序",
    SupervisionAspect.INVESTMENT: "投资",
    SupervisionAspect.PROGRESS: "进度",
    SupervisionAspect.STATISTICS: "入统",
    SupervisionAspect.SERVICE: "服务",
    SupervisionAspect.CONSTRUCTION: "施工",
    SupervisionAspect.ENVIRONMENT: "环境",
    SupervisionAspect.PROBLEMS: "问题",
}


def _checks_summary(visit: SupervisionVisit) -> str:
    problems = [c for c in visit.checks.all() if c.result == CheckResult.PROBLEM]
    if not problems:
        return gettext("All fine") if visit.checks.all() else "—"
    return "、".join(ASPECT_SHORT.get(c.aspect, c.aspect) for c in problems)


def _problem_badge(visit: SupervisionVisit) -> Badge | None:
    count = sum(1 for c in visit.checks.all() if c.result == CheckResult.PROBLEM)
    return ("text-bg-danger", gettext("%(n)s problems") % {"n": count}) if count else None


def _check_text(aspect: str) -> Callable[[SupervisionVisit], str]:
    """An export column's value: the visit's check of `aspect` ("问题：the note"), from the prefetched checks."""

    def text(visit: SupervisionVisit) -> str:
        for check in visit.checks.all():
            if check.aspect == aspect:
                return f"{check.get_result_display()}{'：' + check.note if check.note else ''}"
        return ""

    return text


def _export_columns() -> list[Column]:
    columns = model_columns(SupervisionVisit, ["date", "project", "project__township", "inspectors", "talked_with"])
    columns += [Column(label, _check_text(aspect), 16) for aspect, label in SupervisionAspect.choices]
    columns += [
        Column(_("Photos"), lambda v: v.photo_count, 8, "number"),
        Column(_("Summary"), lambda v: v.summary, 40, "wrap"),
    ]
    return columns


@dataclass
class CheckRow:
    """One of the ten checks on the visit's page, with the page of the problem it raised."""

    check: SupervisionCheck
    problem_url: str


def _visit_detail_context(*, request: AuthenticatedHttpRequest, entry: SupervisionVisit) -> dict[str, Any]:
    order = {a: i for i, a in enumerate(SupervisionAspect.values)}
    checks = sorted(entry.checks.select_related("problem").order_by("id"), key=lambda c: order.get(c.aspect, 99))
    # The visit's history (with its photos) and its checks' history, merged newest first.
    lines = entry_history(entry, with_attachments=True) + history_lines(
        # The checks are created with the visit: show only their later changes.
        SupervisionCheck.history.filter(visit_id=entry.pk),
        model=SupervisionCheck,
        label=lambda row: (
            str(SupervisionAspect(row.aspect).label) if row.aspect in SupervisionAspect.values else row.aspect
        ),
        hide_created=True,
    )
    lines.sort(key=lambda line: line.when, reverse=True)
    return {"checks": [CheckRow(c, problem_url(c.problem_id)) for c in checks], "history": lines}


register(
    LedgerSection(
        slug=SLUG,
        key="visits",
        title=_("Supervision visits"),
        model=SupervisionVisit,
        form_class=SupervisionVisitForm,
        filterset_class=SupervisionVisitFilter,
        queryset=visit_ledger,
        list_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Project"), "project"),
            ListColumn(_("Inspectors"), "inspectors"),
            ListColumn(_("Ten supervisions: problems"), _checks_summary, badge=_problem_badge),
            ListColumn(_("Photos"), "photo_count", num=True),
            ListColumn(_("Summary"), truncated("summary", 50)),
        ],
        project_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Inspectors"), "inspectors"),
            ListColumn(_("Ten supervisions: problems"), _checks_summary, badge=_problem_badge),
            ListColumn(_("Photos"), "photo_count", num=True),
        ],
        export_columns=_export_columns,
        attachment_kinds=("photo",),
        detail_template="taskforces/supervision/visit_detail.html",
        detail_context=_visit_detail_context,
        create_url_name="taskforces:supervision_visit_create",
        edit_url_name="taskforces:supervision_visit_edit",
        history_label=lambda row: f"{row.date}",
        help_text=_(
            "Every key project covered once a month: site check, talks, photos archived, the ten supervisions."
        ),
        order=10,
    )
)


# --- coverage --------------------------------------------------------------------------------------


def _coverage_export_columns() -> list[Column]:
    return [
        Column(_("Project"), lambda r: r.project.name, 36),
        Column(_("Tier"), lambda r: r.get_tier_display(), 8),
        Column(_("Township"), lambda r: r.project.township, 14),
        Column(_("Month"), lambda r: f"{r.period[0]}-{r.period[1]:02d}", 10),
        Column(_("Visits in the month"), lambda r: r.month_visits, 10, "number"),
        Column(_("Last visit"), lambda r: r.last_visit, 12, "date"),
    ]


def _coverage_rows(*, user: User, data: Any) -> tuple[list[ProjectYear], CoverageFilter]:
    year, month = selected_month(data)
    listings = coverage(user=user, year=year, month=month)
    initial = dict(data.items()) if data else {}
    initial.setdefault("month", f"{year}-{month:02d}")
    filterset = CoverageFilter(initial, queryset=listings)
    rows = list(filterset.qs if filterset.is_valid() else listings)
    for row in rows:
        row.period = (year, month)
    return rows, filterset


register(
    LedgerSection(
        slug=SLUG,
        key="coverage",
        title=_("Coverage this month"),
        model=SupervisionVisit,
        listing_only=True,
        reporter_ok=True,
        rows_for=_coverage_rows,
        export_columns=_coverage_export_columns,
        table_template="taskforces/supervision/coverage.html",
        help_text=_("Which of the year's key projects have not been visited in the month (red)."),
        order=20,
    )
)


# --- the page -------------------------------------------------------------------------------------------


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
    day = reference_date()
    f = supervision_figures(user=user, year=day.year, month=day.month)
    base = reverse("taskforces:detail", args=[SLUG])
    period = f"{day:%Y-%m}"
    return [
        Figure(_("Key projects"), f.key_projects, note=gettext("%(year)s key list") % {"year": day.year}),
        Figure(_("Visited this month"), f.covered, tone="green", note=period),
        Figure(
            _("Not yet visited"),
            f.not_covered,
            tone="red" if f.not_covered else "green",
            note=period,
            url=f"{base}?tab=coverage&month={period}&not_visited=true",
        ),
        Figure(_("Visits this month"), f.visits, note=period),
        Figure(_("Problems found this month"), f.problems_found, tone="gold" if f.problems_found else "", note=period),
    ]


register_page(TaskForcePage(slug=SLUG, figures=figures))

urlpatterns = [
    path("supervision/visits/new/", supervision_visit_create, name="supervision_visit_create"),
    path("supervision/visits/<int:pk>/edit/", supervision_visit_edit, name="supervision_visit_edit"),
]
