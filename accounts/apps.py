from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    # The historical label: AUTH_USER_MODEL is "projects.User" and stays so (ARCHITECTURE.md).
    label = "projects"
    verbose_name = _("Users and units")
