"""The security events the audit trail records, and how the apps below the audit app report them.

`audit` sits above `accounts` (ARCHITECTURE.md), so accounts never imports it: its views and services
call `emit(...)`, and the audit app, in its AppConfig.ready, connects `security_event` to
`audit.services.record`. Apps above the audit app call `audit.services.record(...)` directly.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Log in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKOUT = "lockout", _("Account locked")
    LOCKOUT_LIFTED = "lockout_lifted", _("Lock lifted")
    LOGOUT = "logout", _("Log out")
    SESSION_EXPIRED = "session_expired", _("Session expired")
    OTP_VERIFY = "otp_verify", _("Second-factor check")
    OTP_ENROL = "otp_enrol", _("Second factor enrolled")
    OTP_RESET = "otp_reset", _("Second factor reset")
    RECOVERY_CODES = "recovery_codes", _("Recovery codes issued")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    ROLE_CHANGE = "role_change", _("Roles changed")
    MEMBERSHIP_CHANGE = "membership_change", _("Task-force membership changed")
    ACCESS_DENIED = "access_denied", _("Access refused")
    ADMIN_ACTION = "admin_action", _("Administration change")
    SUPERUSER_USE = "superuser_use", _("Superuser request")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    DOWNLOAD = "download", _("File download")
    PUBLISH = "publish", _("Publishing")
    AUDIT_EXPORT = "audit_export", _("Audit trail exported")
    AUDIT_PRUNE = "audit_prune", _("Audit trail pruned")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("Succeeded")
    FAILURE = "failure", _("Failed")
    DENIED = "denied", _("Refused")


# Keyword arguments: action, request, user, username, target, outcome, detail (see audit.services.record).
security_event = Signal()


def emit(
    action: Action,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    target: models.Model | None = None,
    outcome: Outcome = Outcome.SUCCESS,
    detail: str = "",
) -> None:
    """Report a security event from below the audit app (the audit app stores it)."""
    security_event.send(
        sender=Action,
        action=action,
        request=request,
        user=user,
        username=username,
        target=target,
        outcome=outcome,
        detail=detail,
    )
