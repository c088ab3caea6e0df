"""Admin-site permissions from roles, so that no one but the emergency superuser holds them all.

The system administrator (Role.ADMIN) gets every model permission except those of the security and audit
apps (roles are groups, the lockouts, the authenticators, the audit trail and the admin's own log) and
except deleting people, who are deactivated instead. The other roles get none: their work is in the
application's pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Permission

from .access import has_role
from .models import Role, User

# App labels whose permissions the system administrator never holds.
SYSTEM_ADMIN_EXCLUDED_APPS = frozenset(
    {"audit", "auth", "admin", "axes", "otp_totp", "otp_static", "sessions", "contenttypes"}
)
SYSTEM_ADMIN_EXCLUDED_PERMISSIONS = frozenset({"projects.delete_user", "projects.delete_passwordhistory"})


class RolePermissionBackend(BaseBackend):
    """Authenticates no one (returns None): it only answers permission questions."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not isinstance(user_obj, User) or not user_obj.is_active or not has_role(user_obj, Role.ADMIN):
            return set()
        cached = getattr(user_obj, "_role_perm_cache", None)
        if cached is None:
            rows = Permission.objects.exclude(content_type__app_label__in=SYSTEM_ADMIN_EXCLUDED_APPS).values_list(
                "content_type__app_label", "codename"
            )
            cached = {f"{label}.{codename}" for label, codename in rows} - SYSTEM_ADMIN_EXCLUDED_PERMISSIONS
            user_obj._role_perm_cache = cached  # type: ignore[attr-defined]  # a per-request cache on the user
        return cached

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
