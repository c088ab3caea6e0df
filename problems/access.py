"""Who may see and change problems.

The HQ office and administrators manage the ledger (resolve, reassign, re-date); task-force members
raise problems for their own task force; leaders, HQ, inspection and task-force members read every
problem; a reporter reads the problems of their own unit's projects, and an owner their own.
Everyone else: 404 for a problem, 403 for the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import has_role, is_hq, reads_everything, user_taskforce_ids
from accounts.models import Role, TaskForce, User
from projects.access import visible_projects

from .models import Problem


def can_manage_problems(user: User) -> bool:
    """Resolve, reassign, re-date any problem: administrators and the HQ office."""
    return is_hq(user)


def reads_all_problems(user: User) -> bool:
    """Leaders, HQ, inspection, administrators and task-force members read every problem (the task forces
    work together on the same projects)."""
    return reads_everything(user) or has_role(user, Role.TASKFORCE) or bool(user_taskforce_ids(user))


def visible_problems(user: User, qs: QuerySet[Problem] | None = None) -> QuerySet[Problem]:
    qs = Problem.objects.all() if qs is None else qs
    if reads_all_problems(user):
        return qs
    condition = Q(owner=user)
    if has_role(user, Role.REPORTER) and user.unit_id:
        condition |= Q(project__in=visible_projects(user).values("pk"))
    return qs.filter(condition)


def raisable_taskforces(user: User) -> QuerySet[TaskForce]:
    """Task forces for which the user may raise a problem: all for the HQ office, else their own."""
    if can_manage_problems(user):
        return TaskForce.objects.all()
    return TaskForce.objects.filter(pk__in=user_taskforce_ids(user))


def can_raise_problem(user: User) -> bool:
    return can_manage_problems(user) or bool(user_taskforce_ids(user))


def get_problem_for_user(user: User, pk: int, *, write: bool = False) -> Problem:
    """The problem if the user may see it (404 otherwise); with write=True, 403 unless they manage the ledger."""
    problem = (
        visible_problems(user)
        .select_related("project", "source_taskforce", "owner", "owner_unit", "raised_by")
        .filter(pk=pk)
        .first()
    )
    if problem is None:
        raise Http404
    if write and not can_manage_problems(user):
        raise PermissionDenied
    return problem


def sees_problem_ledger(user: User) -> bool:
    return reads_all_problems(user) or has_role(user, Role.REPORTER)
