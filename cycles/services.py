"""Writes of the scheduling cycles: opening occurrences, recording them, the problem ledger, escalation,
reminders and their delivery.

The periodic units (`occurrences_open_due`, `problems_escalate_overdue`, `reminders_send_due`,
`deliveries_send_due`, and `cycles_run` which does the first three and sends) are pure functions of
`now`: they read the state from the database, claim what is due atomically, and may run twice or
concurrently without doing anything twice:

- opening: one occurrence per duty and period (a unique constraint), the duty row claimed with
  `select_for_update(skip_locked=True)` and re-checked, `get_or_create` for each period;
- escalation: a conditional `update()` on the problem's current level;
- reminders: one `Notification` per recipient, kind and subject (a unique constraint, `get_or_create`);
- delivery: each `Delivery` claimed by a conditional `update()` before sending; failures are retried
  with backoff and recorded. A worker killed between the SMTP/webhook call and the commit leaves the
  row "sending"; it is claimed again after `DELIVERY_LEASE` (so an email may, rarely, go out twice;
  the in-app reminder never does).
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from campaigns.models import Campaign
from projects.models import MonthlyProgress, Project, Role, Unit, User
from taskforces.models import (
    PROBLEM_LEVEL_ORDER,
    MembershipRole,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemLevel,
    ProblemSource,
    ProblemStatus,
    TaskForce,
    TaskForceMembership,
)

from .models import (
    Delivery,
    DeliveryChannel,
    DeliveryStatus,
    Duty,
    LevelOfficial,
    Notification,
    NotificationKind,
    Occurrence,
    OccurrenceAttachment,
    OccurrenceStatus,
)
from .periods import Period, due_date, local_midnight, next_period, period_containing
from .seeding import first_next_due, seed_notice_duties

# Reminders and escalation notices go out from this hour (county time), not in the middle of the night.
WORKDAY_START_HOUR = 8
PROBLEM_REMIND_DAYS_BEFORE = 3
APPROVAL_REMIND_DAYS_BEFORE = 3
# An overdue problem that stays overdue climbs one more level after this many days at its level.
ESCALATION_INTERVAL_DAYS = 7
# Nobody is reminded of something overdue for longer than this (e.g. periods opened by a catch-up
# after a long stop): the compliance view shows those, a flood of stale emails would not help.
OVERDUE_REMINDER_WINDOW_DAYS = 30
DELIVERY_MAX_ATTEMPTS = 6
DELIVERY_LEASE = timedelta(minutes=10)
DELIVERY_BATCH = 200
WEBHOOK_TIMEOUT_SECONDS = 10

NEXT_LEVEL: dict[str, str] = dict(zip(PROBLEM_LEVEL_ORDER, PROBLEM_LEVEL_ORDER[1:]))

T = TypeVar("T")


def _in_county_language(func: Callable[..., T]) -> Callable[..., T]:
    """Titles and texts stored for people to read are written in the county's language, whoever runs the unit."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def _local_today(now: datetime) -> date:
    return timezone.localtime(now).date()


# --- duties and occurrences ------------------------------------------------------------------------


def occurrence_title(duty: Duty, period: Period | None, *, day: date | None = None) -> str:
    """e.g. 前期手续专班 2024年第19周调度."""
    label = period.label if period is not None else (day.isoformat() if day else "")
    return pgettext("scheduling", "%(owner)s %(period)s%(name)s") % {"owner": duty.owner_name, "period": label, "name": duty.name}


def _due_date_for(duty: Duty, period: Period) -> date:
    return due_date(
        period, weekday=duty.weekday, day=duty.day, second_day=duty.second_day, month_in_period=duty.month_in_period
    )


@_in_county_language
def duty_open_periods(*, duty: Duty, now: datetime) -> int:
    """Open every period of the (claimed) duty from its `next_due` up to today; move `next_due` on. Returns how many were new."""
    today = _local_today(now)
    period = period_containing(duty.cadence, timezone.localtime(duty.next_due).date())
    opened = 0
    while period.start <= today:
        _occurrence, created = Occurrence.objects.get_or_create(
            duty=duty,
            period_key=period.key,
            defaults={
                "period_start": period.start,
                "period_end": period.end,
                "due_date": _due_date_for(duty, period),
                "title": occurrence_title(duty, period),
                "opened_at": now,
            },
        )
        opened += int(created)
        period = next_period(period)
    duty.next_due = local_midnight(period.start)
    duty.save(update_fields=["next_due"])
    return opened


