from django.contrib import admin

from .models import Delivery, Notification


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
