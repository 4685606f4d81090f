from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Pesan ke pelapor: `simpul messaging sweep` mengirim pesan yang sudah jatuh waktu (waktu aman pelapor, "
        "percobaan ulang) dan memulihkan pesan dari pekerja yang mati. Jalankan berkala, mis. tiap menit (cron), "
        "atau `--every 60` agar perintah ini mengulang sendiri."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--enqueue", action="store_true", help="Masukkan ke antrean tugas (simpul worker) alih-alih menjalankan langsung.")
        parser.add_argument("--every", type=int, default=0, help="Ulangi tiap N detik (0: sekali saja).")

    def handle(self, *args: Any, **opts: Any) -> None:
        while True:
            if opts["enqueue"]:
                from simpul.messaging.tasks import sweep

                sweep.enqueue()
                self.stdout.write("Tugas pengiriman pesan dimasukkan ke antrean.")
            else:
                from simpul.messaging.services import sweep as run_sweep

                self.stdout.write(f"{run_sweep()} pesan terkirim.")
            if opts["every"] <= 0:
                return
            time.sleep(opts["every"])
