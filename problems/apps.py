from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "problems"
    verbose_name = _("Problem ledger")

    def ready(self) -> None:
        # Imported here, not at the top: AppConfig.ready runs once the models are loaded.
        from projects.panels import register_project_panel  # noqa: PLC0415  # ready(): models are loaded

        # A project's problems, on the project's page.
        register_project_panel("problems/includes/project_problems.html", order=20)
