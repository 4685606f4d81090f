from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.outreach"
    label = "outreach"

    def ready(self) -> None:
        from simpul.core import nav
        from simpul.outreach import policies  # noqa: F401 - registers the module's access rules

        nav.register(_("Molin PPA"), "outreach:index", "outreach.use", order=45)
