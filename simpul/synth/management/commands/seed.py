"""simpul seed --cases N --seed S [--region CODE]: deterministic synthetic cases in bulk."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.synth.generate import generate


class Command(BaseCommand):
    help = (
        "Membuat kasus sintetis (deterministik) dalam jumlah besar beserta ringkasan statistiknya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--region", default="", help="kode wilayah, mis. 63 atau 63,16.09")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="bangun ulang semua ringkasan dari tabel kasus sesudahnya (lambat pada skala nasional)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        result = generate(
            opts["cases"],
            seed=opts["seed"],
            region=opts["region"] or None,
            batch=opts["batch"],
            progress=lambda m: self.stdout.write(m),
            rebuild=opts["rebuild"],
        )
        self.stdout.write(self.style.SUCCESS(" ".join(f"{k}={v}" for k, v in result.items())))
