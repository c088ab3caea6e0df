from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The home page and the panels that show several apps' figures together (no models)."""

    name = "dashboard"
    verbose_name = _("Dashboard")
