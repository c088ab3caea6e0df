from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, TaskForce, TaskForceMembership, Unit, User

_COUNTY_FIELDS: Any = (_("County"), {"fields": ("full_name", "unit", "phone")})


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """The system administrator keeps people's names, units and whether they are active. Roles are the
    security administrator's (accounts.views_security); people with any history are deactivated, never
    deleted; only the superuser sets a password here (everyone else: the security console's reset)."""

    fieldsets = (*(BaseUserAdmin.fieldsets or ()), _COUNTY_FIELDS)
    system_admin_fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Personal info"), {"fields": ("email",)}),
        _COUNTY_FIELDS,
        (_("Status"), {"fields": ("is_active", "password_change_required")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "password_changed_at")}),
    )
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, (_("County"), {"fields": ("full_name", "unit")}))
    readonly_fields = ("last_login", "date_joined", "password_changed_at")
    list_display = ("username", "full_name", "unit", "is_active")
    list_filter = ("groups", "unit__kind", "is_active")
    search_fields = ("username", "full_name")
    actions = ["deactivate"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and not request.user.is_superuser:
            return self.system_admin_fieldsets
        return super().get_fieldsets(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            obj.password_change_required = True  # the administrator chose it: the person replaces it
        super().save_model(request, obj, form, change)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:  # noqa: A002  # Django's signature
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Deactivate the selected people"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset.filter(is_active=True).exclude(pk=request.user.pk or 0):
            user.is_active = False
            user.save(update_fields=["is_active"])
            self.log_change(request, user, [{"changed": {"fields": ["is_active"]}}])
            count += 1
        self.message_user(request, _("%(n)d people deactivated.") % {"n": count}, messages.SUCCESS)


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
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
