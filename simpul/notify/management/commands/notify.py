from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Pemberitahuan: `simpul notify scan` memeriksa pengaduan dan rujukan yang terlambat serta tugas "
        "yang jatuh tempo, lalu memberi tahu orang yang tepat (sekali saja). Jalankan berkala, mis. tiap 15 menit (cron)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["scan"])
        parser.add_argument("--enqueue", action="store_true", help="Masukkan ke antrean tugas (simpul worker) alih-alih menjalankan langsung.")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["enqueue"]:
            from simpul.notify.tasks import scan

            scan.enqueue()
            self.stdout.write("Tugas pemeriksaan pemberitahuan dimasukkan ke antrean.")
            return
        from simpul.notify.services import scan as run_scan

        self.stdout.write(f"{run_scan()} pemberitahuan baru.")
