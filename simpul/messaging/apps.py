from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Config(AppConfig):
    name = "simpul.messaging"
    label = "messaging"
    verbose_name = _("Pesan ke pelapor")

    def ready(self) -> None:
        from simpul.core.labels import register_actions
        from simpul.messaging import events

        events.connect()
        register_actions({
            "messaging.queue": pgettext_lazy("tindakan", "Pesan ke pelapor masuk antrean"),
            "messaging.send": pgettext_lazy("tindakan", "Pesan ke pelapor terkirim"),
            "messaging.delivered": pgettext_lazy("tindakan", "Pesan ke pelapor diterima"),
            "messaging.fail": pgettext_lazy("tindakan", "Pesan ke pelapor gagal"),
            "messaging.cancel": pgettext_lazy("tindakan", "Pesan ke pelapor dibatalkan"),
            "messaging.preference": pgettext_lazy("tindakan", "Pelapor mengubah pilihan pesan"),
            "messaging.view": pgettext_lazy("tindakan", "Melihat pesan ke pelapor"),
        })
