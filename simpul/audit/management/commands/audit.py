from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from simpul.audit import services


class Command(BaseCommand):
    help = "Log audit: `simpul audit verify` memeriksa rantai hash; keluar non-nol bila ada baris yang diubah, dihapus atau disusun ulang."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **opts: Any) -> None:
        result = services.verify()
        if not result.ok:
            raise CommandError(f"Rantai audit RUSAK pada baris #{result.first_bad_seq}: {result.reason} ({result.checked} baris sebelumnya utuh).")
        self.stdout.write(self.style.SUCCESS(f"Rantai audit utuh: {result.checked} baris diperiksa."))
