"""The password policy (AUTH_PASSWORD_VALIDATORS) beyond Django's own validators, and password age.

Django's validators give the length (10), the likeness to the username and name, and the common-password
list; these add three of the four character classes and no reuse of the last five passwords. Django calls
`password_changed` on every validator after a new password is saved: that is where the history is kept
and the password's date set, whichever way the password was set (a form, a reset, a command).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from .models import PasswordHistory, User

_CLASSES = (str.islower, str.isupper, str.isdigit)


def character_classes(password: str) -> int:
    """How many of lower-case letters, capitals, digits and other characters the password uses."""
    found = {index for ch in password for index, test in enumerate(_CLASSES) if test(ch)}
    if any(not (ch.islower() or ch.isupper() or ch.isdigit()) for ch in password):
        found.add(len(_CLASSES))
    return len(found)


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must use at least %(n)d of these: lower-case letters, capitals, digits, other characters.",
            "Your password must use at least %(n)d of these: lower-case letters, capitals, digits, other characters.",
            self.min_classes,
        ) % {"n": self.min_classes}


class PasswordHistoryValidator:
    """None of the last `keep` passwords again; keeps their hashes (accounts.PasswordHistory)."""

    def __init__(self, keep: int = 5) -> None:
        self.keep = keep

    def _recent_hashes(self, user: User) -> list[str]:
        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.keep])
        if user.password and user.has_usable_password() and user.password not in hashes:
            hashes.insert(0, user.password)  # the current one, for accounts older than the history
        return hashes[: self.keep]

    def validate(self, password: str, user: Any = None) -> None:
        if not isinstance(user, User) or user.pk is None:
            return
        stored = User.objects.filter(pk=user.pk).only("password").first()
        if stored is None:
            return
        if any(check_password(password, encoded) for encoded in self._recent_hashes(stored)):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if not isinstance(user, User) or user.pk is None:
            return
        now = timezone.now()
        PasswordHistory.objects.create(user=user, password=user.password, created_at=now)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.keep :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
        # update(), not save(): this runs inside User.save() while the new password is still pending.
        User.objects.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must differ from your last password.",
            "Your password must differ from your last %(n)d passwords.",
            self.keep,
        ) % {"n": self.keep}


def password_expired(user: User) -> bool:
    """The password is older than PASSWORD_MAX_AGE_DAYS (0: passwords do not expire)."""
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    # UserManager.create_user sets the hash directly (no password_changed call): the account's age then.
    changed_at = user.password_changed_at or user.date_joined
    if not max_age or changed_at is None:
        return False
    return timezone.now() - changed_at > timedelta(days=max_age)


def password_change_due(user: User) -> bool:
    """The person must choose a new password before anything else: first login, a reset, or age."""
    return user.password_change_required or password_expired(user)
