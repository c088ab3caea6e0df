"""The login's second step (TOTP or a recovery code), enrolling an authenticator, changing a password."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import needs_second_factor
from .events import Action, Outcome, emit
from .forms import TokenForm
from .http import AuthenticatedHttpRequest
from .models import User
from .passwords import password_expired
from .services import recovery_codes_issue

RECOVERY_CODES_SESSION_KEY = "yc_recovery_codes"


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator, or a recovery code (each works once)."""
    next_url = _next_url(request, reverse("dashboard:home"))
    if request.user.is_verified():  # type: ignore[attr-defined]  # django_otp.middleware.OTPMiddleware
        return HttpResponseRedirect(next_url)
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return HttpResponseRedirect(_with_next("accounts:otp_enrol", next_url))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            recovery = isinstance(device, StaticDevice)
            emit(Action.OTP_VERIFY, request=request, detail="recovery code" if recovery else "totp")
            if recovery:
                messages.warning(request, _("You used a recovery code. Each code works once."))
            return HttpResponseRedirect(next_url)
        emit(Action.OTP_VERIFY, request=request, outcome=Outcome.FAILURE)
        form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def otp_enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Scan the QR code with an authenticator app, type the code it shows; recovery codes follow."""
    user = request.user
    next_url = _next_url(request, reverse("dashboard:home"))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not user.is_verified():  # type: ignore[attr-defined]  # django_otp.middleware.OTPMiddleware
            return HttpResponseRedirect(_with_next("accounts:otp_verify", next_url))
        return render(request, "accounts/otp_enrolled.html", {"next": next_url})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            emit(Action.OTP_ENROL, request=request, target=user)
            request.session[RECOVERY_CODES_SESSION_KEY] = recovery_codes_issue(user=user, request=request)
            return HttpResponseRedirect(_with_next("accounts:recovery_codes", next_url))
        emit(Action.OTP_ENROL, request=request, outcome=Outcome.FAILURE)
        form.add_error("token", _("The code is wrong or has expired. Check the phone's clock and try again."))
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": b32encode(device.bin_key).decode(),
        "required": needs_second_factor(user),
    }
    return render(request, "accounts/otp_enrol.html", context)


@require_http_methods(["GET", "POST"])
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The recovery codes, shown once after they are made; POST makes a new set (the old ones stop working)."""
    next_url = _next_url(request, reverse("dashboard:home"))
    if not request.user.is_verified():  # type: ignore[attr-defined]  # django_otp.middleware.OTPMiddleware
        raise PermissionDenied
    if request.method == "POST":
        request.session[RECOVERY_CODES_SESSION_KEY] = recovery_codes_issue(user=request.user, request=request)
        return HttpResponseRedirect(_with_next("accounts:recovery_codes", next_url))
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, saying why a change is due, clearing the flag, and reporting to the audit trail."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101  # the view is behind the login
        context["reason"] = (
            "required" if user.password_change_required else "expired" if password_expired(user) else ""
        )
        context["next"] = _next_url(self.request, "")
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        if user.password_change_required:
            user.password_change_required = False
            user.save(update_fields=["password_change_required"])
        emit(Action.PASSWORD_CHANGE, request=self.request, target=user)
        next_url = _next_url(self.request, "")
        return HttpResponseRedirect(next_url) if next_url else response

    def form_invalid(self, form: Any) -> HttpResponse:
        emit(Action.PASSWORD_CHANGE, request=self.request, outcome=Outcome.FAILURE)
        return super().form_invalid(form)


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """What a locked-out login sees (AXES_LOCKOUT_CALLABLE): the page in Chinese, status 429."""
    context = {"failure_limit": settings.LOGIN_FAILURE_LIMIT, "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES}
    return render(request, "accounts/locked_out.html", context, status=429)
