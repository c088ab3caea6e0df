"""The gates every request passes after the session and the login are known, in MIDDLEWARE order:

1. LoginRequiredEverywhereMiddleware: every page needs a login, except the login page and static files
   (the admin site included: its login goes through the same page, the lockout and the second factor).
2. SessionLimitsMiddleware: a session ends after SESSION_IDLE_MINUTES without a request and in any case
   SESSION_ABSOLUTE_HOURS after the login.
3. SecondFactorMiddleware: someone with an authenticator confirms a code after the password; the three
   administrator roles, staff and superusers must enrol one first.
4. PasswordChangeDueMiddleware: a password set by an administrator, or older than PASSWORD_MAX_AGE_DAYS,
   is changed before anything else.
5. RoleConfinementMiddleware: the security and audit administrators see only their own pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .access import confined_home, needs_second_factor
from .events import Action, emit
from .passwords import password_change_due

_OPEN_PREFIXES: tuple[str, ...] = ("/accounts/login/", "/static/", "/healthz")
# Pages a person must be able to reach while a gate holds them.
_GATE_PREFIXES: tuple[str, ...] = ("/static/", "/healthz", "/accounts/logout/", "/accounts/otp/")
_PASSWORD_PREFIXES: tuple[str, ...] = (*_GATE_PREFIXES, "/accounts/password/")
_CONFINED_PREFIXES: tuple[str, ...] = (*_GATE_PREFIXES, "/accounts/", "/audit/")

Handler = Callable[[HttpRequest], HttpResponse]


class LoginRequiredEverywhereMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path_info.startswith(_OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return self.get_response(request)


LOGIN_AT_KEY = "yc_login_at"
SEEN_AT_KEY = "yc_seen_at"


def session_limits_start(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """user_logged_in receiver (AccountsConfig.ready): the session's clock starts at the login, so that
    later requests only read it."""
    now = int(time.time())
    request.session[LOGIN_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now


class SessionLimitsMiddleware:
    """Idle and absolute session limits, kept in the session itself (written at most once a minute)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(LOGIN_AT_KEY, now)
            seen_at = session.get(SEEN_AT_KEY, now)
            idle = now - seen_at > settings.SESSION_IDLE_MINUTES * 60
            too_old = now - login_at > settings.SESSION_ABSOLUTE_HOURS * 3600
            if idle or too_old:
                emit(Action.SESSION_EXPIRED, request=request, detail="idle" if idle else "absolute")
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
            if now - seen_at >= 60 or SEEN_AT_KEY not in session:
                session[SEEN_AT_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        gated = user.is_authenticated and not request.path_info.startswith(_GATE_PREFIXES)
        if gated and not user.is_verified():  # type: ignore[union-attr]  # django_otp.middleware.OTPMiddleware adds it
            if user_has_device(user):
                return _redirect_with_next(request, "accounts:otp_verify")
            if needs_second_factor(user):  # type: ignore[arg-type]  # authenticated: a User
                return _redirect_with_next(request, "accounts:otp_enrol")
        return self.get_response(request)


class PasswordChangeDueMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        path = request.path_info
        if user.is_authenticated and not path.startswith(_PASSWORD_PREFIXES) and password_change_due(user):
            return _redirect_with_next(request, "password_change")
        return self.get_response(request)


class RoleConfinementMiddleware:
    """The security and audit administrators hold no business role; every other page sends them home."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path_info.startswith(_CONFINED_PREFIXES):
            home = confined_home(user)
            if home:
                return HttpResponseRedirect(reverse(home))
        return self.get_response(request)


def _redirect_with_next(request: HttpRequest, url_name: str) -> HttpResponse:
    return redirect_to_login(request.get_full_path(), reverse(url_name))
