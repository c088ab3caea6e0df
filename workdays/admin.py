from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DayOverride


@admin.register(DayOverride)
class DayOverrideAdmin(SimpleHistoryAdmin):
    list_display = ("day", "is_workday", "note")
    list_filter = ("is_workday",)
    date_hierarchy = "day"
