from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from simpul.regions import loader
from simpul.regions.models import Region


class Command(BaseCommand):
    help = "Kode wilayah Kemendagri: `simpul regions load` (idempotent) | `simpul regions status`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["load", "status"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            for level in (1, 2, 3, 4):
                self.stdout.write(f"level {level}: {Region.objects.filter(level=level).count()}")
            return
        started = time.monotonic()
        try:
            counts = loader.load(progress=lambda msg: self.stdout.write(f"  {msg}"))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah dimuat: {counts[1]} provinsi, {counts[2]} kabupaten/kota, {counts[3]} kecamatan, "
                f"{counts[4]} desa/kelurahan ({time.monotonic() - started:.1f} s)."
            )
        )
