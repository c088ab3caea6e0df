"""The pack for the executive deputy county head's monthly progress meeting (项目建设推进会).

The notice lists the meeting's subjects: starts and restarts (开复工), statistics inclusion (入统),
the provincial and city key projects, preliminary approvals (前期手续) and the key problems. The
pack gathers them for month M: the bulletin's headline figures, its starts section, the statistics
ledger, every provincial and city key project one by one, the approval items of the preliminary
projects, and the open problems at the meeting's level with their history. A fixed number of queries.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, cast

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.money import percent_text as percent
from core.money import plain_amount as money
from core.periods import month_end, time_progress
from cycles.models import Occurrence
from cycles.seeding import PROGRESS_MEETING_DUTY
from problems.models import Problem, ProblemEvent, ProblemLevel, ProblemStatus
from projects.models import MonthlyProgress, Nature, ProjectYear, Tier
from projects.selectors.figures import HUNDRED, key_projects, key_projects_with_progress
from taskforces.models import ApprovalItem

from .figures import bulletin_figures
from .sections import taskforce_sections
from .selectors import ListingProgress, tier_order

MEETING_LEVEL = ProblemLevel.EXECUTIVE


class KeyProjectListing(ListingProgress, Protocol):
    """A listing with its progress and the latest non-empty report texts (annotated at run time)."""

    physical_progress: str | None
    reported_problems: str | None


def _latest_report(field: str, *, year: int, month: int) -> Subquery:
    """The latest non-empty `field` of the project's monthly reports up to month M of year Y."""
    rows = (
        MonthlyProgress.objects.filter(project_id=OuterRef("project_id"), year=year, month__lte=month)
        .exclude(**{field: ""})
        .order_by("-month")
        .values(field)[:1]
    )
    return Subquery(rows)


def key_project_rows(*, year: int, month: int, places: int) -> list[dict[str, Any]]:
    """The provincial and city key projects one by one (one query)."""
    listing = key_projects(year=year).filter(tier__in=[Tier.PROVINCE, Tier.CITY])
    rows = (
        key_projects_with_progress(year=year, month=month, listing=listing)
        .annotate(
            physical_progress=_latest_report("physical_progress", year=year, month=month),
            reported_problems=_latest_report("problems", year=year, month=month),
        )
        .order_by(tier_order(), "seq", "project__name")
    )
    tp = time_progress(month)
    tier_labels = {t.value: str(t.label) for t in Tier}
    result = []
    for number, annotated in enumerate(rows, start=1):
        row = cast("KeyProjectListing", annotated)
        project = row.project
        completion = row.cumulative * HUNDRED / row.annual_plan if row.annual_plan else None
        result.append(
            {
                "number": number,
                "tier": row.tier,
                "tier_label": tier_labels.get(row.tier, row.tier),
                "nature": row.nature,
                "nature_label": str(Nature(row.nature).label),
                "name": project.name,
                "owner": project.owner,
                "township": project.township.name if project.township else "",
                "responsible_unit": project.responsible_unit.name if project.responsible_unit else "",
                "liaison_leader": project.liaison_leader,
                "status_label": str(project.get_status_display()),
                "total_investment": money(project.total_investment),
                "annual_plan": money(row.annual_plan),
                "completed": money(row.cumulative),
                "month_completed": money(row.month_completed) if row.month_completed is not None else None,
                "completion_rate": percent(completion, places),
                "vs_time_progress": percent(completion - tp, places) if completion is not None else None,
                "physical_progress": row.physical_progress or "",
                "problems": row.reported_problems or "",
            }
        )
    return result


def open_problems(*, level: str = MEETING_LEVEL) -> list[Problem]:
    """Open problems at `level`, oldest deadline first, each with its history (two queries)."""
    return list(
        Problem.objects.filter(status=ProblemStatus.OPEN, level=level)
        .select_related("project", "owner", "owner_unit", "source_taskforce")
        .prefetch_related(
            Prefetch("events", queryset=ProblemEvent.objects.select_related("actor").order_by("at", "pk"))
        )
        .order_by("deadline", "raised_at", "pk")
    )


