from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    # The register's models moved here from the app now called accounts, which kept the label
    # "projects" for the user model; their tables kept their names (ARCHITECTURE.md).
    label = "register"
    verbose_name = _("Key-project register")
