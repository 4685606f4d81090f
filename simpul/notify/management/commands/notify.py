from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Pemberitahuan: `simpul notify scan` memeriksa pengaduan dan rujukan yang terlambat serta tugas "
        "yang jatuh tempo, lalu memberi tahu orang yang tepat (sekali saja). Jalankan berkala, mis. tiap 5 menit (cron), "
        "atau `--every 300` agar perintah ini mengulang sendiri."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["scan"])
        parser.add_argument("--enqueue", action="store_true", help="Masukkan ke antrean tugas (simpul worker) alih-alih menjalankan langsung.")
        parser.add_argument("--every", type=int, default=0, help="Ulangi tiap N detik (0: sekali saja).")

    def handle(self, *args: Any, **opts: Any) -> None:
        while True:
            self._once(opts["enqueue"])
            if opts["every"] <= 0:
                return
            time.sleep(opts["every"])

    def _once(self, enqueue: bool) -> None:
        if enqueue:
            from simpul.notify.tasks import scan

            scan.enqueue()
            self.stdout.write("Tugas pemeriksaan pemberitahuan dimasukkan ke antrean.")
            return
        from simpul.notify.services import scan as run_scan

        self.stdout.write(f"{run_scan()} pemberitahuan baru.")