def occurrences_open_due(*, now: datetime) -> int:
    """Open the occurrences of every period that has begun, for every active duty (catch-up included).

    Each duty is claimed in its own transaction with SELECT ... FOR UPDATE SKIP LOCKED and re-checked,
    so two runs at once share the work instead of doing it twice; the unique (duty, period) constraint
    and get_or_create make even a lost race harmless.
    """
    due_ids = list(
        Duty.objects.filter(active=True, next_due__isnull=False, next_due__lte=now)
        .exclude(cadence="ad_hoc")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    opened = 0
    for duty_id in due_ids:
        with transaction.atomic():
            duty = (
                Duty.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=duty_id, active=True, next_due__isnull=False, next_due__lte=now)
                .exclude(cadence="ad_hoc")
                .first()
            )
            if duty is None:
                continue  # another run holds it or has just done it
            duty = Duty.objects.select_related("taskforce", "campaign").get(pk=duty.pk)
            opened += duty_open_periods(duty=duty, now=now)
    return opened


@_in_county_language
def occurrence_open_adhoc(*, duty: Duty, due_on: date, subject: str, opened_by: User, now: datetime) -> Occurrence:
    """Open an occurrence of an ad-hoc duty (e.g. 县长顶格调度) for a day."""
    title = pgettext("scheduling", "%(owner)s %(day)s %(name)s") % {
        "owner": duty.owner_name, "day": f"{due_on.year}年{due_on.month}月{due_on.day}日", "name": duty.name
    }
    if subject:
        title = f"{title}：{subject}"
    base_key = due_on.isoformat()
    with transaction.atomic():
        taken = set(Occurrence.objects.filter(duty=duty, period_key__startswith=base_key).values_list("period_key", flat=True))
        key = base_key
        number = 1
        while key in taken:
            number += 1
            key = f"{base_key}-{number}"
        return Occurrence.objects.create(
            duty=duty,
            period_key=key,
            period_start=due_on,
            period_end=due_on,
            due_date=due_on,
            title=title[:200],
            opened_at=now,
        )


def duty_save(*, duty: Duty, responsible_people: Iterable[User], now: datetime) -> Duty:
    """Create or update a duty from the edit page. A new, reactivated or re-timed duty opens from the current period."""
    schedule_fields = ("cadence", "weekday", "day", "second_day", "month_in_period")
    previous = Duty.objects.filter(pk=duty.pk).values(*schedule_fields, "active").first() if duty.pk else None
    if duty.cadence == "ad_hoc":
        duty.next_due = None
    elif (
        previous is None
        or duty.next_due is None
        or any(previous[f] != getattr(duty, f) for f in schedule_fields)
        or (duty.active and not previous["active"])
    ):
        duty.next_due = first_next_due(duty.cadence, _local_today(now))
    with transaction.atomic():
        duty.save()
        duty.responsible_people.set(list(responsible_people))
    return duty


def duties_seed_missing(*, now: datetime) -> int:
    """Add the notice's duties that are missing (the same seeding the data migration and the demo use)."""
    with transaction.atomic():
        created = seed_notice_duties(Duty=Duty, TaskForce=TaskForce, Campaign=Campaign, Unit=Unit, today=_local_today(now))
    return len(created)


@dataclass
class UploadCheck:
    content_type: str
    extension: str


