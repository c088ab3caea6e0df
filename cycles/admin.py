from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delivery, Duty, LevelOfficial, Notification, Occurrence, OccurrenceAttachment


@admin.register(Duty)
class DutyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "owner_kind", "taskforce", "campaign", "cadence", "active", "next_due")
    list_filter = ("owner_kind", "cadence", "active")
    search_fields = ("code", "name")
    filter_horizontal = ("responsible_people",)


class AttachmentInline(admin.TabularInline):
    model = OccurrenceAttachment
    extra = 0
    readonly_fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    fields = readonly_fields


@admin.register(Occurrence)
class OccurrenceAdmin(SimpleHistoryAdmin):
    list_display = ("title", "period_key", "due_date", "status", "held_on")
    list_filter = ("status", "duty__owner_kind", "duty__cadence")
    search_fields = ("title",)
    date_hierarchy = "due_date"
    raw_id_fields = ("problems_raised", "problems_resolved")
    inlines = [AttachmentInline]


@admin.register(LevelOfficial)
class LevelOfficialAdmin(admin.ModelAdmin):
    list_display = ("level", "user", "taskforce")
    list_filter = ("level",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("title", "subject_key")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("channel", "address", "kind", "status", "attempts", "sent_at", "next_attempt_at")
    list_filter = ("channel", "status")
    readonly_fields = ("notification",)
