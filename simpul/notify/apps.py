from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.notify"
    label = "notify"
    verbose_name = _("Pemberitahuan")

    def ready(self) -> None:
        from simpul.notify import policies, registry  # noqa: F401 - registers the access rules

        registry.connect()
