from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApprovalItem,
    ApprovalItemType,
    AttractionMode,
    EnterpriseContact,
    FundingApplication,
    Industry,
    LandDemand,
    LandMeeting,
    LandProblem,
    LandType,
    Lead,
    PromotionEvent,
    SiteVisit,
    StatisticsScreening,
    StatisticsThreshold,
    SupervisionCheck,
    SupervisionVisit,
    Trip,
)


# The configurable lists: administrators maintain them here.
@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("name", "group", "sort_order", "active")
    list_editable = ("sort_order", "active")
    list_filter = ("group", "active")


@admin.register(AttractionMode, ApprovalItemType, LandType)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ("name", "sort_order", "active")
    list_editable = ("sort_order", "active")


@admin.register(StatisticsThreshold)
class StatisticsThresholdAdmin(SimpleHistoryAdmin):
    list_display = ("effective_from", "amount")


# Ledger entries are kept on the task-force pages; the admin site is for corrections.
for model in (
    Lead,
    Trip,
    PromotionEvent,
    SiteVisit,
    EnterpriseContact,
    ApprovalItem,
    LandDemand,
    LandProblem,
    LandMeeting,
    StatisticsScreening,
    FundingApplication,
):
    admin.site.register(
        model, SimpleHistoryAdmin, raw_id_fields=[f.name for f in model._meta.fields if f.name == "project"]
    )


class SupervisionCheckInline(admin.TabularInline):
    model = SupervisionCheck
    extra = 0
    raw_id_fields = ("problem",)


@admin.register(SupervisionVisit)
class SupervisionVisitAdmin(SimpleHistoryAdmin):
    list_display = ("date", "project", "inspectors")
    raw_id_fields = ("project",)
    inlines = [SupervisionCheckInline]
