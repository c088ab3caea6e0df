from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import Duty, Occurrence
from .services import duty_save


@admin.register(Duty)
class DutyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "owner_kind", "taskforce", "campaign", "cadence", "active", "next_due")
    list_filter = ("owner_kind", "cadence", "active")
    search_fields = ("code", "name")
    filter_horizontal = ("responsible_people",)

    def save_model(self, request: HttpRequest, obj: Duty, form: forms.ModelForm[Any], change: bool) -> None:
        """Save through the service, as the duties page does: a new or re-timed duty's `next_due` moves."""
        obj._history_user = request.user  # type: ignore[attr-defined]  # as SimpleHistoryAdmin.save_model does
        people = form.cleaned_data.get("responsible_people")
        if people is None:
            people = list(obj.responsible_people.all()) if obj.pk else []
        duty_save(duty=obj, responsible_people=people, now=timezone.now())


@admin.register(Occurrence)
class OccurrenceAdmin(SimpleHistoryAdmin):
    list_display = ("title", "period_key", "due_date", "status", "held_on")
    list_filter = ("status", "duty__owner_kind", "duty__cadence")
    search_fields = ("title",)
    date_hierarchy = "due_date"
    raw_id_fields = ("problems_raised", "problems_resolved")
