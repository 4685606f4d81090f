from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook keluar")

    def ready(self) -> None:
        from simpul.core import nav
        from simpul.webhooks import events, policies  # noqa: F401 - registers the access rules

        events.connect()
        nav.register(_("Webhook"), "webhooks:list", "webhooks.manage", order=92)
