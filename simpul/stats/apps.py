from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.stats"
    label = "stats"

    def ready(self) -> None:
        from simpul.core import nav
        from simpul.stats import (
            policies,  # noqa: F401 - registers the module's access rules
            signals,
        )

        signals.connect()
        nav.register(_("Statistik"), "stats:dashboard", "stats.view", order=60)
