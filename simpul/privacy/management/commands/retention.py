from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from simpul.privacy import services


class Command(BaseCommand):
    help = (
        "Retensi data (UU PDP): `simpul retention run [--dry-run] [--years N] [--json]` memseudonimkan data "
        "identitas orang yang semua catatannya ditutup lebih dari N tahun lalu (SIMPUL_RETENTION_YEARS), "
        "kecuali yang berada dalam penahanan hukum. --dry-run hanya melaporkan."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["run"])
        parser.add_argument("--dry-run", action="store_true", help="laporkan saja, jangan ubah apa pun")
        parser.add_argument("--years", type=int, default=None, help="masa retensi (tahun); bawaan SIMPUL_RETENTION_YEARS")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        plan = services.retention_run(dry_run=opts["dry_run"], years=opts["years"])
        if opts["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "dry_run": plan.dry_run,
                        "cutoff": plan.cutoff.isoformat(),
                        "by_organisation": plan.by_org,
                        "held": {str(k): v for k, v in plan.held.items()},
                        "erased": plan.erased,
                    },
                    sort_keys=True,
                )
            )
            return
        mode = "UJI COBA (tidak ada yang diubah)" if plan.dry_run else "DIJALANKAN"
        self.stdout.write(f"Retensi {mode}; batas: catatan ditutup sebelum {plan.cutoff:%Y-%m-%d}.")
        if not plan.by_org:
            self.stdout.write("Tidak ada orang yang memenuhi syarat.")
        for org, ids in sorted(plan.by_org.items()):
            self.stdout.write(f"  organisasi {org}: {len(ids)} orang: {', '.join(str(i) for i in ids)}")
        for pid, holds in sorted(plan.held.items()):
            self.stdout.write(f"  dilewati (penahanan hukum) orang {pid}: {', '.join(holds)}")
        total = len(plan.person_ids)
        if plan.dry_run:
            self.stdout.write(self.style.SUCCESS(f"Akan dipseudonimkan: {total} orang; ditahan: {len(plan.held)}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Dipseudonimkan: {plan.erased} dari {total} orang; ditahan: {len(plan.held)}."))