def sniff_upload(head: bytes) -> UploadCheck | None:
    """The type of an uploaded file from its first bytes (never from its name or the browser's claim)."""
    if head.startswith(b"%PDF-"):
        return UploadCheck("application/pdf", ".pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return UploadCheck("image/png", ".png")
    if head.startswith(b"\xff\xd8\xff"):
        return UploadCheck("image/jpeg", ".jpg")
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return UploadCheck("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
        if b"xl/" in head:
            return UploadCheck("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
        return UploadCheck("application/zip", ".zip")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return UploadCheck("application/msword", ".doc")
    return None


def attachment_add(*, occurrence: Occurrence, upload: UploadedFile, uploaded_by: User, now: datetime) -> OccurrenceAttachment:
    """Store one (already validated) upload with the occurrence."""
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    check = sniff_upload(head)
    attachment = OccurrenceAttachment(
        occurrence=occurrence,
        original_name=(upload.name or "file")[-255:],
        content_type=check.content_type if check else "application/octet-stream",
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=uploaded_by,
        uploaded_at=now,
    )
    attachment.file.save((check.extension if check else ""), upload, save=False)
    attachment.save()
    return attachment


def occurrence_record(
    *,
    occurrence: Occurrence,
    held_on: date,
    attendees: str,
    minutes: str,
    decisions: str,
    uploads: Iterable[UploadedFile] = (),
    resolved: Iterable[Problem] = (),
    recorded_by: User,
    now: datetime,
) -> Occurrence:
    """Record (or correct the record of) an occurrence: it is held. Problems marked resolved are resolved."""
    with transaction.atomic():
        occurrence.status = OccurrenceStatus.HELD
        occurrence.held_on = held_on
        occurrence.attendees = attendees
        occurrence.minutes = minutes
        occurrence.decisions = decisions
        occurrence.recorded_at = now
        occurrence.recorded_by = recorded_by
        occurrence.save(update_fields=["status", "held_on", "attendees", "minutes", "decisions", "recorded_at", "recorded_by"])
        for upload in uploads:
            attachment_add(occurrence=occurrence, upload=upload, uploaded_by=recorded_by, now=now)
        for problem in resolved:
            if problem.status == ProblemStatus.OPEN:
                problem_resolve(
                    problem=problem,
                    resolution=pgettext("scheduling", "Resolved at %(meeting)s.") % {"meeting": occurrence.title},
                    actor=recorded_by,
                    now=now,
                    occurrence=occurrence,
                )
    return occurrence


# --- the problem ledger ------------------------------------------------------------------------------


def problem_raise(
    *,
    description: str,
    raised_by: User | None,
    now: datetime,
    project: Project | None = None,
    source: str = ProblemSource.TASKFORCE,
    source_taskforce: TaskForce | None = None,
    category: str = "",
    level: str = ProblemLevel.TASKFORCE,
    owner: User | None = None,
    owner_unit: Unit | None = None,
    deadline: date | None = None,
    occurrence: Occurrence | None = None,
) -> Problem:
    """Put a problem on the ledger (at a meeting when `occurrence` is given), with its first history line."""
    with transaction.atomic():
        problem = Problem.objects.create(
            project=project,
            source=ProblemSource.MEETING if occurrence is not None else source,
            source_taskforce=source_taskforce,
            description=description,
            category=category,
            level=level,
            owner=owner,
            owner_unit=owner_unit,
            deadline=deadline,
            raised_at=now,
            raised_by=raised_by,
            level_changed_at=now,
        )
        note = pgettext("scheduling", "Raised at %(meeting)s.") % {"meeting": occurrence.title} if occurrence is not None else ""
        ProblemEvent.objects.create(problem=problem, at=now, kind=ProblemEventKind.RAISED, actor=raised_by, to_level=level, note=note)
        if occurrence is not None:
            occurrence.problems_raised.add(problem)
        if owner is not None and owner != raised_by:
            _notify_problem_assigned(problem=problem, now=now)
    return problem


def problem_resolve(
    *,
    problem: Problem,
    resolution: str,
    actor: User | None,
    now: datetime,
    close: bool = False,
    occurrence: Occurrence | None = None,
) -> Problem:
    """Resolve the problem (or close it without a resolution when `close`)."""
    with transaction.atomic():
        problem.status = ProblemStatus.CLOSED if close else ProblemStatus.RESOLVED
        problem.resolution = resolution
        problem.resolved_at = now
        problem.save(update_fields=["status", "resolution", "resolved_at"])
        ProblemEvent.objects.create(
            problem=problem,
            at=now,
            kind=ProblemEventKind.CLOSED if close else ProblemEventKind.RESOLVED,
            actor=actor,
            note=resolution,
        )
        if occurrence is not None:
            occurrence.problems_resolved.add(problem)
    return problem


def problem_reassign(
    *, problem: Problem, owner: User | None, owner_unit: Unit | None, note: str, actor: User | None, now: datetime
) -> Problem:
    """Give the problem to another owner (person and/or unit); the new owner is told."""
    with transaction.atomic():
        before = ", ".join(str(x) for x in (problem.owner, problem.owner_unit) if x) or "—"
        problem.owner = owner
        problem.owner_unit = owner_unit
        problem.save(update_fields=["owner", "owner_unit"])
        after = ", ".join(str(x) for x in (owner, owner_unit) if x) or "—"
        text = pgettext("scheduling", "Owner: %(before)s → %(after)s.") % {"before": before, "after": after}
        event = ProblemEvent.objects.create(
            problem=problem, at=now, kind=ProblemEventKind.REASSIGNED, actor=actor, note=f"{text} {note}".strip()
        )
        if owner is not None and owner != actor:
            _notify_problem_assigned(problem=problem, now=now, event_id=event.pk)
    return problem


def problem_redate(*, problem: Problem, deadline: date, note: str, actor: User | None, now: datetime) -> Problem:
    """Set a new deadline. Overdue again later, it climbs again (see `problems_escalate_overdue`)."""
    with transaction.atomic():
        before = problem.deadline.isoformat() if problem.deadline else "—"
        problem.deadline = deadline
        problem.save(update_fields=["deadline"])
        text = pgettext("scheduling", "Deadline: %(before)s → %(after)s.") % {"before": before, "after": deadline.isoformat()}
        ProblemEvent.objects.create(
            problem=problem, at=now, kind=ProblemEventKind.REDATED, actor=actor, note=f"{text} {note}".strip()
        )
    return problem


@dataclass
class AgendaDecision:
    problem: Problem
    action: str  # "keep" | "resolve" | "close" | "reassign" | "redate"
    note: str = ""
    owner: User | None = None
    owner_unit: Unit | None = None
    deadline: date | None = None


@_in_county_language
def agenda_record_decisions(*, occurrence: Occurrence, decisions: Iterable[AgendaDecision], actor: User, now: datetime) -> int:
    """Apply what the meeting decided on each problem of its agenda. Returns how many problems changed."""
    changed = 0
    prefix = pgettext("scheduling", "Decided at %(meeting)s.") % {"meeting": occurrence.title}
    with transaction.atomic():
        for decision in decisions:
            note = f"{prefix} {decision.note}".strip()
            problem = decision.problem
            if decision.action in ("resolve", "close"):
                problem_resolve(
                    problem=problem, resolution=note, actor=actor, now=now, close=decision.action == "close", occurrence=occurrence
                )
            elif decision.action == "reassign":
                problem_reassign(
                    problem=problem, owner=decision.owner, owner_unit=decision.owner_unit, note=note, actor=actor, now=now
                )
            elif decision.action == "redate" and decision.deadline is not None:
                problem_redate(problem=problem, deadline=decision.deadline, note=note, actor=actor, now=now)
            else:
                continue
            changed += 1
    return changed


def level_people(*, level: str, taskforce_id: int | None) -> list[User]:
    """The people who answer for problems at `level`: a task force's leads, or the officials mapped to the level."""
    if level == ProblemLevel.TASKFORCE:
        if taskforce_id is None:
            return []
        return list(
            User.objects.filter(
                is_active=True,
                taskforce_memberships__taskforce_id=taskforce_id,
                taskforce_memberships__role=MembershipRole.LEAD,
            )
        )
    officials = LevelOfficial.objects.filter(level=level, user__is_active=True)
    if taskforce_id is not None:
        officials = officials.filter(Q(taskforce_id=taskforce_id) | Q(taskforce__isnull=True))
    else:
        officials = officials.filter(taskforce__isnull=True)
    return [official.user for official in officials.select_related("user")]


def _escalation_due(*, deadline: date, level_changed_at: datetime | None, today: date) -> bool:
    """Overdue, and either not moved since the deadline passed or left at its level for ESCALATION_INTERVAL_DAYS."""
    if deadline >= today:
        return False
    if level_changed_at is None:
        return True
    changed_on = timezone.localtime(level_changed_at).date()
    return changed_on <= deadline or changed_on + timedelta(days=ESCALATION_INTERVAL_DAYS) <= today


@dataclass
class EscalationResult:
    escalated: int = 0
    notified: int = 0


@_in_county_language
def problems_escalate_overdue(*, now: datetime) -> EscalationResult:
    """Move every overdue open problem up one level (task force → deputy → executive → county head).

    Each move is claimed by a conditional update on the level it was read at, recorded as a
    ProblemEvent saying when and why, and told to the owner and the new level's people.
    """
    result = EscalationResult()
    local = timezone.localtime(now)
    if local.hour < WORKDAY_START_HOUR:
        return result
    today = local.date()
    candidates = list(
        Problem.objects.filter(status=ProblemStatus.OPEN, deadline__lt=today)
        .exclude(level=ProblemLevel.COUNTY_HEAD)
        .values_list("pk", "level", "deadline", "level_changed_at")
    )
    for pk, level, deadline, changed_at in candidates:
        if level not in NEXT_LEVEL or not _escalation_due(deadline=deadline, level_changed_at=changed_at, today=today):
            continue
        new_level = NEXT_LEVEL[level]
        with transaction.atomic():
            claimed = Problem.objects.filter(pk=pk, status=ProblemStatus.OPEN, level=level).update(
                level=new_level, level_changed_at=now
            )
            if not claimed:
                continue  # resolved or moved by someone else in the meantime
            problem = Problem.objects.select_related("project", "source_taskforce", "owner").get(pk=pk)
            # update() bypasses the model history; saving the same values again records the change there too.
            problem.save(update_fields=["level", "level_changed_at"])
            days = (today - deadline).days
            reason = pgettext(
                "scheduling", "Not resolved by its deadline %(deadline)s (%(days)s days overdue): moved up from %(from)s to %(to)s."
            ) % {
                "deadline": deadline.isoformat(),
                "days": days,
                "from": ProblemLevel(level).label,
                "to": ProblemLevel(new_level).label,
            }
            ProblemEvent.objects.create(
                problem=problem, at=now, kind=ProblemEventKind.ESCALATED, actor=None, from_level=level, to_level=new_level, note=reason
            )
            recipients = level_people(level=new_level, taskforce_id=problem.source_taskforce_id)
            if problem.owner is not None:
                recipients.append(problem.owner)
            result.notified += notify(
                kind=NotificationKind.PROBLEM_ESCALATED,
                subject_key=f"problem:{pk}:to:{new_level}",
                recipients=recipients,
                title=pgettext("scheduling", "Problem escalated to %(level)s: %(problem)s") % {
                    "level": ProblemLevel(new_level).label, "problem": _short(problem.description)
                },
                body=_problem_body(problem, extra=reason),
                link=reverse("cycles:problem", args=[pk]),
                now=now,
            )
            result.escalated += 1
    return result


def _short(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _problem_body(problem: Problem, *, extra: str = "") -> str:
    lines = [problem.description]
    if problem.project_id:
        lines.append(pgettext("scheduling", "Project: %(name)s") % {"name": problem.project.name})
    lines.append(pgettext("scheduling", "Level: %(level)s") % {"level": problem.get_level_display()})
    if problem.deadline:
        lines.append(pgettext("scheduling", "Deadline: %(date)s") % {"date": problem.deadline.isoformat()})
    if extra:
        lines.append(extra)
    return "\n".join(lines)


def _notify_problem_assigned(*, problem: Problem, now: datetime, event_id: int | None = None) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        return notify(
            kind=NotificationKind.PROBLEM_ASSIGNED,
            subject_key=f"problem:{problem.pk}:assigned:{event_id or 'raised'}",
            recipients=[problem.owner] if problem.owner else [],
            title=pgettext("scheduling", "Problem assigned to you: %(problem)s") % {"problem": _short(problem.description)},
            body=_problem_body(problem),
            link=reverse("cycles:problem", args=[problem.pk]),
            now=now,
        )


# --- notifications -----------------------------------------------------------------------------------


def notify(
    *, kind: str, subject_key: str, recipients: Iterable[User], title: str, body: str, link: str, now: datetime
) -> int:
    """Tell each recipient once per (kind, subject): a notification in the app, an email delivery for those
    with an address, and one group-chat delivery per subject when a webhook is configured.

    Returns how many recipients were newly told. Safe to call again with the same subject: nothing repeats.
    """
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return 0
    already = set(
        Notification.objects.filter(kind=kind, subject_key=subject_key, recipient_id__in=people).values_list("recipient_id", flat=True)
    )
    created: list[Notification] = []
    with transaction.atomic():
        for user_id, user in sorted(people.items()):
            if user_id in already:
                continue
            notification, was_created = Notification.objects.get_or_create(
                recipient=user,
                kind=kind,
                subject_key=subject_key,
                defaults={"title": title[:200], "body": body, "link": link, "created_at": now},
            )
            if not was_created:
                continue
            created.append(notification)
            if user.email:
                Delivery.objects.create(
                    notification=notification,
                    channel=DeliveryChannel.EMAIL,
                    kind=kind,
                    subject_key=subject_key,
                    address=user.email,
                    next_attempt_at=now,
                    created_at=now,
                )
        if created and settings.REMINDER_WEBHOOK_URL:
            Delivery.objects.get_or_create(
                channel=DeliveryChannel.WEBHOOK,
                kind=kind,
                subject_key=subject_key,
                defaults={
                    "notification": created[0],
                    "address": settings.REMINDER_WEBHOOK_URL,
                    "next_attempt_at": now,
                    "created_at": now,
                },
            )
    return len(created)


def notification_mark_read(*, notification: Notification, now: datetime) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now


def notifications_mark_all_read(*, user: User, now: datetime) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


class _Recipients:
    """Who is told about a duty or a problem, loaded once per run (no query per subject)."""

    def __init__(self) -> None:
        self._hq: list[User] | None = None
        self._leads: dict[int, list[User]] | None = None

    def hq(self) -> list[User]:
        if self._hq is None:
            self._hq = list(User.objects.filter(is_active=True, groups__name=Role.HQ).distinct())
        return self._hq

    def leads(self, taskforce_id: int | None) -> list[User]:
        if self._leads is None:
            self._leads = defaultdict(list)
            for membership in TaskForceMembership.objects.filter(role=MembershipRole.LEAD, user__is_active=True).select_related("user"):
                self._leads[membership.taskforce_id].append(membership.user)
        return self._leads.get(taskforce_id, []) if taskforce_id else []

    def for_duty(self, duty: Duty) -> list[User]:
        people = list(duty.responsible_people.all())
        return people or self.leads(duty.taskforce_id) or self.hq()

    def for_problem(self, problem: Problem) -> list[User]:
        if problem.owner_id:
            return [problem.owner]
        return self.leads(problem.source_taskforce_id) or self.hq()


def _remind_occurrences(*, today: date, now: datetime, recipients: _Recipients) -> int:
    occurrences = (
        Occurrence.objects.filter(
            status=OccurrenceStatus.OPEN,
            due_date__gte=today - timedelta(days=OVERDUE_REMINDER_WINDOW_DAYS),
            due_date__lte=today + timedelta(days=31),
            duty__active=True,
        )
        .select_related("duty", "duty__taskforce", "duty__campaign")
        .prefetch_related("duty__responsible_people")
    )
    sent = 0
    for occurrence in occurrences:
        link = reverse("cycles:occurrence", args=[occurrence.pk])
        if occurrence.due_date < today:
            kind = NotificationKind.OCCURRENCE_OVERDUE
            title = pgettext("scheduling", "Overdue: %(title)s (due %(date)s), not recorded yet") % {
                "title": occurrence.title, "date": occurrence.due_date.isoformat()
            }
        elif occurrence.due_date - timedelta(days=occurrence.duty.remind_days_before) <= today:
            kind = NotificationKind.OCCURRENCE_DUE
            title = pgettext("scheduling", "Due %(date)s: %(title)s") % {"title": occurrence.title, "date": occurrence.due_date.isoformat()}
        else:
            continue
        body = pgettext("scheduling", "%(title)s is due on %(date)s. Record it (date held, attendees, minutes, decisions) once it is held.") % {
            "title": occurrence.title, "date": occurrence.due_date.isoformat()
        }
        sent += notify(
            kind=kind,
            subject_key=f"occurrence:{occurrence.pk}",
            recipients=recipients.for_duty(occurrence.duty),
            title=title,
            body=body,
            link=link,
            now=now,
        )
    return sent


def _remind_problems(*, today: date, now: datetime, recipients: _Recipients) -> int:
    problems = Problem.objects.filter(
        status=ProblemStatus.OPEN,
        deadline__gte=today - timedelta(days=OVERDUE_REMINDER_WINDOW_DAYS),
        deadline__lte=today + timedelta(days=PROBLEM_REMIND_DAYS_BEFORE),
    ).select_related("project", "owner", "source_taskforce")
    sent = 0
    for problem in problems:
        if problem.deadline < today:
            kind = NotificationKind.PROBLEM_OVERDUE
            title = pgettext("scheduling", "Problem overdue since %(date)s: %(problem)s")
        else:
            kind = NotificationKind.PROBLEM_DUE
            title = pgettext("scheduling", "Problem due %(date)s: %(problem)s")
        sent += notify(
            kind=kind,
            # The deadline is part of the subject: a re-dated problem is reminded of again.
            subject_key=f"problem:{problem.pk}:{problem.deadline.isoformat()}",
            recipients=recipients.for_problem(problem),
            title=title % {"date": problem.deadline.isoformat(), "problem": _short(problem.description)},
            body=_problem_body(problem),
            link=reverse("cycles:problem", args=[problem.pk]),
            now=now,
        )
    return sent


def _remind_approvals(*, today: date, now: datetime, recipients: _Recipients) -> int:
    """Approval items (the approvals task force's ledger) whose deadline nears or has passed."""
    from . import approvals

    sent = 0
    for item in approvals.items_due(today=today, days_before=APPROVAL_REMIND_DAYS_BEFORE, window_days=OVERDUE_REMINDER_WINDOW_DAYS):
        people = item.people or recipients.leads(item.taskforce_id) or recipients.hq()
        if item.deadline < today:
            kind = NotificationKind.APPROVAL_OVERDUE
            title = pgettext("scheduling", "Approval overdue since %(date)s: %(item)s")
        else:
            kind = NotificationKind.APPROVAL_DUE
            title = pgettext("scheduling", "Approval due %(date)s: %(item)s")
        sent += notify(
            kind=kind,
            subject_key=f"approval:{item.pk}:{item.deadline.isoformat()}",
            recipients=people,
            title=title % {"date": item.deadline.isoformat(), "item": _short(item.label, 60)},
            body=item.body,
            link=item.link,
            now=now,
        )
    return sent


def _remind_missing_progress(*, today: date, now: datetime) -> int:
    """From the reporting day on, each reporter whose unit has listed projects without this month's progress."""
    if today.day < settings.PROGRESS_REPORTING_DAY:
        return 0
    year, month = today.year, today.month
    reported = MonthlyProgress.objects.filter(year=year, month=month).values("project_id")
    missing = (
        Project.objects.filter(years__year=year)
        .exclude(pk__in=reported)
        .values_list("pk", "name", "township_id", "responsible_unit_id")
        .order_by("name")
    )
    by_unit: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, name, township_id, unit_id in missing:
        for uid in {township_id, unit_id} - {None}:
            by_unit[uid].append((pk, name))
    if not by_unit:
        return 0
    reporters = User.objects.filter(is_active=True, groups__name=Role.REPORTER, unit_id__in=by_unit).distinct()
    sent = 0
    for reporter in reporters:
        projects = by_unit[reporter.unit_id]
        names = "、".join(name for _pk, name in projects[:15])
        if len(projects) > 15:
            names += pgettext("scheduling", " and %(count)s more") % {"count": len(projects) - 15}
        sent += notify(
            kind=NotificationKind.PROGRESS_MISSING,
            subject_key=f"progress:{year}-{month:02d}",
            recipients=[reporter],
            title=pgettext("scheduling", "%(count)s projects have no progress for %(month)s/%(year)s yet") % {
                "count": len(projects), "month": month, "year": year
            },
            body=pgettext("scheduling", "Monthly progress is due by day %(day)s. Not reported yet: %(names)s.") % {
                "day": settings.PROGRESS_REPORTING_DAY, "names": names
            },
            link=reverse("projects:list"),
            now=now,
        )
    return sent


@_in_county_language
def reminders_send_due(*, now: datetime) -> int:
    """Create every reminder that is due at `now` (from the start of the working day). Returns how many people were newly told."""
    local = timezone.localtime(now)
    if local.hour < WORKDAY_START_HOUR:
        return 0
    today = local.date()
    recipients = _Recipients()
    return (
        _remind_occurrences(today=today, now=now, recipients=recipients)
        + _remind_problems(today=today, now=now, recipients=recipients)
        + _remind_approvals(today=today, now=now, recipients=recipients)
        + _remind_missing_progress(today=today, now=now)
    )


# --- delivery by email and webhook ---------------------------------------------------------------


def _claimable(now: datetime) -> Q:
    return Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - DELIVERY_LEASE
    )


def _site_name() -> str:
    return pgettext("scheduling", "Yangcheng key projects")


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def _send_email(delivery: Delivery) -> None:
    notification = delivery.notification
    subject = f"[{_site_name()}] {notification.title}"
    body = notification.body
    if notification.link:
        body = f"{body}\n\n{_absolute(notification.link)}"
    EmailMessage(subject=subject, body=body, to=[delivery.address]).send(fail_silently=False)


def webhook_content(delivery: Delivery) -> str:
    notification = delivery.notification
    names = list(
        Notification.objects.filter(kind=delivery.kind, subject_key=delivery.subject_key)
        .select_related("recipient")
        .order_by("recipient__username")
    )
    lines = [f"【{_site_name()}】{notification.title}", notification.body]
    if names:
        lines.append(pgettext("scheduling", "For: %(names)s") % {"names": "、".join(n.recipient.display_name for n in names)})
    if notification.link:
        lines.append(_absolute(notification.link))
    return "\n".join(line for line in lines if line)


def _send_webhook(delivery: Delivery) -> None:
    """POST a DingTalk/WeCom-style text message. Their robots answer HTTP 200 with {"errcode": n}: non-zero is a failure."""
    payload = json.dumps({"msgtype": "text", "text": {"content": webhook_content(delivery)}}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        delivery.address, data=payload, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310 (configured URL)
        raw = response.read(65536)
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return  # not JSON: a plain 2xx from a generic endpoint counts as delivered
    if isinstance(answer, dict) and answer.get("errcode") not in (None, 0):
        raise RuntimeError(f"webhook errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def _retry_delay(attempts: int) -> timedelta:
    """5, 10, 20, 40, 80 minutes..."""
    return timedelta(minutes=5 * 2 ** max(attempts - 1, 0))


@_in_county_language
def delivery_send(*, delivery_id: int, now: datetime) -> bool:
    """Claim and send one delivery. Returns True when it was sent now."""
    claimed = Delivery.objects.filter(_claimable(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return False
    delivery = Delivery.objects.select_related("notification", "notification__recipient").get(pk=delivery_id)
    try:
        if delivery.channel == DeliveryChannel.EMAIL:
            _send_email(delivery)
        else:
            _send_webhook(delivery)
    except Exception as exc:  # noqa: BLE001 — any failure of the channel is recorded and retried
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.attempts >= DELIVERY_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.GAVE_UP
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + _retry_delay(delivery.attempts)
        delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
        return False
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = now
    delivery.save(update_fields=["status", "sent_at"])
    return True


def deliveries_send_due(*, now: datetime) -> int:
    """Send every delivery that is waiting or due for a retry. Returns how many were sent."""
    ids = list(Delivery.objects.filter(_claimable(now)).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:DELIVERY_BATCH])
    return sum(delivery_send(delivery_id=pk, now=now) for pk in ids)


def delivery_retry(*, delivery: Delivery, now: datetime) -> Delivery:
    """Queue a failed (or abandoned) delivery again at once, with a fresh set of attempts."""
    Delivery.objects.filter(pk=delivery.pk, status__in=[DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP]).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now, attempts=0
    )
    delivery.refresh_from_db()
    return delivery


# --- everything beat triggers, at once -------------------------------------------------------------


@dataclass
class CycleResult:
    opened: int
    escalated: int
    reminders_sent: int
    deliveries_sent: int

    def as_dict(self) -> dict[str, int]:
        return {"opened": self.opened, "escalated": self.escalated, "reminders_sent": self.reminders_sent}


def cycles_run(*, now: datetime, deliver: bool = True) -> CycleResult:
    """What beat triggers, as of `now`: open due occurrences (with catch-up), escalate overdue problems,
    create due reminders, and (unless `deliver` is False) send the waiting emails and webhook posts.

    `reminders_sent` counts the people newly told in the app, escalation notices included.
    """
    opened = occurrences_open_due(now=now)
    escalation = problems_escalate_overdue(now=now)
    reminders = reminders_send_due(now=now)
    deliveries = deliveries_send_due(now=now) if deliver else 0
    return CycleResult(opened, escalation.escalated, reminders + escalation.notified, deliveries)
