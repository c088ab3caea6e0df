"""The security administrator's console: people and their roles, password and second-factor resets, locks.

No business data here: a person's name, unit and roles, whether they have an authenticator, and whether
they are locked out.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import lockout, services
from .access import is_security_admin, user_roles
from .forms import LockoutLiftForm, RolesForm
from .http import AuthenticatedHttpRequest
from .models import Role, User


def _require_security_admin(request: AuthenticatedHttpRequest) -> None:
    if not is_security_admin(request.user):
        raise PermissionDenied


def get_person_for_security_admin(request: AuthenticatedHttpRequest, pk: int) -> User:
    """A person the security administrator may manage: anyone but themselves and the superusers."""
    _require_security_admin(request)
    person = get_object_or_404(User, pk=pk)
    if person.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    return person


@require_GET
def security_users(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_security_admin(request)
    query = request.GET.get("q", "").strip()
    people = User.objects.select_related("unit").prefetch_related("groups").order_by("-is_active", "username")
    if query:
        people = people.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    enrolled = set(
        TOTPDevice.objects.filter(confirmed=True, user__in=page.object_list).values_list("user_id", flat=True)
    )
    locked = {lock.value for lock in lockout.active_locks() if lock.kind == "username"}
    labels = dict(Role.choices)
    rows = [(person, [labels.get(group.name, group.name) for group in person.groups.all()]) for person in page]
    context = {
        "page": page,
        "rows": rows,
        "query": query,
        "pager_query": urlencode({"q": query}) if query else "",
        "enrolled": enrolled,
        "locked": locked,
    }
    return render(request, "accounts/security_users.html", context)


@require_http_methods(["GET", "POST"])
def security_user(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One person: their roles (POST action=roles), a password reset, a second-factor reset, a lock lifted."""
    person = get_person_for_security_admin(request, pk)
    roles_form = RolesForm(initial={"roles": sorted(user_roles(person))})
    temporary_password = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "roles":
                roles_form = RolesForm(request.POST)
                if roles_form.is_valid():
                    services.user_set_roles(
                        user=person, roles=roles_form.cleaned_data["roles"], by=request.user, request=request
                    )
                    messages.success(request, _("Roles saved."))
                    return HttpResponseRedirect(reverse("accounts:security_user", args=[person.pk]))
            elif action == "reset_password":
                temporary_password = services.user_reset_password(user=person, by=request.user, request=request)
            elif action == "reset_otp":
                services.user_reset_second_factor(user=person, by=request.user, request=request)
                messages.success(request, _("The authenticator was removed; the person enrols again at next login."))
                return HttpResponseRedirect(reverse("accounts:security_user", args=[person.pk]))
            elif action == "unlock":
                services.lockout_lift(by=request.user, username=person.username, request=request)
                messages.success(request, _("The lock was lifted."))
                return HttpResponseRedirect(reverse("accounts:security_user", args=[person.pk]))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    context = {
        "person": person,
        "roles_form": roles_form,
        "temporary_password": temporary_password,
        "enrolled": TOTPDevice.objects.filter(user=person, confirmed=True).exists(),
        "locked": lockout.username_locked(person.username),
        "own_account": person.pk == request.user.pk,
    }
    return render(request, "accounts/security_user.html", context)


@require_GET
def security_lockouts(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_security_admin(request)
    return render(request, "accounts/lockouts.html", {"locks": lockout.active_locks()})


@require_POST
def security_lockout_lift(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_security_admin(request)
    form = LockoutLiftForm(request.POST)
    if form.is_valid():
        services.lockout_lift(
            by=request.user,
            username=form.cleaned_data["username"],
            ip_address=form.cleaned_data["ip_address"] or "",
            request=request,
        )
        messages.success(request, _("The lock was lifted."))
    return HttpResponseRedirect(reverse("accounts:security_lockouts"))
