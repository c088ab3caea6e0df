"""The approvals task force's approval items (taskforces.ApprovalItem), as the reminders see them.

Kept in one small module so that the reminders depend on the approvals ledger in one place: an item
with a deadline that is not approved yet is reminded of before its deadline and once it has passed.
Who is told: the approvals task force's leads (the item's handler and responsible leader are names,
not accounts), falling back to the HQ office.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext

from accounts.models import TaskForce, User

from .models import ApprovalItem, ApprovalStatus

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


def _link(item: ApprovalItem) -> str:
    for name, args in (("taskforces:entry", [APPROVALS_SLUG, "items", item.pk]),):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    try:
        return reverse("taskforces:detail", args=[APPROVALS_SLUG])
    except NoReverseMatch:
        return ""


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
        lines = [
            pgettext("scheduling", "Project: %(name)s") % {"name": item.project.name},
            pgettext("scheduling", "Approval item: %(name)s (%(level)s)")
            % {"name": item.item_type.name, "level": item.get_level_display()},
            pgettext("scheduling", "Deadline: %(date)s") % {"date": item.deadline.isoformat()},
            pgettext("scheduling", "Status: %(status)s") % {"status": item.get_status_display()},
        ]
        if item.handling_unit_id or item.handler:
            lines.append(
                pgettext("scheduling", "Handled by: %(who)s")
                % {"who": " ".join(x for x in (str(item.handling_unit or ""), item.handler) if x)}
            )
        if item.responsible_leader:
            lines.append(pgettext("scheduling", "Responsible leader: %(name)s") % {"name": item.responsible_leader})
        yield DueItem(
            pk=item.pk,
            deadline=item.deadline,
            label=f"{item.project.name} · {item.item_type.name}",
            body="\n".join(lines),
            link=_link(item),
            taskforce_id=taskforce_id,
        )
