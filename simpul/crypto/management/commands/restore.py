"""`simpul restore FILE`: verify an encrypted archive completely, then load it into an empty instance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.services import verify
from simpul.crypto.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Memulihkan arsip `simpul backup` ke instans KOSONG yang sudah di-migrate, dengan keyring yang sama. "
        "Seluruh arsip didekripsi dan setiap hash diperiksa sebelum apa pun dimuat; arsip yang diubah ditolak."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="file arsip")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["archive"])
        if not path.is_file():
            raise CommandError(f"{path} tidak ditemukan.")
        try:
            result = restore(path, say=self.stdout.write)
        except (BackupError, ImproperlyConfigured) as exc:
            raise CommandError(f"Pemulihan ditolak: {exc}") from None
        total = sum(result.objects.values())
        self.stdout.write(self.style.SUCCESS(f"Dipulihkan: {total} baris, {result.attachments} lampiran."))
        chain = verify()
        if chain.ok:
            self.stdout.write(f"Rantai audit utuh: {chain.checked} baris.")
        else:
            raise CommandError(f"Rantai audit RUSAK setelah pemulihan pada baris #{chain.first_bad_seq}: {chain.reason}")
