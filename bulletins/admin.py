from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Bulletin, BulletinSettings, BulletinVersion


@admin.register(BulletinSettings)
class BulletinSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["issuer", "doc_number_prefix", "decimals", "red_points", "yellow_points"]


class BulletinVersionInline(admin.TabularInline):
    """Published versions are frozen: shown, never edited here."""

    model = BulletinVersion
    fields = ("number", "doc_number", "issued_on", "published_by", "published_at", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["year", "month", "created_at"]
    inlines = [BulletinVersionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return False
