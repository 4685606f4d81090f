from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.cases"
    label = "cases"
    verbose_name = _("Kasus")

    def ready(self) -> None:
        from simpul.cases import policies  # noqa: F401 - registers the module's access rules
        from simpul.core import nav

        nav.register(_("Kasus"), "cases:list", "cases.list", order=20)
        nav.register(_("Rujukan masuk"), "cases:inbox", "referrals.inbox", order=25)
        from simpul.cases import privacy

        privacy.register()
        from simpul.cases import notifications, search, work  # home, search box, notifications

        work.register()
        search.register()
        notifications.register()
        from simpul.cases import indicators

        indicators.register()
        from django.utils.translation import pgettext_lazy

        from simpul.core.labels import register_actions

        register_actions({"referral.view_sent": pgettext_lazy("tindakan", "Rujukan terkirim dilihat")})
