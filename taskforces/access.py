"""Who may read and write the task forces' ledgers. Every ledger view goes through these helpers.

The rules (issue 3):
- members (`TaskForceMembership`) of a task force create and edit ITS entries, and nobody else's;
- administrators edit every ledger (they correct mistakes and keep the system running);
- the HQ office, county leaders and the inspection office read every ledger but write none;
- members of any task force read the other task forces' ledgers (read-only): the task forces work
  together on the same projects, and `projects.access.visible_projects` already shows them all projects;
- a township or unit reporter reads only entries about its own unit's projects (township or
  responsible unit), and never entries that are about no project (trips, promotion events, meetings);
- everyone else is refused.

Lookups answer 404 to someone who may not read the object and 403 to someone who may read but not
write it. Each ledger model declares `ledger_slug` and `project_path` (see `taskforces.common.models`).
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from accounts.access import has_role, is_admin, reads_everything
from accounts.models import Role, TaskForce, User

from .models import LandProblem, Lead, SupervisionVisit

M = TypeVar("M", bound=Model)


def member_slugs(user: User) -> frozenset[str]:
    """Slugs of the task forces the user is a member of (one query, cached on the user for the request)."""
    cached = getattr(user, "_taskforce_slugs", None)
    if cached is None:
        cached = frozenset(user.taskforce_memberships.values_list("taskforce__slug", flat=True))
        user._taskforce_slugs = cached  # type: ignore[attr-defined]  # a per-request cache, not a field
    return cached


def reads_all_ledgers(user: User) -> bool:
    """Administrators, HQ, leaders, the inspection office and task-force members read every ledger in full."""
    return reads_everything(user) or has_role(user, Role.TASKFORCE) or bool(member_slugs(user))


def is_unit_reporter(user: User) -> bool:
    return has_role(user, Role.REPORTER) and user.unit_id is not None


def _slug(taskforce: TaskForce | str) -> str:
    return taskforce if isinstance(taskforce, str) else taskforce.slug


def can_read_taskforce(user: User, taskforce: TaskForce | str) -> bool:
    """May open the task force's page (a reporter sees only its own projects' entries there)."""
    return reads_all_ledgers(user) or is_unit_reporter(user)


def can_edit_taskforce(user: User, taskforce: TaskForce | str) -> bool:
    """May create and edit the task force's ledger entries: its members, and administrators."""
    return is_admin(user) or _slug(taskforce) in member_slugs(user)


def get_taskforce_for_user(user: User, slug: str, *, write: bool = False) -> TaskForce:
    """The task force, if the user may read its ledger (404 otherwise); with write=True, 403 unless they may edit it."""
    if not can_read_taskforce(user, slug):
        raise Http404
    taskforce = TaskForce.objects.select_related("lead_unit").filter(slug=slug).first()
    if taskforce is None:
        raise Http404
    if write and not can_edit_taskforce(user, taskforce):
        raise PermissionDenied
    return taskforce


def own_projects_q(user: User, project_path: str) -> Q:
    """Entries whose project belongs to the reporter's unit (as township or responsible unit)."""
    return Q(**{f"{project_path}__township_id": user.unit_id}) | Q(
        **{f"{project_path}__responsible_unit_id": user.unit_id}
    )


def entries_for_user(user: User, model: type[M], qs: QuerySet[M] | None = None) -> QuerySet[M]:
    """The entries of ledger model `model` the user may read (all, own projects' only, or none)."""
    qs = model._default_manager.all() if qs is None else qs
    if reads_all_ledgers(user):
        return qs
    project_path = getattr(model, "project_path", None)
    if is_unit_reporter(user) and project_path:
        return qs.filter(own_projects_q(user, project_path))
    return qs.none()


def get_entry_for_user(
    user: User, model: type[M], pk: int, *, write: bool = False, qs: QuerySet[M] | None = None
) -> M:
    """One entry of `model`: 404 unless the user may read it; with write=True, 403 unless they may edit its ledger.

    `qs` narrows or joins the lookup (e.g. `select_related`).
    """
    entry = entries_for_user(user, model, qs).filter(pk=pk).first()
    if entry is None:
        raise Http404
    if write and not can_edit_taskforce(user, model.ledger_slug):  # type: ignore[attr-defined]  # every ledger model declares ledger_slug
        raise PermissionDenied
    return entry


def can_read_entry(user: User, entry: Model) -> bool:
    """Whether the user may read this ledger entry (the rule files.registry asks for its attachments)."""
    return entries_for_user(user, type(entry)).filter(pk=entry.pk).exists()


def can_edit_entry(user: User, entry: Model) -> bool:
    return can_edit_taskforce(user, type(entry).ledger_slug)  # type: ignore[attr-defined]  # every ledger model declares ledger_slug


# Named helpers for the entry types that have views of their own; the generic ledger views call
# get_entry_for_user with the section's model.


def get_lead_for_user(user: User, pk: int, *, write: bool = False) -> Lead:
    return get_entry_for_user(user, Lead, pk, write=write)


def get_supervision_visit_for_user(user: User, pk: int, *, write: bool = False) -> SupervisionVisit:
    return get_entry_for_user(user, SupervisionVisit, pk, write=write)


def get_land_problem_for_user(user: User, pk: int, *, write: bool = False) -> LandProblem:
    return get_entry_for_user(user, LandProblem, pk, write=write)
