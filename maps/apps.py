from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = _("Project map")

    def ready(self) -> None:
        # Imported here, not at the top: AppConfig.ready runs once the models are loaded.
        from projects.locations import register_location_provider  # noqa: PLC0415
        from projects.panels import register_project_panel  # noqa: PLC0415

        from .selectors import geometries_by_project  # noqa: PLC0415

        # The project's location (a small map and a link to set it), on the project's page.
        register_project_panel("maps/includes/project_location.html", order=5)
        # Projects' points and shapes for the apps beside this one (the open-data export).
        register_location_provider(geometries_by_project)
