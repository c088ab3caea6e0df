"""The task-force index: each task force with its lead unit, cadence, members and ledger sizes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from accounts.models import TaskForce, User

from ..registry import LedgerSection, sections_for
from .ledger import visible_entries


@dataclass
class TaskForceCard:
    taskforce: TaskForce
    member_count: int
    counts: list[tuple[LedgerSection, int]] = field(default_factory=list)


def taskforce_overview(*, user: User) -> list[TaskForceCard]:
    """One card per task force. One query for the task forces, one count per visible ledger section."""
    cards = []
    for taskforce in (
        TaskForce.objects.select_related("lead_unit")
        .annotate(member_count=Count("memberships"))
        .order_by("sort_order", "id")
    ):
        card = TaskForceCard(taskforce=taskforce, member_count=taskforce.member_count)
        for section in sections_for(taskforce.slug):
            if section.listing_only or not section.visible_to(user):
                continue
            card.counts.append((section, visible_entries(user=user, section=section).order_by().count()))
        cards.append(card)
    return cards
