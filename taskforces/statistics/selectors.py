"""Reads over the statistics-inclusion ledger (入库纳统专班): the monthly screening and its ageing.

A project is eligible for the statistics database when it has started and its total investment is
at or above the threshold in force (`StatisticsThreshold`, 500 万元 by default). A started project
not yet included turns yellow one month after its start and red two months after:

    started 2024-03-15, not included:  on 2024-04-14 no colour, on 2024-04-15 yellow, on 2024-05-15 red.

"One month after" is calendar arithmetic (`months_before`), the same in Python and in SQL, so the
colour on the page and the ageing filter always agree. A screening row of a past month is aged as
of the last day of that month (what the screening showed then); the current month's as of today.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import User
from core.periods import month_end
from projects.models import Project, ProjectStatus, ProjectYear

from ..access import entries_for_user
from .models import DocumentsStatus, StatisticsScreening, StatisticsThreshold


class Ageing:
    """The colour of a started project not yet included (values are also CSS suffixes: row-yellow, row-red)."""

    NONE = ""
    YELLOW = "yellow"
    RED = "red"


def months_before(day: date, months: int) -> date:
    """The latest start date that is at least `months` calendar months before `day`.

    Same day `months` earlier, clamped to that month's length; when `day` is its month's last day,
    that month's last day (so a start on 31 Jan is a month old on 29 Feb, and one on 30 Jan too).
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, month, last)
    return date(year, month, min(day.day, last))


def inclusion_ageing(*, started_on: date | None, included: bool, as_of: date) -> str:
    """Ageing of one project's inclusion as of a date: "", "yellow" or "red"."""
    if included or started_on is None:
        return Ageing.NONE
    if started_on <= months_before(as_of, 2):
        return Ageing.RED
    if started_on <= months_before(as_of, 1):
        return Ageing.YELLOW
    return Ageing.NONE


def screening_as_of(*, year: int, month: int, today: date | None = None) -> date:
    """The date a month's screening is aged at: today for the current month, else the month's last day."""
    today = today or timezone.localdate()
    return min(today, month_end(year, month))


def ageing_case(*, as_of: date, project_path: str = "project") -> Case:
    """SQL for `inclusion_ageing` over screening rows (or any rows with `included` and a project)."""
    started = f"{project_path}__actual_start"
    not_included = Q(included=False) & Q(**{f"{started}__isnull": False})
    return Case(
        When(not_included & Q(**{f"{started}__lte": months_before(as_of, 2)}), then=Value(Ageing.RED)),
        When(not_included & Q(**{f"{started}__lte": months_before(as_of, 1)}), then=Value(Ageing.YELLOW)),
        default=Value(Ageing.NONE),
        output_field=CharField(),
    )


def with_ageing(qs: QuerySet[StatisticsScreening], *, as_of: date) -> QuerySet[StatisticsScreening]:
    return qs.annotate(ageing=ageing_case(as_of=as_of))


def threshold_on(day: date) -> Decimal:
    """The inclusion threshold in 万元 in force on `day` (one query)."""
    return StatisticsThreshold.amount_on(day)


def visible_screenings(*, user: User) -> QuerySet[StatisticsScreening]:
    return entries_for_user(user, StatisticsScreening)


def screening_months(*, user: User) -> list[tuple[int, int]]:
    """(year, month) of every screening the user can see, newest first (one query)."""
    rows = visible_screenings(user=user).values_list("year", "month").distinct().order_by("-year", "-month")
    return list(rows)


def default_screening_month(*, user: User, today: date | None = None) -> tuple[int, int]:
    """The newest screened month, or the current month when nothing has been screened yet."""
    months = screening_months(user=user)
    if months:
        return months[0]
    today = today or timezone.localdate()
    return today.year, today.month


def eligible_projects(*, year: int, month: int) -> QuerySet[Project]:
    """Projects on `year`'s key list that have started by the end of `month` with total investment at or
    above the threshold in force then. Terminated projects are left out."""
    end = month_end(year, month)
    listed = ProjectYear.objects.filter(year=year).values("project_id")
    return (
        Project.objects.filter(pk__in=listed, actual_start__isnull=False, actual_start__lte=end)
        .filter(total_investment__gte=threshold_on(end))
        .exclude(status=ProjectStatus.TERMINATED)
    )


@dataclass
class ScreeningSummary:
    year: int
    month: int
    as_of: date
    threshold: Decimal
    screened: int = 0
    eligible: int = 0
    included: int = 0
    included_this_month: int = 0
    not_included: int = 0
    yellow: int = 0
    red: int = 0
    documents_not_submitted: int = 0
    documents_submitted: int = 0
    documents_reviewed: int = 0
    documents_returned: int = 0

    @property
    def inclusion_rate(self) -> Decimal | None:
        """Included ÷ eligible, in percent."""
        if not self.eligible:
            return None
        return Decimal(self.included) * 100 / Decimal(self.eligible)


def screening_summary(*, user: User, year: int, month: int, today: date | None = None) -> ScreeningSummary:
    """One month's screening in figures (two queries: the threshold and one aggregate)."""
    as_of = screening_as_of(year=year, month=month, today=today)
    summary = ScreeningSummary(year=year, month=month, as_of=as_of, threshold=threshold_on(month_end(year, month)))
    start = date(year, month, 1)
    eligible = Q(eligible=True)
    figures = with_ageing(visible_screenings(user=user).filter(year=year, month=month), as_of=as_of).aggregate(
        n_screened=Count("id"),
        n_eligible=Count("id", filter=eligible),
        n_included=Count("id", filter=eligible & Q(included=True)),
        n_included_this_month=Count(
            "id", filter=eligible & Q(included=True, included_on__gte=start, included_on__lte=month_end(year, month))
        ),
        n_not_included=Count("id", filter=eligible & Q(included=False)),
        n_yellow=Count("id", filter=eligible & Q(ageing=Ageing.YELLOW)),
        n_red=Count("id", filter=eligible & Q(ageing=Ageing.RED)),
        n_documents_not_submitted=Count("id", filter=Q(documents_status=DocumentsStatus.NOT_SUBMITTED)),
        n_documents_submitted=Count("id", filter=Q(documents_status=DocumentsStatus.SUBMITTED)),
        n_documents_reviewed=Count("id", filter=Q(documents_status=DocumentsStatus.REVIEWED)),
        n_documents_returned=Count("id", filter=Q(documents_status=DocumentsStatus.RETURNED)),
    )
    for name, value in figures.items():
        setattr(summary, name.removeprefix("n_"), value or 0)
    return summary
