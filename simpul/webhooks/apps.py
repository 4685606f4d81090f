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

        from django.utils.translation import pgettext_lazy

        from simpul.core.labels import register_actions

        register_actions({
            "webhooks.endpoint_create": pgettext_lazy("tindakan", "Webhook didaftarkan"),
            "webhooks.endpoint_active": pgettext_lazy("tindakan", "Webhook diaktifkan/dinonaktifkan"),
            "webhooks.endpoint_delete": pgettext_lazy("tindakan", "Webhook dihapus"),
            "webhooks.delivery_retry": pgettext_lazy("tindakan", "Pengiriman webhook diulang"),
        })
