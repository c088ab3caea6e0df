"""Writes to the land-use guarantee ledger beyond the generic entry forms.

A land problem the task force cannot solve itself goes on the county's tiered problem ledger
(问题台账, kept by the HQ office; see cycles), where it climbs to the deputy county
head in charge and higher when it stays unresolved. The land problem keeps the link.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import TaskForce, User
from problems.models import Problem, ProblemSource
from problems.services import problem_raise

from ..common.services import record_author
from .models import LandProblem


def land_problem_escalate(*, land_problem: LandProblem, user: User) -> Problem:
    """Put a land problem on the county's problem ledger at task-force level, once.

    Running it again (a double click, two members at once) returns the problem already linked.
    """
    with transaction.atomic():
        locked = LandProblem.objects.select_for_update().select_related("project").get(pk=land_problem.pk)
        if locked.problem_id is not None:
            return Problem.objects.get(pk=locked.problem_id)
        problem = problem_raise(
            description=locked.description,
            raised_by=user,
            now=timezone.now(),
            project=locked.project,
            source=ProblemSource.TASKFORCE,
            source_taskforce=TaskForce.objects.filter(slug="land").first(),
            category=gettext("Land"),
            owner_unit=locked.responsible_unit,
            deadline=locked.deadline,
        )
        locked.problem = problem
        record_author(locked, user)
        locked.save(update_fields=["problem", "updated_at"])
    land_problem.problem = problem
    return problem
