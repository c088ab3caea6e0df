from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
