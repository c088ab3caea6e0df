"""Reads of the approvals ledger: per-project summaries and the overdue items.

Overdue = a deadline before the ledgers' today (`taskforces.selectors.reference_date`) and not approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Count, F, IntegerField, Min, Q, QuerySet, Value, When

from accounts.models import User
from projects.models import Project

from ..access import entries_for_user, is_unit_reporter, reads_all_ledgers
from ..models import ApprovalItem, ApprovalStatus


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
