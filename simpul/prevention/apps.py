from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.prevention"
    label = "prevention"

    def ready(self) -> None:
        from simpul.core import nav
        from simpul.prevention import policies  # noqa: F401 - registers the module's access rules

        nav.register(_("Pencegahan"), "prevention:list", "prevention.use", order=40)
        from simpul.prevention import indicators

        indicators.register()
