from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Duty, Occurrence


@admin.register(Duty)
class DutyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "owner_kind", "taskforce", "campaign", "cadence", "active", "next_due")
    list_filter = ("owner_kind", "cadence", "active")
    search_fields = ("code", "name")
    filter_horizontal = ("responsible_people",)


@admin.register(Occurrence)
class OccurrenceAdmin(SimpleHistoryAdmin):
    list_display = ("title", "period_key", "due_date", "status", "held_on")
    list_filter = ("status", "duty__owner_kind", "duty__cadence")
    search_fields = ("title",)
    date_hierarchy = "due_date"
    raw_id_fields = ("problems_raised", "problems_resolved")
