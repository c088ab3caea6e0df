from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Campaign, TaskForce, TaskForceMembership, Unit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("County"), {"fields": ("full_name", "unit", "phone")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, (_("County"), {"fields": ("full_name", "unit")}))
    list_display = ("username", "full_name", "unit", "is_active")
    list_filter = ("groups", "unit__kind", "is_active")
    search_fields = ("username", "full_name")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "sort_order")
    list_filter = ("kind",)
    search_fields = ("name",)


class MembershipInline(admin.TabularInline):
    model = TaskForceMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(TaskForce)
class TaskForceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "lead_unit", "cadence")
    inlines = [MembershipInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "lead_unit")
