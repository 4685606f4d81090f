"""`simpul backup --out FILE`: one encrypted archive of the database and attachments (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from simpul.crypto.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Cadangan terenkripsi: dump basis data (nilai terenkripsi tetap terenkripsi), lampiran dan manifest "
        "hash, dienkripsi dengan kunci arsip (SIMPUL_BACKUP_KEY), terpisah dari kunci data. Keyring TIDAK ikut."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, help="file arsip yang dibuat (tidak menimpa)")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            result = backup(Path(opts["out"]), say=self.stdout.write)
        except (BackupError, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from None
        if result.missing_attachments:
            self.stderr.write(f"Peringatan: {len(result.missing_attachments)} berkas lampiran tidak ada di disk (tercatat di manifest).")
        self.stdout.write(self.style.SUCCESS(
            f"Arsip {result.path} ditulis: basis data {result.db_bytes} bita, {result.attachments} lampiran. "
            "Simpan terpisah dari keyring."
        ))
