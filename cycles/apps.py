from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "cycles"
    label = "scheduling"  # the label before the app moved out of campaigns/: tables and migrations keep it
    verbose_name = _("Scheduling cycles")

    def ready(self) -> None:
        # Imports here, not at the top: AppConfig.ready runs once the models are loaded.
        from files import registry as files_registry  # noqa: PLC0415  # ready(): models are loaded
        from problems.extensions import register_detail_context  # noqa: PLC0415  # ready(): models are loaded

        from .access import can_record_occurrence, visible_occurrences  # noqa: PLC0415  # ready(): models are loaded
        from .models import Occurrence  # noqa: PLC0415  # ready(): models are loaded
        from .selectors import problem_meetings  # noqa: PLC0415  # ready(): models are loaded

        # A meeting's minutes, sign-in sheets and photos: read by whoever may read the occurrence.
        files_registry.register(
            Occurrence,
            can_read=lambda user, entry: visible_occurrences(user).filter(pk=entry.pk).exists(),
            can_write=can_record_occurrence,
        )
        register_detail_context(problem_meetings)
