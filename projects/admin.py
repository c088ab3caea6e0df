from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from accounts.access import is_hq

from .fai import FaiMonthly
from .models import ImportBatch, MonthlyProgress, Project, ProjectYear, YearTarget


@admin.register(YearTarget)
class YearTargetAdmin(SimpleHistoryAdmin):
    list_display = ("year", "fai_target", "growth_rate", "base")


class ProjectYearInline(admin.TabularInline):
    model = ProjectYear
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "township", "responsible_unit", "total_investment", "status")
    list_filter = ("status", "years__year", "years__tier", "township")
    search_fields = ("name", "code", "owner")
    inlines = [ProjectYearInline]


@admin.register(MonthlyProgress)
class MonthlyProgressAdmin(SimpleHistoryAdmin):
    list_display = ("project", "year", "month", "completed", "reported_by", "reported_at")
    list_filter = ("year", "month")
    search_fields = ("project__name",)
    raw_id_fields = ("project",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "year", "month", "status", "uploaded_by", "uploaded_at")
    list_filter = ("kind", "status")


@admin.register(FaiMonthly)
class FaiMonthlyAdmin(SimpleHistoryAdmin):
    """HQ enters the statistics bureau's published FAI each month (projects/fai.py). HQ accounts need
    staff status to reach the admin site; beyond that this page asks only for the HQ role."""

    list_display = ("year", "month", "completed", "growth_rate", "published_on", "entered_by")
    list_filter = ("year",)
    fields = ("year", "month", "completed", "growth_rate", "published_on", "remarks")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_hq(request.user) or super().has_module_permission(request)  # type: ignore[arg-type]  # the admin site is behind the login

    def has_view_permission(self, request: HttpRequest, obj: FaiMonthly | None = None) -> bool:
        return is_hq(request.user) or super().has_view_permission(request, obj)  # type: ignore[arg-type]  # the admin site is behind the login

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_hq(request.user) or super().has_add_permission(request)  # type: ignore[arg-type]  # the admin site is behind the login

    def has_change_permission(self, request: HttpRequest, obj: FaiMonthly | None = None) -> bool:
        return is_hq(request.user) or super().has_change_permission(request, obj)  # type: ignore[arg-type]  # the admin site is behind the login

    def save_model(self, request: HttpRequest, obj: FaiMonthly, form: Any, change: bool) -> None:
        if not change:
            obj.entered_by = request.user  # type: ignore[assignment]  # the admin site is behind the login
        super().save_model(request, obj, form, change)
