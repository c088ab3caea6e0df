from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    Decision,
    Indicator,
    IndicatorUnitTarget,
    IndustrialProject,
    Inspection,
    PipelineApproval,
    PipelineProject,
    RankingPublication,
    ScoringItem,
)


@admin.register(CampaignYear)
class CampaignYearAdmin(SimpleHistoryAdmin):
    list_display = ("year", "reserve_counts_in_planned_pool", "yellow_ratio")


class UnitTargetInline(admin.TabularInline):
    model = IndicatorUnitTarget
    extra = 0


class ScoringItemInline(admin.TabularInline):
    model = ScoringItem
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "campaign",
        "year",
        "metric",
        "scope",
        "period",
        "comparison",
        "target_value",
        "target_multiplier",
        "target_base",
        "display_unit",
    )
    list_filter = ("year", "campaign", "scope", "period")
    search_fields = ("name", "code", "metric")
    inlines = [UnitTargetInline, ScoringItemInline]


class PipelineApprovalInline(admin.TabularInline):
    model = PipelineApproval
    extra = 0


@admin.register(PipelineProject)
class PipelineProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "township", "estimated_investment", "stage", "entered_on", "reserve_on", "started_on")
    list_filter = ("stage", "township")
    search_fields = ("name",)
    inlines = [PipelineApprovalInline]


@admin.register(IndustrialProject)
class IndustrialProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "township", "signed_on", "landed_on", "started_on", "production_on", "effect_on")
    list_filter = ("township",)
    search_fields = ("name",)


@admin.register(Ceremony)
class CeremonyAdmin(SimpleHistoryAdmin):
    list_display = ("held_on", "kind", "place")
    filter_horizontal = ("projects",)


@admin.register(BankEnterpriseMeeting)
class BankEnterpriseMeetingAdmin(SimpleHistoryAdmin):
    list_display = ("held_on", "place", "financing_requested", "financing_agreed")


@admin.register(ApprovalFlowchart)
class ApprovalFlowchartAdmin(admin.ModelAdmin):
    list_display = ("category", "title", "original_name", "uploaded_at")


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ("year", "month", "unit", "inspected_on", "follow_up_done")
    list_filter = ("year", "month")


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "kind", "campaign", "year", "month", "decided_on")
    list_filter = ("kind", "campaign", "year")


@admin.register(RankingPublication)
class RankingPublicationAdmin(admin.ModelAdmin):
    list_display = ("scheme", "year", "month", "published_at", "published_by")
    readonly_fields = ("rows", "method")
