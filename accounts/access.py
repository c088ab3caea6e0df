"""Who someone is in the county: their roles (Django groups named after `Role`), their task forces.

The base of every app's access helpers. Each app keeps one helper per scoped object on top of these
(`get_project_for_user`, `get_problem_for_user`, …): 404 for someone who may not know the object exists,
403 for someone who may read it but not change it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import ADMINISTRATOR_ROLES, CONFINED_ROLES, MembershipRole, Role, User


def user_roles(user: User | AnonymousUser) -> set[str]:
    """The user's role names, cached on the user object for the request (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._role_cache = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_admin(user: User) -> bool:
    return has_role(user, Role.ADMIN)


def is_security_admin(user: User) -> bool:
    """Roles, lockouts, password and second-factor resets (never business data)."""
    return user.is_superuser or has_role(user, Role.SECURITY)


def is_audit_admin(user: User) -> bool:
    """Reads and exports the audit trail; nothing else. The superuser may too (every request it makes is audited)."""
    return user.is_superuser or has_role(user, Role.AUDIT)


def needs_second_factor(user: User) -> bool:
    """The administrator roles, staff (the admin site) and superusers log in with a second factor."""
    return user.is_superuser or user.is_staff or bool(user_roles(user) & ADMINISTRATOR_ROLES)


def confined_home(user: User) -> str | None:
    """The one page a security or audit administrator is sent to from any business page; None for others."""
    roles = user_roles(user)
    if user.is_superuser or not roles & CONFINED_ROLES:
        return None
    return "accounts:security_users" if Role.SECURITY in roles else "audit:events"


def reads_everything(user: User) -> bool:
    """County leaders, the HQ office, the inspection office and administrators read every record."""
    return has_role(user, Role.ADMIN, Role.HQ, Role.LEADER, Role.INSPECTION)


def is_hq(user: User) -> bool:
    """The HQ office and administrators: they run the register, the cycles and the problem ledger."""
    return has_role(user, Role.ADMIN, Role.HQ)


def user_taskforce_ids(user: User | AnonymousUser) -> set[int]:
    """The task forces the user belongs to (lead or member), cached on the user for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_cycle_taskforce_ids", None)
    if cached is None:
        cached = set(user.taskforce_memberships.values_list("taskforce_id", flat=True))
        user._cycle_taskforce_ids = cached  # type: ignore[attr-defined]  # a per-request cache on the user object
    return cached


def user_lead_taskforce_ids(user: User | AnonymousUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.taskforce_memberships.filter(role=MembershipRole.LEAD).values_list("taskforce_id", flat=True))
