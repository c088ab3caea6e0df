from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    """The county's working-day calendar: chinese_calendar plus the overrides administrators keep."""

    name = "workdays"
    verbose_name = _("Working days")
