from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ImportBatch, MonthlyProgress, Project, ProjectYear, Unit, User, YearTarget


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("County"), {"fields": ("full_name", "unit", "phone")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("County"), {"fields": ("full_name", "unit")}),)
    list_display = ("username", "full_name", "unit", "is_active")
    list_filter = ("groups", "unit__kind", "is_active")
    search_fields = ("username", "full_name")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "sort_order")
    list_filter = ("kind",)
    search_fields = ("name",)


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
