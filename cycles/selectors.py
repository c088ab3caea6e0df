"""Reads of the scheduling cycles: the calendar, the compliance figures, the agenda of a meeting.
Each runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from accounts.models import Campaign, TaskForce, User
from core.periods import month_end
from problems.models import Problem, ProblemEvent, ProblemStatus

from .access import visible_occurrences
from .models import Duty, Occurrence, OccurrenceStatus, OwnerKind

# Task forces first, then the campaigns, then the HQ office (as the notice lists them).
OWNER_ORDER = Case(
    When(owner_kind=OwnerKind.TASKFORCE, then=Value(0)),
    When(owner_kind=OwnerKind.CAMPAIGN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


# --- how an occurrence stands ---------------------------------------------------------------------


class Standing:
    """How an occurrence stands on a day: held on time, held late, missed (due and not held), open (not due yet)."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    OPEN = "open"


def standing(*, status: str, due: date, held_on: date | None, today: date) -> str:
    if status == OccurrenceStatus.HELD and held_on is not None:
        return Standing.ON_TIME if held_on <= due else Standing.LATE
    return Standing.MISSED if due < today else Standing.OPEN


# --- calendar ---------------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class CalendarMonth:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    occurrences: list[Occurrence]

    @property
    def previous(self) -> tuple[int, int]:
        return (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)

    @property
    def next(self) -> tuple[int, int]:
        return (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)


