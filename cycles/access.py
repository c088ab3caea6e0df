"""Who may see and change duties, occurrences, problems and notifications.

- Duties: administrators and the HQ office edit them; everyone who may see the calendar reads them.
- Occurrences: recorded by the duty's responsible people, the members of its task force, and the HQ
  office / administrators; read by those and by everyone who reads everything (leaders, inspection).
- Problems: the HQ office and administrators manage them (resolve, reassign, re-date, agenda decisions);
  task-force members raise them for their own task force; a reporter reads the problems of their own
  projects and the owner their own; leaders, HQ, inspection and task-force members read them all.
- Notifications: one's own only.

Outsiders (no role, no task force) see nothing: 404 for objects, 403 for the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import has_role, is_hq, reads_everything, user_taskforce_ids
from accounts.models import Role, User

from .models import Duty, Occurrence


def can_manage_cycles(user: User) -> bool:
    """Edit duties and record any occurrence: administrators and the HQ office."""
    return is_hq(user)


def reads_all_cycles(user: User) -> bool:
    """Leaders, HQ, inspection, administrators and task-force members read every duty and occurrence
    (the task forces work together on the same projects, as in the task-force ledgers)."""
    return reads_everything(user) or has_role(user, Role.TASKFORCE) or bool(user_taskforce_ids(user))


def sees_calendar(user: User) -> bool:
    """The calendar and the compliance view: those who read everything, and people responsible for a duty."""
    if reads_all_cycles(user):
        return True
    return user.cycle_duties.exists()


def visible_duties(user: User, qs: QuerySet[Duty] | None = None) -> QuerySet[Duty]:
    qs = Duty.objects.all() if qs is None else qs
    if reads_all_cycles(user):
        return qs
    return qs.filter(pk__in=Duty.objects.filter(responsible_people=user).values("pk"))


def visible_occurrences(user: User, qs: QuerySet[Occurrence] | None = None) -> QuerySet[Occurrence]:
    qs = Occurrence.objects.all() if qs is None else qs
    if reads_all_cycles(user):
        return qs
    mine = Duty.objects.filter(responsible_people=user).values("pk")
    return qs.filter(duty_id__in=mine)


def can_record_occurrence(user: User, occurrence: Occurrence) -> bool:
    if can_manage_cycles(user):
        return True
    duty = occurrence.duty
    if duty.taskforce_id and duty.taskforce_id in user_taskforce_ids(user):
        return True
    return duty.responsible_people.filter(pk=user.pk).exists()


def get_occurrence_for_user(user: User, pk: int, *, write: bool = False) -> Occurrence:
    """The occurrence if the user may see it (404 otherwise); with write=True, 403 unless they may record it."""
    occurrence = (
        visible_occurrences(user)
        .select_related("duty", "duty__taskforce", "duty__campaign", "duty__responsible_unit", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if occurrence is None:
        raise Http404
    if write and not can_record_occurrence(user, occurrence):
        raise PermissionDenied
    return occurrence


def get_duty_for_user(user: User, pk: int, *, write: bool = False) -> Duty:
    duty = visible_duties(user).select_related("taskforce", "campaign", "responsible_unit").filter(pk=pk).first()
    if duty is None:
        raise Http404
    if write and not can_manage_cycles(user):
        raise PermissionDenied
    return duty
