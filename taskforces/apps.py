from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforcesConfig(AppConfig):
    name = "taskforces"
    verbose_name = _("Task forces")

    def ready(self) -> None:
        # Every ledger section registers itself on import (taskforces.registry).
        from .registry import load_sections

        load_sections()
