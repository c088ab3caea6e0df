"""Reads of the approvals ledger: per-project summaries, the overdue items, and the items the
reminders tell people about (`approval_items_due`, read by `cycles.reminders`).

Overdue = a deadline before the ledgers' today (`taskforces.common.selectors.reference_date`) and not approved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Count, F, IntegerField, Min, Q, QuerySet, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext

from accounts.models import TaskForce, User
from projects.models import Project

from ..access import entries_for_user, is_unit_reporter, reads_all_ledgers
from .models import ApprovalItem, ApprovalStatus


def overdue_filter(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}deadline__lt": day}) & ~Q(**{f"{prefix}status": ApprovalStatus.APPROVED})


def items_with_overdue(*, day: date) -> QuerySet[ApprovalItem]:
    """Approval items, project and type joined, `overdue` annotated as of `day`; open ones first by deadline."""
    return (
        ApprovalItem.objects.select_related("project", "item_type", "handling_unit")
        .annotate(
            overdue=Case(
                When(overdue_filter(day), then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            done=Case(
                When(status=ApprovalStatus.APPROVED, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("done", F("deadline").asc(nulls_last=True), "project__name", "id")
    )


def project_approval_summary(*, user: User, day: date) -> QuerySet[Project]:
    """Projects with approval items the user may see, annotated: items, approved, overdue, blocked, next deadline.

    One query. Overdue projects first, then by next deadline.
    """
    if reads_all_ledgers(user):
        projects = Project.objects.all()
    elif is_unit_reporter(user):
        projects = Project.objects.filter(Q(township_id=user.unit_id) | Q(responsible_unit_id=user.unit_id))
    else:
        return Project.objects.none()
    open_items = ~Q(approval_items__status=ApprovalStatus.APPROVED)
    return (
        projects.filter(approval_items__isnull=False)
        .select_related("township")
        .annotate(
            item_count=Count("approval_items", distinct=True),
            approved_count=Count(
                "approval_items", filter=Q(approval_items__status=ApprovalStatus.APPROVED), distinct=True
            ),
            overdue_count=Count("approval_items", filter=overdue_filter(day, "approval_items__"), distinct=True),
            blocked_count=Count(
                "approval_items", filter=Q(approval_items__status=ApprovalStatus.BLOCKED), distinct=True
            ),
            next_deadline=Min("approval_items__deadline", filter=open_items),
        )
        .order_by("-overdue_count", "next_deadline", "name")
    )


@dataclass
class ApprovalFigures:
    items: int
    approved: int
    in_progress: int
    blocked: int
    overdue: int
    projects: int
    projects_overdue: int


def approval_figures(*, user: User, day: date) -> ApprovalFigures:
    """One query over the items the user may see."""
    row = entries_for_user(user, ApprovalItem).aggregate(
        items=Count("id"),
        approved=Count("id", filter=Q(status=ApprovalStatus.APPROVED)),
        in_progress=Count("id", filter=Q(status=ApprovalStatus.IN_PROGRESS)),
        blocked=Count("id", filter=Q(status=ApprovalStatus.BLOCKED)),
        overdue=Count("id", filter=overdue_filter(day)),
        projects=Count("project", distinct=True),
        projects_overdue=Count("project", filter=overdue_filter(day), distinct=True),
    )
    return ApprovalFigures(**row)


# --- what the reminders tell people about ----------------------------------------------------------
# The reminders (cycles) depend on the approvals ledger here and nowhere else: an item with a
# deadline that is not approved yet is reminded of before its deadline and once it has passed. Who
# is told: the approvals task force's leads (the item's handler and responsible leader are names,
# not accounts), falling back to the HQ office.

APPROVALS_SLUG = "approvals"


@dataclass
class DueItem:
    pk: int
    deadline: date
    label: str
    body: str
    link: str
    taskforce_id: int | None
    people: list[User] = field(default_factory=list)


def _entry_link(item: ApprovalItem) -> str:
    try:
        return reverse("taskforces:entry", args=[APPROVALS_SLUG, "items", item.pk])
    except NoReverseMatch:
        return ""


def _due_item_body(item: ApprovalItem) -> str:
    lines = [
        pgettext("scheduling", "Project: %(name)s") % {"name": item.project.name},
        pgettext("scheduling", "Approval item: %(name)s (%(level)s)")
        % {"name": item.item_type.name, "level": item.get_level_display()},
        pgettext("scheduling", "Deadline: %(date)s") % {"date": item.deadline.isoformat() if item.deadline else ""},
        pgettext("scheduling", "Status: %(status)s") % {"status": item.get_status_display()},
    ]
    if item.handling_unit_id or item.handler:
        lines.append(
            pgettext("scheduling", "Handled by: %(who)s")
            % {"who": " ".join(x for x in (str(item.handling_unit or ""), item.handler) if x)}
        )
    if item.responsible_leader:
        lines.append(pgettext("scheduling", "Responsible leader: %(name)s") % {"name": item.responsible_leader})
    return "\n".join(lines)


def approval_items_due(*, today: date, days_before: int, window_days: int) -> Iterator[DueItem]:
    """Approval items not approved whose deadline is within `days_before` days or passed at most `window_days` ago."""
    taskforce_id = TaskForce.objects.filter(slug=APPROVALS_SLUG).values_list("pk", flat=True).first()
    items = (
        ApprovalItem.objects.filter(
            deadline__gte=today - timedelta(days=window_days), deadline__lte=today + timedelta(days=days_before)
        )
        .exclude(status=ApprovalStatus.APPROVED)
        .select_related("project", "item_type", "handling_unit")
        .order_by("deadline", "pk")
    )
    for item in items:
        if item.deadline is None:  # excluded by the filter; narrows the type
            continue
        yield DueItem(
            pk=item.pk,
            deadline=item.deadline,
            label=f"{item.project.name} · {item.item_type.name}",
            body=_due_item_body(item),
            link=_entry_link(item),
            taskforce_id=taskforce_id,
        )