def calendar_month(
    *, user: User, year: int, month: int, today: date, owner: str = "", status: str = ""
) -> CalendarMonth:
    """The month's occurrences (by due date) the user may see, laid out in weeks from Monday. One query."""
    first = date(year, month, 1)
    last = month_end(year, month)
    qs = visible_occurrences(user).filter(due_date__range=(first, last))
    if owner == OwnerKind.HQ:
        qs = qs.filter(duty__owner_kind=OwnerKind.HQ)
    elif owner.startswith("tf-"):
        qs = qs.filter(duty__taskforce__slug=owner[3:])
    elif owner.startswith("c-"):
        qs = qs.filter(duty__campaign__slug=owner[2:])
    occurrences = list(
        qs.select_related("duty", "duty__taskforce", "duty__campaign").order_by(
            "due_date", "duty__owner_kind", "duty__sort_order", "pk"
        )
    )
    for occurrence in occurrences:
        occurrence.standing = standing(  # type: ignore[attr-defined]  # for the calendar's template
            status=occurrence.status, due=occurrence.due_date, held_on=occurrence.held_on, today=today
        )
    if status:
        occurrences = [o for o in occurrences if o.standing == status]  # type: ignore[attr-defined]  # set above
    by_day: dict[date, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_day[occurrence.due_date].append(occurrence)
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    weeks: list[list[CalendarDay]] = []
    day = start
    while day <= end:
        week = []
        for _i in range(7):
            week.append(CalendarDay(day, day.month == month, by_day.get(day, [])))
            day += timedelta(days=1)
        weeks.append(week)
    return CalendarMonth(year, month, weeks, occurrences)


def owner_choices() -> list[tuple[str, str]]:
    """Filter choices: the HQ office, the task forces, the campaigns. Two queries."""
    choices = [(OwnerKind.HQ.value, str(OwnerKind.HQ.label))]
    choices += [(f"tf-{tf.slug}", tf.name) for tf in TaskForce.objects.only("slug", "name")]
    choices += [(f"c-{c.slug}", c.name) for c in Campaign.objects.only("slug", "name")]
    return choices


def occurrence_detail(*, occurrence: Occurrence) -> dict:
    """What the occurrence page shows beside the occurrence itself."""
    return {
        "attachments": list(occurrence.attachments.select_related("uploaded_by")),
        "problems_raised": list(occurrence.problems_raised.select_related("project", "owner")),
        "problems_resolved": list(occurrence.problems_resolved.select_related("project", "owner")),
        "responsible_people": list(occurrence.duty.responsible_people.all()),
    }


def open_problems_for_occurrence(*, occurrence: Occurrence) -> QuerySet[Problem]:
    """Problems that a record of this occurrence may mark resolved: its task force's open ones, or all open ones."""
    qs = Problem.objects.filter(status=ProblemStatus.OPEN).select_related("project")
    if occurrence.duty.taskforce_id:
        qs = qs.filter(source_taskforce_id=occurrence.duty.taskforce_id)
    return qs.order_by("deadline", "pk")


# --- compliance ---------------------------------------------------------------------------------


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    missed: int = 0
    open: int = 0

    def add(self, kind: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)

    @property
    def due(self) -> int:
        """Occurrences whose due date has come: held (on time or late) or missed."""
        return self.on_time + self.late + self.missed

    @property
    def on_time_rate(self) -> float | None:
        return None if not self.due else self.on_time * 100 / self.due

    @property
    def css(self) -> str:
        """Heat-map colour: red when any was missed, yellow when any was late, green when all on time."""
        if self.missed:
            return "missed"
        if self.late:
            return "late"
        if self.on_time:
            return "on_time"
        return "open" if self.open else "none"


@dataclass
class DutyCompliance:
    duty: Duty
    months: list[Tally]
    month: Tally
    year: Tally


@dataclass
class OwnerCompliance:
    key: str
    name: str
    kind: str
    duties: list[DutyCompliance] = field(default_factory=list)
    month: Tally = field(default_factory=Tally)
    year: Tally = field(default_factory=Tally)


@dataclass
class Compliance:
    year: int
    month: int
    today: date
    owners: list[OwnerCompliance]
    month_total: Tally
    year_total: Tally

    @property
    def month_numbers(self) -> list[int]:
        return list(range(1, 13))


def compliance(*, year: int, month: int, today: date) -> Compliance:
    """Held on time / late / not at all, per task force, campaign and the HQ office, for month M and Jan..Dec
    of the year (occurrences counted by due date; the year's figures up to `today`). Three queries."""
    duties = list(
        Duty.objects.select_related("taskforce", "campaign").order_by(
            "owner_kind", "taskforce__sort_order", "campaign__sort_order", "sort_order", "pk"
        )
    )
    rows = Occurrence.objects.filter(due_date__year=year).values_list("duty_id", "status", "due_date", "held_on")
    per_duty: dict[int, list[Tally]] = defaultdict(lambda: [Tally() for _m in range(12)])
    for duty_id, status, due, held_on in rows:
        per_duty[duty_id][due.month - 1].add(standing(status=status, due=due, held_on=held_on, today=today))
    owners: dict[str, OwnerCompliance] = {}
    for tf in TaskForce.objects.only("slug", "name"):
        owners[f"tf-{tf.slug}"] = OwnerCompliance(f"tf-{tf.slug}", tf.name, OwnerKind.TASKFORCE)
    for campaign in Campaign.objects.only("slug", "name"):
        owners[f"c-{campaign.slug}"] = OwnerCompliance(f"c-{campaign.slug}", campaign.name, OwnerKind.CAMPAIGN)
    owners[OwnerKind.HQ.value] = OwnerCompliance(OwnerKind.HQ.value, str(OwnerKind.HQ.label), OwnerKind.HQ)
    month_total, year_total = Tally(), Tally()
    for duty in duties:
        if duty.taskforce is not None:
            key = f"tf-{duty.taskforce.slug}"
        elif duty.campaign is not None:
            key = f"c-{duty.campaign.slug}"
        else:
            key = OwnerKind.HQ.value
        months = per_duty.get(duty.pk) or [Tally() for _m in range(12)]
        if not duty.active and not any(t.due or t.open for t in months):
            continue
        year_tally = Tally()
        for tally in months:
            for kind in ("on_time", "late", "missed", "open"):
                setattr(year_tally, kind, getattr(year_tally, kind) + getattr(tally, kind))
        row = DutyCompliance(duty, months, months[month - 1], year_tally)
        owner = owners[key]
        owner.duties.append(row)
        for target, source in (
            (owner.month, row.month),
            (owner.year, row.year),
            (month_total, row.month),
            (year_total, row.year),
        ):
            for kind in ("on_time", "late", "missed", "open"):
                setattr(target, kind, getattr(target, kind) + getattr(source, kind))
    return Compliance(year, month, today, [o for o in owners.values() if o.duties], month_total, year_total)


# --- the problem ledger ---------------------------------------------------------------------------


def problem_meetings(problem: Problem) -> dict[str, list[Occurrence]]:
    """The meetings that raised and resolved a problem: shown on the problem's page (problems.extensions)."""
    return {
        "raised_at": list(problem.raised_at_occurrences.only("pk", "title")),
        "resolved_at": list(problem.resolved_at_occurrences.only("pk", "title")),
    }


def agenda(*, occurrence: Occurrence) -> list[Problem]:
    """The open problems at the meeting's level, each with its history (two queries)."""
    level = occurrence.duty.problem_level
    if not level:
        return []
    return list(
        Problem.objects.filter(status=ProblemStatus.OPEN, level=level)
        .select_related("project", "source_taskforce", "owner", "owner_unit")
        .prefetch_related(
            Prefetch("events", queryset=ProblemEvent.objects.select_related("actor").order_by("at", "pk"))
        )
        .order_by("deadline", "pk")
    )


# --- notifications ----------------------------------------------------------------------------------


def duties_for_page(*, qs: QuerySet[Duty]) -> list[Duty]:
    return list(
        qs.select_related("taskforce", "campaign", "responsible_unit")
        .prefetch_related("responsible_people")
        .annotate(
            open_count=Count("occurrences", filter=Q(occurrences__status=OccurrenceStatus.OPEN)),
            owner_order=OWNER_ORDER,
        )
        .order_by("owner_order", "taskforce__sort_order", "campaign__sort_order", "sort_order", "pk")
    )


def dashboard_compliance(*, year: int, month: int, today: date) -> Compliance:
    return compliance(year=year, month=month, today=today)
