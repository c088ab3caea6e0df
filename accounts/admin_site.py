"""The admin site: a verified second factor required (django-otp), and the application's login page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite


class CountyAdminSite(OTPAdminSite):
    """The admin site needs a verified second factor (django-otp). Its login is the application's login
    page, so that the lockout and the second factor apply there too. It is `admin.site` through
    accounts.admin_apps.CountyAdminConfig, so every app's registrations stay as they are."""

    site_header = _("Yangcheng key projects: system administration")
    site_title = _("System administration")

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)  # OTPAdminSite's default name would change the URL namespace

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied
        return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': reverse('admin:index')})}")
