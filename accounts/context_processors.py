"""What the menu shows of the security and audit pages."""

from __future__ import annotations

from django.http import HttpRequest

from .access import confined_home, is_audit_admin, is_security_admin


def security_navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_security_admin": is_security_admin(user),
        "nav_is_audit_admin": is_audit_admin(user),
        # The security and audit administrators see no business pages: the menu leaves them out.
        "nav_confined": confined_home(user) is not None,
    }
