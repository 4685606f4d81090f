from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from simpul.intake import services


class Command(BaseCommand):
    help = (
        "Pengaduan: `simpul intake notify_overdue` memberi tahu petugas jaga tentang pengaduan yang melewati "
        "batas respons (email dan di aplikasi; sekali per pengaduan per batas waktu). Jalankan tiap beberapa menit (cron/timer)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["notify_overdue"])
        parser.add_argument("--enqueue", action="store_true", help="Masukkan ke antrean tugas (simpul worker) alih-alih menjalankan langsung.")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["enqueue"]:
            from simpul.intake.tasks import notify_overdue

            notify_overdue.enqueue()
            self.stdout.write("Tugas notify_overdue dimasukkan ke antrean.")
            return
        count = services.notify_overdue()
        self.stdout.write(self.style.SUCCESS(f"{count} pengaduan terlambat diberitahukan."))
