"""simpul stats rebuild | check: rebuild the summary tables, or compare them with raw counts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from simpul.stats.services import stats_rebuild, summaries_match_raw


class Command(BaseCommand):
    help = "Ringkasan statistik: rebuild (bangun ulang) atau check (bandingkan dengan data kasus)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--region", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "rebuild":
            result = stats_rebuild(progress=lambda m: self.stdout.write(m))
            self.stdout.write(
                self.style.SUCCESS(f"{result['cases']} kasus, {result['rows']} baris ringkasan")
            )
            return
        if not summaries_match_raw(opts["region"] or None):
            raise CommandError("Ringkasan TIDAK sama dengan data kasus: jalankan `simpul stats rebuild`.")
        self.stdout.write(self.style.SUCCESS("Ringkasan sama dengan data kasus."))
