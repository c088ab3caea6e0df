from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from accounts import views as account_views


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for docker-compose: the process answers and can reach the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("taskforces/", include("taskforces.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("cycles/", include("cycles.urls")),
    path("problems/", include("problems.urls")),
    path("notifications/", include("notifications.urls")),
    path("files/", include("files.urls")),
    # Pages that moved when the problem ledger and notifications got apps of their own: links kept in
    # emails, bookmarks and stored notifications still arrive.
    re_path(r"^cycles/problems/(?P<rest>.*)$", RedirectView.as_view(url="/problems/%(rest)s", query_string=True)),
    re_path(
        r"^cycles/notifications/(?P<rest>.*)$", RedirectView.as_view(url="/notifications/%(rest)s", query_string=True)
    ),
    re_path(
        r"^cycles/deliveries/(?P<rest>.*)$",
        RedirectView.as_view(url="/notifications/deliveries/%(rest)s", query_string=True),
    ),
    re_path(r"^taskforces/files/(?P<rest>.*)$", RedirectView.as_view(url="/files/%(rest)s", query_string=True)),
    path("bulletins/", include("bulletins.urls")),
    path("", include("maps.urls")),
    path("opendata/", include("opendata.urls")),
    path("", include("dashboard.urls")),
    path("", include("projects.urls")),
]
