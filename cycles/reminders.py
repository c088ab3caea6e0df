"""Reminders of what the notice's calendar asks for: occurrences due, problem and approval deadlines,
monthly progress not yet reported. From the start of the working day (notifications.WORKDAY_START_HOUR);
each person is told once per subject (notifications.services.notify).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from accounts.models import Role, User
from accounts.selectors import People
from core.language import in_county_language
from core.text import shorten
from notifications.models import NotificationKind
from notifications.services import OVERDUE_REMINDER_WINDOW_DAYS, WORKDAY_START_HOUR, notify
from problems.services import problems_remind_due
from projects.models import MonthlyProgress, Project
from taskforces.approvals.selectors import approval_items_due

from .models import Occurrence, OccurrenceStatus

APPROVAL_REMIND_DAYS_BEFORE = 3


def _remind_occurrences(*, today: date, now: datetime, people: People) -> int:
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
                "title": occurrence.title,
                "date": occurrence.due_date.isoformat(),
            }
        elif occurrence.due_date - timedelta(days=occurrence.duty.remind_days_before) <= today:
            kind = NotificationKind.OCCURRENCE_DUE
            title = pgettext("scheduling", "Due %(date)s: %(title)s") % {
                "title": occurrence.title,
                "date": occurrence.due_date.isoformat(),
            }
        else:
            continue
        body = pgettext(
            "scheduling",
            "%(title)s is due on %(date)s. Record it (date held, attendees, minutes, decisions) once it is held.",
        ) % {"title": occurrence.title, "date": occurrence.due_date.isoformat()}
        sent += notify(
            kind=kind,
            subject_key=f"occurrence:{occurrence.pk}",
            recipients=list(occurrence.duty.responsible_people.all())
            or people.leads(occurrence.duty.taskforce_id)
            or people.hq(),
            title=title,
            body=body,
            link=link,
            now=now,
        )
    return sent


def _remind_approvals(*, today: date, now: datetime, people: People) -> int:
    """Approval items (the approvals task force's ledger) whose deadline nears or has passed."""
    sent = 0
    for item in approval_items_due(
        today=today, days_before=APPROVAL_REMIND_DAYS_BEFORE, window_days=OVERDUE_REMINDER_WINDOW_DAYS
    ):
        recipients = item.people or people.leads(item.taskforce_id) or people.hq()
        if item.deadline < today:
            kind = NotificationKind.APPROVAL_OVERDUE
            title = pgettext("scheduling", "Approval overdue since %(date)s: %(item)s")
        else:
            kind = NotificationKind.APPROVAL_DUE
            title = pgettext("scheduling", "Approval due %(date)s: %(item)s")
        sent += notify(
            kind=kind,
            subject_key=f"approval:{item.pk}:{item.deadline.isoformat()}",
            recipients=recipients,
            title=title % {"date": item.deadline.isoformat(), "item": shorten(item.label, 60)},
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
        if reporter.unit_id is None:  # never: the query asks for their unit; this tells the type checker
            continue
        projects = by_unit[reporter.unit_id]
        names = "、".join(name for _pk, name in projects[:15])
        if len(projects) > 15:
            names += pgettext("scheduling", " and %(count)s more") % {"count": len(projects) - 15}
        sent += notify(
            kind=NotificationKind.PROGRESS_MISSING,
            subject_key=f"progress:{year}-{month:02d}",
            recipients=[reporter],
            title=pgettext("scheduling", "%(count)s projects have no progress for %(month)s/%(year)s yet")
            % {"count": len(projects), "month": month, "year": year},
            body=pgettext("scheduling", "Monthly progress is due by day %(day)s. Not reported yet: %(names)s.")
            % {"day": settings.PROGRESS_REPORTING_DAY, "names": names},
            link=reverse("projects:list"),
            now=now,
        )
    return sent


@in_county_language
def reminders_send_due(*, now: datetime) -> int:
    """Create every reminder that is due at `now` (from the start of the working day). Returns how many people were newly told."""
    local = timezone.localtime(now)
    if local.hour < WORKDAY_START_HOUR:
        return 0
    today = local.date()
    people = People()
    return (
        _remind_occurrences(today=today, now=now, people=people)
        + problems_remind_due(today=today, now=now, people=people)
        + _remind_approvals(today=today, now=now, people=people)
        + _remind_missing_progress(today=today, now=now)
    )
