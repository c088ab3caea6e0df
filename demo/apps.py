from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data (`manage.py load_demo`): no models, only the invented county that `make run` shows."""

    name = "demo"
    verbose_name = _("Demo data")
