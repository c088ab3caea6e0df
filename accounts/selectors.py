"""Reads of who is who: the people behind a role or a task force."""

from __future__ import annotations

from collections import defaultdict

from .models import MembershipRole, Role, TaskForceMembership, User


class People:
    """The HQ office and each task force's leads, loaded once per run (no query per subject)."""

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
            memberships = TaskForceMembership.objects.filter(role=MembershipRole.LEAD, user__is_active=True)
            for membership in memberships.select_related("user"):
                self._leads[membership.taskforce_id].append(membership.user)
        return self._leads.get(taskforce_id, []) if taskforce_id else []
