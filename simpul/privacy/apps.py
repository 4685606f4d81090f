from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.privacy"
    label = "privacy"
    verbose_name = _("Privasi")

    def ready(self) -> None:
        from simpul.core import nav
        from simpul.privacy import (
            policies,  # noqa: F401 - registers the module's access rules
            providers,
        )
        from simpul.privacy.registry import register_provider

        register_provider(providers.PEOPLE)
        register_provider(providers.PRIVACY)
        nav.register(_("Privasi"), "privacy:home", "privacy.manage", order=80)
        nav.register(_("Permintaan data pribadi"), "privacy:request_list", "privacy.desk", order=81)
