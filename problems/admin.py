from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LevelOfficial, Problem, ProblemEvent


class ProblemEventInline(admin.TabularInline):
    model = ProblemEvent
    extra = 0


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ("description", "project", "level", "status", "deadline", "owner")
    list_filter = ("status", "level", "source")
    raw_id_fields = ("project",)
    inlines = [ProblemEventInline]


@admin.register(LevelOfficial)
class LevelOfficialAdmin(admin.ModelAdmin):
    list_display = ("level", "user", "taskforce")
    list_filter = ("level",)
