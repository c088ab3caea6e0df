"""Metrics of the problem ledger: problems open and overdue at the end of the period, resolved and
escalated in it, and the average days to resolve."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from problems.models import Problem, ProblemEvent, ProblemEventKind, ProblemStatus

from .base import Kind, MetricContext, Record, Values, Window, average, days_between, days_text, metric, tally


def _problems(ctx: MetricContext) -> list[Problem]:
    return ctx.loaded(
        "problems.problems",
        None,
        lambda: list(
            Problem.objects.select_related("project").only(
                "id",
                "description",
                "level",
                "status",
                "deadline",
                "raised_at",
                "resolved_at",
                "owner_unit_id",
                "project__id",
                "project__township_id",
            )
        ),
    )


def _problem_units(p: Problem) -> list[int | None]:
    return [p.owner_unit_id, p.project.township_id if p.project_id and p.project else None]


def _problem_record(p: Problem, detail: str = "") -> Record:
    return Record(
        label=p.description[:60],
        url=reverse("problems:problem", args=[p.pk]),
        detail=detail,
        when=timezone.localdate(p.raised_at),
    )


def _overdue_record(p: Problem) -> Record:
    return _problem_record(p, str(p.deadline))


def _resolved_record(p: Problem) -> Record:
    return _problem_record(p, days_text(_days_to_resolve(p)))


def _escalation_record(e: ProblemEvent) -> Record:
    return _problem_record(e.problem, e.get_to_level_display())


def _days_to_resolve(p: Problem) -> Decimal:
    return days_between(p.raised_at, p.resolved_at) if p.resolved_at else Decimal(0)


def problem_open_on(p: Problem, day: date) -> bool:
    raised = timezone.localdate(p.raised_at)
    resolved = timezone.localdate(p.resolved_at) if p.resolved_at else None
    return raised <= day and (resolved is None or resolved > day)


def _resolved_in(ctx: MetricContext, window: Window) -> list[Problem]:
    return [p for p in _problems(ctx) if p.status == ProblemStatus.RESOLVED and window.contains(p.resolved_at)]


@metric(
    "problems.open",
    _("problems open at the end of the period"),
    Kind.COUNT,
    accrues=False,
    source=_("Problem ledger"),
)
def problems_open(ctx: MetricContext, window: Window) -> Values:
    day = window.as_of
    return tally(
        ((_problem_units(p), Decimal(1), p) for p in _problems(ctx) if problem_open_on(p, day)), _problem_record
    )


@metric(
    "problems.overdue",
    _("problems open past their deadline"),
    Kind.COUNT,
    accrues=False,
    source=_("Problem ledger"),
)
def problems_overdue(ctx: MetricContext, window: Window) -> Values:
    day = window.as_of
    return tally(
        (
            (_problem_units(p), Decimal(1), p)
            for p in _problems(ctx)
            if problem_open_on(p, day) and p.deadline and p.deadline < day
        ),
        _overdue_record,
    )


@metric(
    "problems.resolved",
    _("problems resolved in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Problem ledger"),
)
def problems_resolved(ctx: MetricContext, window: Window) -> Values:
    return tally(((_problem_units(p), Decimal(1), p) for p in _resolved_in(ctx, window)), _problem_record)


@metric(
    "problems.avg_days_to_resolve",
    _("average days from raising to resolving, problems resolved in the period"),
    Kind.DAYS,
    accrues=False,
    source=_("Problem ledger"),
)
def problems_avg_days(ctx: MetricContext, window: Window) -> Values:
    return average(((_problem_units(p), _days_to_resolve(p), p) for p in _resolved_in(ctx, window)), _resolved_record)


@metric(
    "problems.escalated",
    _("problems escalated in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Problem ledger events"),
)
def problems_escalated(ctx: MetricContext, window: Window) -> Values:
    events = ProblemEvent.objects.filter(
        kind=ProblemEventKind.ESCALATED, at__date__gte=window.start, at__date__lte=window.end
    ).select_related("problem", "problem__project")
    return tally(((_problem_units(e.problem), Decimal(1), e) for e in events), _escalation_record)
