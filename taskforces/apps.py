from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforcesConfig(AppConfig):
    name = "taskforces"
    verbose_name = _("Task forces")

    def ready(self) -> None:
        # Imports here, not at the top: AppConfig.ready runs once the models are loaded.
        from files import registry as files_registry  # noqa: PLC0415  # ready() runs once the models are loaded
        from projects.panels import register_project_panel  # noqa: PLC0415  # ready() runs once the models are loaded

        from .access import can_edit_entry, can_read_entry  # noqa: PLC0415  # ready() runs once the models are loaded
        from .registry import all_sections, load_sections  # noqa: PLC0415  # ready() runs once the models are loaded

        # Every ledger section registers itself on import (taskforces.registry).
        load_sections()
        # The ledgers' photos and documents are read and changed by whoever may read and change the entry.
        for section in all_sections():
            if section.attachment_kinds:
                files_registry.register(section.model, can_read=can_read_entry, can_write=can_edit_entry)
        # What every ledger holds about a project, on the project's page.
        register_project_panel("taskforces/includes/project_ledgers.html", order=10)
