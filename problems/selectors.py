"""Reads of the problem ledger: the list as a user may read it, its counts, one problem's history."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from projects.models import Project

from .access import visible_problems
from .models import Problem, ProblemEvent, ProblemLevel, ProblemStatus


def problems_for_user(
    *,
    user: User,
    today: date,
    level: str = "",
    status: str = "",
    overdue: bool = False,
    taskforce: str = "",
    project: Project | None = None,
    search: str = "",
) -> QuerySet[Problem]:
    """The ledger as the user may read it, filtered, with what the list shows joined. One query."""
    qs = visible_problems(user).select_related("project", "source_taskforce", "owner", "owner_unit")
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=ProblemStatus.OPEN, deadline__lt=today)
    if taskforce:
        qs = qs.filter(source_taskforce__slug=taskforce)
    if project is not None:
        qs = qs.filter(project=project)
    if search:
        qs = qs.filter(
            Q(description__icontains=search) | Q(project__name__icontains=search) | Q(category__icontains=search)
        )
    return qs.order_by("status", "deadline", "-raised_at", "pk")


def problem_counts(*, user: User, today: date) -> dict[str, int]:
    """Open problems per level and overdue ones, for the ledger's header. One query."""
    return visible_problems(user).aggregate(
        open=Count("pk", filter=Q(status=ProblemStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=ProblemStatus.OPEN, deadline__lt=today)),
        **{level: Count("pk", filter=Q(status=ProblemStatus.OPEN, level=level)) for level in ProblemLevel.values},
    )


def problem_history(*, problem: Problem) -> list[ProblemEvent]:
    return list(problem.events.select_related("actor").order_by("at", "pk"))


def project_problems(*, user: User, project: Project) -> list[Problem]:
    return list(
        visible_problems(user)
        .filter(project=project)
        .select_related("owner", "source_taskforce")
        .order_by("status", "deadline", "pk")
    )
