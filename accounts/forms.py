"""Choosing people in forms: active users, shown with their unit."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from .models import User


def people_queryset() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("username")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}（{obj.unit}）" if obj.unit_id else obj.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}（{obj.unit}）" if obj.unit_id else obj.display_name
