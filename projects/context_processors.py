"""Navigation data every page needs: the task forces and campaigns (two small cached queries)."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.access import is_admin
from accounts.models import Campaign, TaskForce


def navigation(request: HttpRequest) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        # Lazy: evaluated only when a template renders the menu.
        "nav_taskforces": TaskForce.objects.only("slug", "name"),
        "nav_campaigns": Campaign.objects.only("slug", "name"),
        "nav_is_admin": is_admin(request.user),
    }
