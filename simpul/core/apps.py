from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.core"
    label = "core"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from simpul.core import nav

        # Home and user management: accounts is ground and does not import the platform.
        nav.register(_("Beranda"), "core:home", "account.use", order=0)
        nav.register(_("Pengguna"), "accounts:org_list", "users.manage", order=90)
        nav.register(_("Akun saya"), "accounts:account", "account.use", order=99)