def preliminary_approvals(*, year: int, month: int) -> dict[str, list[dict[str, Any]]]:
    """The preliminary projects and, where the approvals ledger has them, their approval items.

    With no items the projects are still listed, so the meeting sees them.
    """
    as_of = min(month_end(year, month), timezone.localdate())
    projects = list(
        ProjectYear.objects.filter(year=year, nature=Nature.PRELIMINARY)
        .select_related("project", "project__responsible_unit")
        .order_by(tier_order(), "seq", "project__name")
    )
    items_by_project: dict[int, list[ApprovalItem]] = {}
    if projects:
        approval_items = (
            ApprovalItem.objects.filter(project_id__in=[p.project_id for p in projects])
            .select_related("item_type", "handling_unit")
            .order_by("deadline", "pk")
        )
        for item in approval_items:
            items_by_project.setdefault(item.project_id, []).append(item)
    rows: list[dict[str, Any]] = []
    for listing in projects:
        items = items_by_project.get(listing.project_id, [])
        rows.append(
            {
                "name": listing.project.name,
                "responsible_unit": listing.project.responsible_unit.name if listing.project.responsible_unit else "",
                "annual_plan": money(listing.annual_plan),
                "items": [
                    {
                        "name": str(item.item_type) if item.item_type_id else "",
                        "level": str(item.get_level_display()),
                        "status": item.status,
                        "status_label": str(item.get_status_display()),
                        "deadline": item.deadline,
                        "overdue": item.status != "approved" and item.deadline is not None and item.deadline < as_of,
                        "handling_unit": item.handling_unit.name if item.handling_unit is not None else "",
                        "measures": item.measures,
                        "blocked_reason": item.blocked_reason,
                    }
                    for item in items
                ],
                "approved": sum(1 for item in items if item.status == "approved"),
                "overdue": sum(
                    1
                    for item in items
                    if item.status != "approved" and item.deadline is not None and item.deadline < as_of
                ),
            }
        )
    return {"projects": rows}


def meeting_pack(
    *, year: int, month: int, level: str = MEETING_LEVEL, occurrence: Occurrence | None = None
) -> dict[str, Any]:
    """Everything the meeting pack shows; rendered by the page and the .docx alike."""
    figures = bulletin_figures(year=year, month=month)
    places = figures["options"]["decimals"]
    sections = {s["key"]: s for s in figures["text"]["sections"]}
    statistics = next((tf for tf in taskforce_sections(year=year, month=month) if tf["slug"] == "statistics"), None)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Materials for the key-project progress meeting, %(year)s, %(period)s") % {
            "year": year,
            "period": figures["text"]["period"],
        }
        level_label = str(ProblemLevel(level).label)
    return {
        "year": year,
        "month": month,
        "title": title,
        "occurrence": occurrence,
        "figures": figures,
        "headline": sections["overall"]["paragraphs"],
        "starts": sections["starts"]["paragraphs"],
        "statistics": statistics,
        "key_projects": key_project_rows(year=year, month=month, places=places),
        "approvals": preliminary_approvals(year=year, month=month),
        "problems": open_problems(level=level),
        "level": level,
        "level_label": level_label,
        "prepared_on": timezone.localdate(),
    }


def occurrence_month(occurrence: Occurrence) -> tuple[int, int]:
    """The month whose figures a meeting occurrence reviews: the month of its period.

    The monthly progress meeting falls on the 28th, after progress is due (the 25th), so the
    meeting of month M reviews January..M.
    """
    start: date = occurrence.period_start
    return start.year, start.month


def progress_meetings(*, year: int) -> dict[int, Occurrence]:
    """The monthly progress meeting's occurrences of `year`, by month (one query)."""
    rows = Occurrence.objects.filter(duty__code=PROGRESS_MEETING_DUTY, period_start__year=year).order_by(
        "period_start", "pk"
    )
    return {occurrence.period_start.month: occurrence for occurrence in rows}
