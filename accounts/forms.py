"""Choosing people in forms (active users, shown with their unit); the login's second step and the security
console's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Role, User
from .services import roles_check


def people_queryset() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("username")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}（{obj.unit}）" if obj.unit_id else obj.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}（{obj.unit}）" if obj.unit_id else obj.display_name


class TokenForm(forms.Form):
    """A six-digit code from the authenticator, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_roles(self) -> list[str]:
        roles: list[str] = self.cleaned_data["roles"]
        roles_check(set(roles))
        return roles


class LockoutLiftForm(forms.Form):
    username = forms.CharField(required=False, max_length=150)
    ip_address = forms.GenericIPAddressField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("username") and not data.get("ip_address"):
            raise forms.ValidationError(_("Name a username or an address."))
        return data
