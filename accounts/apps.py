from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record


class AccountsConfig(AppConfig):
    name = "accounts"
    # The historical label: AUTH_USER_MODEL is "projects.User" and stays so (ARCHITECTURE.md).
    label = "projects"
    verbose_name = _("Users and units")

    def ready(self) -> None:
        from .history import add_ip_address  # noqa: PLC0415
        from .middleware import session_limits_start  # noqa: PLC0415

        pre_create_historical_record.connect(add_ip_address, dispatch_uid="accounts.history.add_ip_address")
        user_logged_in.connect(session_limits_start, dispatch_uid="accounts.middleware.session_limits_start")
