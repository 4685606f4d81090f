from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from simpul.accounts.demo import demo_totp_key


class Command(BaseCommand):
    help = "Cetak kode TOTP saat ini untuk pengguna demo."

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"{totp(demo_totp_key()):06d}")
