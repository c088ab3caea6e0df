"""Writes of the problem ledger: raising, resolving, reassigning, re-dating, escalation and reminders.

Escalation and reminders are pure functions of `now` and may run twice or concurrently without doing
anything twice: a move up the ladder is a conditional `update()` on the level it was read at, and
each reminder is one notification per recipient and subject (notifications.services.notify).

Problems raised or resolved at a meeting are linked to it by the cycles app, which calls these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from accounts.models import MembershipRole, TaskForce, Unit, User
from accounts.selectors import People
from core.language import in_county_language
from core.text import shorten
from notifications.models import NotificationKind
from notifications.services import OVERDUE_REMINDER_WINDOW_DAYS, WORKDAY_START_HOUR, notify
from projects.models import Project

from .models import (
    PROBLEM_LEVEL_ORDER,
    LevelOfficial,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemLevel,
    ProblemSource,
    ProblemStatus,
)

PROBLEM_REMIND_DAYS_BEFORE = 3
# An overdue problem that stays overdue climbs one more level after this many days at its level.
ESCALATION_INTERVAL_DAYS = 7
NEXT_LEVEL: dict[str, str] = dict(pairwise(PROBLEM_LEVEL_ORDER))


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
    note: str = "",
) -> Problem:
    """Put a problem on the ledger with its first history line (`note`, e.g. the meeting it was raised at)."""
    with transaction.atomic():
        problem = Problem.objects.create(
            project=project,
            source=source,
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
        ProblemEvent.objects.create(
            problem=problem, at=now, kind=ProblemEventKind.RAISED, actor=raised_by, to_level=level, note=note
        )
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
        text = pgettext("scheduling", "Deadline: %(before)s → %(after)s.") % {
            "before": before,
            "after": deadline.isoformat(),
        }
        ProblemEvent.objects.create(
            problem=problem, at=now, kind=ProblemEventKind.REDATED, actor=actor, note=f"{text} {note}".strip()
        )
    return problem


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


@in_county_language
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
        if (
            deadline is None  # never: the query asks for a past deadline; this tells the type checker
            or level not in NEXT_LEVEL
            or not _escalation_due(deadline=deadline, level_changed_at=changed_at, today=today)
        ):
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
                "scheduling",
                "Not resolved by its deadline %(deadline)s (%(days)s days overdue): moved up from %(from)s to %(to)s.",
            ) % {
                "deadline": deadline.isoformat(),
                "days": days,
                "from": ProblemLevel(level).label,
                "to": ProblemLevel(new_level).label,
            }
            ProblemEvent.objects.create(
                problem=problem,
                at=now,
                kind=ProblemEventKind.ESCALATED,
                actor=None,
                from_level=level,
                to_level=new_level,
                note=reason,
            )
            recipients = level_people(level=new_level, taskforce_id=problem.source_taskforce_id)
            if problem.owner is not None:
                recipients.append(problem.owner)
            result.notified += notify(
                kind=NotificationKind.PROBLEM_ESCALATED,
                subject_key=f"problem:{pk}:to:{new_level}",
                recipients=recipients,
                title=pgettext("scheduling", "Problem escalated to %(level)s: %(problem)s")
                % {"level": ProblemLevel(new_level).label, "problem": shorten(problem.description)},
                body=_problem_body(problem, extra=reason),
                link=reverse("problems:problem", args=[pk]),
                now=now,
            )
            result.escalated += 1
    return result


def _problem_body(problem: Problem, *, extra: str = "") -> str:
    lines = [problem.description]
    if problem.project is not None:
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
            title=pgettext("scheduling", "Problem assigned to you: %(problem)s")
            % {"problem": shorten(problem.description)},
            body=_problem_body(problem),
            link=reverse("problems:problem", args=[problem.pk]),
            now=now,
        )


def problems_remind_due(*, today: date, now: datetime, people: People) -> int:
    """Remind the owner (else the task force's leads, else the HQ office) of deadlines near or just past."""
    problems = Problem.objects.filter(
        status=ProblemStatus.OPEN,
        deadline__gte=today - timedelta(days=OVERDUE_REMINDER_WINDOW_DAYS),
        deadline__lte=today + timedelta(days=PROBLEM_REMIND_DAYS_BEFORE),
    ).select_related("project", "owner", "source_taskforce")
    sent = 0
    for problem in problems:
        deadline = problem.deadline
        if deadline is None:  # never: the query asks for a deadline in a window; this tells the type checker
            continue
        if deadline < today:
            kind = NotificationKind.PROBLEM_OVERDUE
            title = pgettext("scheduling", "Problem overdue since %(date)s: %(problem)s")
        else:
            kind = NotificationKind.PROBLEM_DUE
            title = pgettext("scheduling", "Problem due %(date)s: %(problem)s")
        sent += notify(
            kind=kind,
            # The deadline is part of the subject: a re-dated problem is reminded of again.
            subject_key=f"problem:{problem.pk}:{deadline.isoformat()}",
            recipients=[problem.owner]
            if problem.owner_id
            else (people.leads(problem.source_taskforce_id) or people.hq()),
            title=title % {"date": deadline.isoformat(), "problem": shorten(problem.description)},
            body=_problem_body(problem),
            link=reverse("problems:problem", args=[problem.pk]),
            now=now,
        )
    return sent
