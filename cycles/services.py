"""Writes of the scheduling cycles: opening occurrences, recording them, and what a meeting decides.

`occurrences_open_due` is a pure function of `now`: it reads the state from the database, claims each
due duty with `select_for_update(skip_locked=True)`, opens one occurrence per duty and period (a unique
constraint, `get_or_create`), and may run twice or concurrently without opening anything twice.
Problems raised or resolved at a meeting go through the problem ledger's own services and are then
linked to the occurrence here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from accounts.models import Campaign, TaskForce, Unit, User
from core.language import in_county_language
from files.pipeline import CleanedUpload
from files.services import attachment_create
from problems.models import Problem, ProblemSource, ProblemStatus
from problems.services import problem_raise, problem_reassign, problem_redate, problem_resolve
from projects.models import Project

from .models import Duty, Occurrence, OccurrenceStatus
from .periods import Period, due_date, local_midnight, next_period, period_containing
from .seeding import first_next_due, seed_notice_duties


def _local_today(now: datetime) -> date:
    return timezone.localtime(now).date()


# --- duties and occurrences ------------------------------------------------------------------------


def occurrence_title(duty: Duty, period: Period | None, *, day: date | None = None) -> str:
    """e.g. 前期手续专班 2024年第19周调度."""
    label = period.label if period is not None else (day.isoformat() if day else "")
    return pgettext("scheduling", "%(owner)s %(period)s%(name)s") % {
        "owner": duty.owner_name,
        "period": label,
        "name": duty.name,
    }


def _due_date_for(duty: Duty, period: Period) -> date:
    return due_date(
        period, weekday=duty.weekday, day=duty.day, second_day=duty.second_day, month_in_period=duty.month_in_period
    )


@in_county_language
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


@in_county_language
def occurrence_open_adhoc(*, duty: Duty, due_on: date, subject: str, opened_by: User, now: datetime) -> Occurrence:
    """Open an occurrence of an ad-hoc duty (e.g. 县长顶格调度) for a day."""
    title = pgettext("scheduling", "%(owner)s %(day)s %(name)s") % {
        "owner": duty.owner_name,
        "day": f"{due_on.year}年{due_on.month}月{due_on.day}日",
        "name": duty.name,
    }
    if subject:
        title = f"{title}：{subject}"
    base_key = due_on.isoformat()
    with transaction.atomic():
        taken = set(
            Occurrence.objects.filter(duty=duty, period_key__startswith=base_key).values_list("period_key", flat=True)
        )
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
        created = seed_notice_duties(
            duty_model=Duty,
            taskforce_model=TaskForce,
            campaign_model=Campaign,
            unit_model=Unit,
            today=_local_today(now),
        )
    return len(created)


def occurrence_record(
    *,
    occurrence: Occurrence,
    held_on: date,
    attendees: str,
    minutes: str,
    decisions: str,
    uploads: Iterable[CleanedUpload] = (),
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
        occurrence.save(
            update_fields=["status", "held_on", "attendees", "minutes", "decisions", "recorded_at", "recorded_by"]
        )
        for cleaned in uploads:
            attachment_create(entry=occurrence, cleaned=cleaned, uploaded_by=recorded_by)
        for problem in resolved:
            if problem.status == ProblemStatus.OPEN:
                problem_resolve(
                    problem=problem,
                    resolution=pgettext("scheduling", "Resolved at %(meeting)s.") % {"meeting": occurrence.title},
                    actor=recorded_by,
                    now=now,
                )
                occurrence.problems_resolved.add(problem)
    return occurrence


# --- problems at a meeting --------------------------------------------------------------------------


@dataclass
class AgendaDecision:
    problem: Problem
    action: str  # "keep" | "resolve" | "close" | "reassign" | "redate"
    note: str = ""
    owner: User | None = None
    owner_unit: Unit | None = None
    deadline: date | None = None


@in_county_language
def agenda_record_decisions(
    *, occurrence: Occurrence, decisions: Iterable[AgendaDecision], actor: User, now: datetime
) -> int:
    """Apply what the meeting decided on each problem of its agenda. Returns how many problems changed."""
    changed = 0
    prefix = pgettext("scheduling", "Decided at %(meeting)s.") % {"meeting": occurrence.title}
    with transaction.atomic():
        for decision in decisions:
            note = f"{prefix} {decision.note}".strip()
            problem = decision.problem
            if decision.action in ("resolve", "close"):
                problem_resolve(
                    problem=problem, resolution=note, actor=actor, now=now, close=decision.action == "close"
                )
                occurrence.problems_resolved.add(problem)
            elif decision.action == "reassign":
                problem_reassign(
                    problem=problem,
                    owner=decision.owner,
                    owner_unit=decision.owner_unit,
                    note=note,
                    actor=actor,
                    now=now,
                )
            elif decision.action == "redate" and decision.deadline is not None:
                problem_redate(problem=problem, deadline=decision.deadline, note=note, actor=actor, now=now)
            else:
                continue
            changed += 1
    return changed


# --- notifications -----------------------------------------------------------------------------------


# --- delivery by email and webhook ---------------------------------------------------------------


# --- everything beat triggers, at once -------------------------------------------------------------


def occurrence_problem_raise(
    *,
    occurrence: Occurrence,
    description: str,
    raised_by: User,
    now: datetime,
    project: Project | None = None,
    source_taskforce: TaskForce | None = None,
    category: str = "",
    owner: User | None = None,
    owner_unit: Unit | None = None,
    deadline: date | None = None,
) -> Problem:
    """Put a problem on the ledger as raised at this meeting, and keep it with the meeting's record."""
    with transaction.atomic():
        problem = problem_raise(
            description=description,
            raised_by=raised_by,
            now=now,
            project=project,
            source=ProblemSource.MEETING,
            source_taskforce=source_taskforce,
            category=category,
            owner=owner,
            owner_unit=owner_unit,
            deadline=deadline,
            note=pgettext("scheduling", "Raised at %(meeting)s.") % {"meeting": occurrence.title},
        )
        occurrence.problems_raised.add(problem)
    return problem
