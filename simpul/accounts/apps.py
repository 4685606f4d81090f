from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "simpul.accounts"
    label = "accounts"

    def ready(self) -> None:
        from simpul.accounts import signals  # noqa: F401
        from simpul.core import nav

        nav.register(_("Beranda"), "core:home", "account.use", order=0)
        nav.register(_("Pengguna"), "accounts:org_list", "users.manage", order=90)
        nav.register(_("Akun saya"), "accounts:account", "account.use", order=99)
