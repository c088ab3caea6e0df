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
from django.db.models import Q, QuerySet
from django.http import Http404

from projects.access import has_role, reads_everything, visible_projects
from projects.models import Role, User
from taskforces.models import MembershipRole, Problem, TaskForce

from .models import Delivery, Duty, Notification, Occurrence, OccurrenceAttachment


def can_manage_cycles(user: User) -> bool:
    """Edit duties, manage the problem ledger, record any occurrence: administrators and the HQ office."""
    return has_role(user, Role.ADMIN, Role.HQ)


def user_taskforce_ids(user: User) -> set[int]:
    """The task forces the user belongs to (lead or member), cached on the user for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_cycle_taskforce_ids", None)
    if cached is None:
        cached = set(user.taskforce_memberships.values_list("taskforce_id", flat=True))
        user._cycle_taskforce_ids = cached  # type: ignore[attr-defined]
    return cached


def user_lead_taskforce_ids(user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.taskforce_memberships.filter(role=MembershipRole.LEAD).values_list("taskforce_id", flat=True))


def reads_all_cycles(user: User) -> bool:
    """Leaders, HQ, inspection, administrators and task-force members read every duty, occurrence and problem
    (the task forces work together on the same projects, as in the task-force ledgers)."""
    return reads_everything(user) or has_role(user, Role.TASKFORCE) or bool(user_taskforce_ids(user))


def sees_calendar(user: User) -> bool:
    """The calendar and the compliance view: those who read everything, and people responsible for a duty."""
    if reads_all_cycles(user):
        return True
    return user.is_authenticated and user.cycle_duties.exists()


def sees_problem_ledger(user: User) -> bool:
    return reads_all_cycles(user) or has_role(user, Role.REPORTER)


def visible_duties(user: User, qs: QuerySet[Duty] | None = None) -> QuerySet[Duty]:
    qs = Duty.objects.all() if qs is None else qs
    if reads_all_cycles(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(pk__in=Duty.objects.filter(responsible_people=user).values("pk"))


def visible_occurrences(user: User, qs: QuerySet[Occurrence] | None = None) -> QuerySet[Occurrence]:
    qs = Occurrence.objects.all() if qs is None else qs
    if reads_all_cycles(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
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


def get_attachment_for_user(user: User, occurrence_pk: int, pk: int) -> OccurrenceAttachment:
    occurrence = get_occurrence_for_user(user, occurrence_pk)
    attachment = occurrence.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def get_duty_for_user(user: User, pk: int, *, write: bool = False) -> Duty:
    duty = visible_duties(user).select_related("taskforce", "campaign", "responsible_unit").filter(pk=pk).first()
    if duty is None:
        raise Http404
    if write and not can_manage_cycles(user):
        raise PermissionDenied
    return duty


def visible_problems(user: User, qs: QuerySet[Problem] | None = None) -> QuerySet[Problem]:
    qs = Problem.objects.all() if qs is None else qs
    if reads_all_cycles(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    condition = Q(owner=user)
    if has_role(user, Role.REPORTER) and user.unit_id:
        condition |= Q(project__in=visible_projects(user).values("pk"))
    return qs.filter(condition)


def raisable_taskforces(user: User) -> QuerySet[TaskForce]:
    """Task forces for which the user may raise a problem: all for the HQ office, else their own."""
    if can_manage_cycles(user):
        return TaskForce.objects.all()
    return TaskForce.objects.filter(pk__in=user_taskforce_ids(user))


def can_raise_problem(user: User) -> bool:
    return can_manage_cycles(user) or bool(user_taskforce_ids(user))


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
    if write and not can_manage_cycles(user):
        raise PermissionDenied
    return problem


def get_notification_for_user(user: User, pk: int) -> Notification:
    notification = Notification.objects.filter(pk=pk, recipient_id=user.pk).first()
    if notification is None:
        raise Http404
    return notification


def get_delivery_for_user(user: User, pk: int) -> Delivery:
    """Deliveries are the HQ office's and administrators' business (the others' reminders are in their inbox)."""
    delivery = Delivery.objects.filter(pk=pk).first() if can_manage_cycles(user) else None
    if delivery is None:
        raise Http404
    return delivery
