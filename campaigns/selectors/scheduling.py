"""The scheduling campaign's page: the problem ledger by level and the month's scheduling meetings."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import ZERO
from cycles.models import Cadence, Occurrence, OwnerKind
from problems.models import Problem, ProblemEvent, ProblemEventKind, ProblemLevel, ProblemStatus

from .. import formatting
from ..access import Viewer
from ..engine import Engine
from ..metrics import Window
from ..metrics.cycles import occurrence_on_time
from ..metrics.problems import problem_open_on


@dataclass
class LevelFigures:
    level: str
    label: str
    open: int = 0
    overdue: int = 0
    escalated: int = 0
    resolved: int = 0
    days: list[Decimal] = field(default_factory=list)

    @property
    def average_days(self) -> Decimal | None:
        return sum(self.days, ZERO) / len(self.days) if self.days else None

    @property
    def average_days_text(self) -> str:
        return formatting.number(self.average_days, "days")

    def add(self, other: LevelFigures) -> None:
        self.open += other.open
        self.overdue += other.overdue
        self.escalated += other.escalated
        self.resolved += other.resolved
        self.days += other.days


def problem_figures_by_level(*, year: int, month: int, unit_id: int | None = None) -> list[LevelFigures]:
    """The problem ledger by level: open and overdue at the end of month M, escalated and resolved in M, average days."""
    window = Window.for_period("month", year, month)
    day = window.as_of
    levels = OrderedDict((lvl.value, LevelFigures(level=lvl.value, label=str(lvl.label))) for lvl in ProblemLevel)
    problems = Problem.objects.select_related("project").only(
        "id", "level", "status", "deadline", "raised_at", "resolved_at", "owner_unit_id", "project__township_id"
    )
    events = ProblemEvent.objects.filter(
        kind=ProblemEventKind.ESCALATED, at__date__gte=window.start, at__date__lte=window.end
    ).select_related("problem__project")
    if unit_id is not None:
        problems = problems.filter(Q(owner_unit_id=unit_id) | Q(project__township_id=unit_id))
        events = events.filter(Q(problem__owner_unit_id=unit_id) | Q(problem__project__township_id=unit_id))
    for p in problems:
        figures = levels.get(p.level)
        if figures is None:
            continue
        if problem_open_on(p, day):
            figures.open += 1
            if p.deadline and p.deadline < day:
                figures.overdue += 1
        if p.status == ProblemStatus.RESOLVED and p.resolved_at and window.contains(p.resolved_at):
            figures.resolved += 1
            figures.days.append(Decimal((timezone.localdate(p.resolved_at) - timezone.localdate(p.raised_at)).days))
    for event in events:
        if event.to_level in levels:
            levels[event.to_level].escalated += 1
    total = LevelFigures(level="", label=_("Total"))
    for figures in levels.values():
        total.add(figures)
    return [*levels.values(), total]


def scheduling_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    occurrences = None
    if viewer.all_units:
        window = Window.for_period("month", engine.year, engine.month)
        occurrences = [
            {"occurrence": o, "on_time": occurrence_on_time(o)}
            for o in Occurrence.objects.filter(due_date__gte=window.start, due_date__lte=window.end)
            .filter(
                Q(duty__owner_kind=OwnerKind.HQ)
                | Q(duty__campaign__slug="scheduling")
                | Q(duty__owner_kind=OwnerKind.TASKFORCE, duty__cadence=Cadence.MONTHLY)
            )
            .select_related("duty", "duty__taskforce", "duty__campaign")
            .order_by("due_date", "duty__sort_order", "id")
        ]
    return {
        "occurrences": occurrences,
        "levels": problem_figures_by_level(
            year=engine.year, month=engine.month, unit_id=None if viewer.all_units else viewer.unit_id
        ),
    }
