from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.coordination"
    label = "coordination"

    def ready(self) -> None:
        from simpul.coordination import policies  # noqa: F401 - registers the module's access rules
        from simpul.core import nav

        nav.register(_("Koordinasi & RAD"), "coordination:index", "coordination.use", order=50)
        from simpul.coordination import indicators

        indicators.register_own()
