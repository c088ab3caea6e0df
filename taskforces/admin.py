from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Problem, ProblemEvent, TaskForce, TaskForceMembership


class MembershipInline(admin.TabularInline):
    model = TaskForceMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(TaskForce)
class TaskForceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "lead_unit", "cadence")
    inlines = [MembershipInline]


class ProblemEventInline(admin.TabularInline):
    model = ProblemEvent
    extra = 0


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ("description", "project", "level", "status", "deadline", "owner")
    list_filter = ("status", "level", "source")
    raw_id_fields = ("project",)
    inlines = [ProblemEventInline]
