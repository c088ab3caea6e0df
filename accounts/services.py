"""The security administrator's actions: roles, password and second-factor resets, lifting locks.

Each reports itself to the audit trail (accounts.events.emit). Roles are Django groups named after
`Role`; the three administrator roles divide the powers, so one person holds at most one of them, and
the security and audit administrators hold no business role (they see no business data).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import lockout
from .events import Action, emit
from .models import ADMINISTRATOR_ROLES, CONFINED_ROLES, Role, User
from .passwords import character_classes

RECOVERY_CODE_COUNT = 10


def roles_check(roles: set[str]) -> None:
    """Raise ValidationError when a set of roles breaks the separation of duties."""
    unknown = roles - set(Role.values)
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if len(roles & ADMINISTRATOR_ROLES) > 1:
        raise ValidationError(_("One person holds at most one of the system, security and audit administrator roles."))
    if roles & CONFINED_ROLES and roles - CONFINED_ROLES:
        raise ValidationError(_("The security and audit administrators hold no other role."))


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], by: User, request: HttpRequest | None = None) -> None:
    """Give `user` exactly `roles`. The audit trail hears of the change from the groups' m2m signal."""
    wanted = set(roles)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot change your own roles."))
    roles_check(wanted)
    groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(wanted)]
    user.groups.set(groups)
    is_staff = user.is_superuser or Role.ADMIN in wanted  # the admin site is the system administrator's
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_cache", None)


def temporary_password(length: int = 14) -> str:
    """A random password that meets the policy; the person replaces it at next login."""
    alphabet = string.ascii_letters + string.digits + "#%+=@"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if character_classes(candidate) == 4:
            return candidate


@transaction.atomic
def user_reset_password(*, user: User, by: User, request: HttpRequest | None = None) -> str:
    """Set a temporary password the person must change at next login; returns it to be shown once."""
    password = temporary_password()
    user.set_password(password)
    user.password_change_required = True
    user.save(update_fields=["password", "password_change_required"])
    emit(Action.PASSWORD_RESET, request=request, user=by, target=user)
    return password


@transaction.atomic
def user_reset_second_factor(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """Remove the person's authenticator and recovery codes: they enrol again at next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    emit(Action.OTP_RESET, request=request, user=by, target=user)


def lockout_lift(*, by: User, username: str = "", ip_address: str = "", request: HttpRequest | None = None) -> int:
    removed = lockout.lift_lock(username=username, ip_address=ip_address)
    emit(
        Action.LOCKOUT_LIFTED,
        request=request,
        user=by,
        username=username,
        detail=f"ip={ip_address}" if ip_address else "",
    )
    return removed


@transaction.atomic
def recovery_codes_issue(*, user: User, request: HttpRequest | None = None) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new single-use codes."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    emit(Action.RECOVERY_CODES, request=request, user=user, target=user)
    return codes
