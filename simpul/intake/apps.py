from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.intake"
    label = "intake"

    def ready(self) -> None:
        from simpul.core import nav

        nav.register(_("Pengaduan"), "intake:queue", "intake.queue", order=10)
        nav.register(_("Laporan saya"), "intake:field_list", "intake.field_report", order=11)
        from simpul.intake import notifications, search, work  # home, search box, notifications

        work.register()
        search.register()
        notifications.register()
