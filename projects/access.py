"""Who may do what. Roles are Django groups named after `Role` values.

Views never look objects up unscoped: they call one helper per scoped object, which
answers 404 to someone who may not know the object exists and 403 to someone who may
read it but not change it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import has_role, reads_everything
from accounts.models import Role, User

from .models import ImportBatch, Project


def can_manage_register(user: User) -> bool:
    """Import lists, edit projects and targets: administrators and the HQ office."""
    return has_role(user, Role.ADMIN, Role.HQ)


def visible_projects(user: User, qs: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects the user may read: all for readers-of-everything and task-force members, else their unit's."""
    qs = Project.objects.all() if qs is None else qs
    if reads_everything(user) or has_role(user, Role.TASKFORCE):
        return qs
    if has_role(user, Role.REPORTER) and user.unit_id:
        return qs.filter(Q(township_id=user.unit_id) | Q(responsible_unit_id=user.unit_id))
    return qs.none()


def can_report_progress(user: User, project: Project) -> bool:
    """Administrators and the HQ office for any project; a reporter for its own unit's projects."""
    if can_manage_register(user):
        return True
    return has_role(user, Role.REPORTER) and user.unit_id is not None and user.unit_id in project.reporting_units()


def get_project_for_user(user: User, pk: int, *, write: bool = False) -> Project:
    """The project, if the user may read it (404 otherwise); with write=True, 403 unless they may edit it."""
    project = visible_projects(user).select_related("township", "responsible_unit").filter(pk=pk).first()
    if project is None:
        raise Http404
    if write and not can_manage_register(user):
        raise PermissionDenied
    return project


def get_project_for_progress(user: User, pk: int) -> Project:
    """The project whose monthly progress the user wants to enter: 404 if unseen, 403 if read-only."""
    project = get_project_for_user(user, pk)
    if not can_report_progress(user, project):
        raise PermissionDenied
    return project


def get_import_batch_for_user(user: User, pk: int, *, write: bool = False) -> ImportBatch:
    """An uploaded list waiting at its preview. Only those who manage the register know of them (404
    for everyone else); `write` is the same people, so it adds no further check."""
    if not can_manage_register(user):
        raise Http404
    batch = ImportBatch.objects.select_related("uploaded_by").filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch
