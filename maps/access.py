"""Who may set a project's location: those who may enter its progress (the register's managers for any
project, a reporter for their own unit's). 404 for a project the user cannot see, 403 for one they may
only read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from accounts.models import User
from projects.access import can_report_progress, get_project_for_user
from projects.models import Project


def can_set_location(user: User, project: Project) -> bool:
    return can_report_progress(user, project)


def get_project_for_location(user: User, pk: int) -> Project:
    project = get_project_for_user(user, pk)
    if not can_set_location(user, project):
        raise PermissionDenied
    return project
