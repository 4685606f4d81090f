"""`simpul keys init|status|rotate|retire`: manage the encryption keyring (docs/crypto.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from simpul.crypto import keyring as kr
from simpul.crypto import rotation


class Command(BaseCommand):
    help = (
        "Kunci enkripsi: `keys init --file PATH` membuat keyring baru (0600); `keys status` menunjukkan "
        "berapa nilai dilindungi tiap kunci; `keys rotate` menambah kunci baru dan mengenkripsi ulang semua "
        "nilai (dapat dilanjutkan setelah terhenti); `keys retire` memensiunkan kunci lama yang tidak dipakai."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser("init", help="buat keyring baru")
        init.add_argument("--file", required=True, help="path file keyring baru (tidak menimpa file yang ada)")
        sub.add_parser("status", help="pemakaian tiap kunci per tabel/kolom")
        rot = sub.add_parser("rotate", help="kunci baru + enkripsi ulang semua nilai")
        rot.add_argument("--batch", type=int, default=500, help="baris per transaksi (bawaan 500)")
        rot.add_argument("--sleep-between-batches", type=float, default=0.0, help="jeda (detik) antar batch, untuk meringankan beban")
        ret = sub.add_parser("retire", help="pensiunkan kunci lama yang tidak lagi dipakai")
        ret.add_argument("--key", action="append", dest="keys", help="id kunci (boleh berulang); bawaan: semua kunci non-aktif")
        ret.add_argument("--remove", action="store_true", help="hapus bahan kunci dari keyring (arsip cadangan lama tidak dapat dibuka lagi)")

    def handle(self, *args: Any, **opts: Any) -> None:
        getattr(self, f"do_{opts['action']}")(**opts)

    def do_init(self, *, file: str, **_: Any) -> None:
        path = Path(file)
        try:
            ring = kr.create(path)
        except FileExistsError:
            raise CommandError(f"{path} sudah ada: keyring tidak ditimpa.") from None
        self.stdout.write(self.style.SUCCESS(f"Keyring baru ditulis ke {path} (mode 0600), kunci aktif {ring.active_id}."))
        self.stdout.write("Simpan salinannya di tempat aman, TERPISAH dari basis data dan arsip cadangan; set SIMPUL_KEYS_FILE.")

    def do_status(self, **_: Any) -> None:
        ring = kr.keyring()
        usage = rotation.key_usage()
        if ring.rotating:
            self.stdout.write(self.style.WARNING(f"Rotasi ke {ring.rotating} belum selesai: jalankan `simpul keys rotate`."))
        for kid in [*ring.keys, *([rotation.UNKNOWN] if rotation.UNKNOWN in usage else [])]:
            if kid == rotation.UNKNOWN:
                state = "TIDAK DIKENAL (kunci hilang dari keyring)"
            else:
                key = ring.keys[kid]
                state = "aktif" if kid == ring.active_id else ("pensiun" if key.retired else "lama")
            total = rotation.values_under(usage, kid)
            self.stdout.write(f"{kid}  [{state}]  {total} nilai")
            for column, n in sorted(usage[kid].items()):
                if n:
                    self.stdout.write(f"    {column}: {n}")

    def do_rotate(self, *, batch: int, sleep_between_batches: float, **_: Any) -> None:
        try:
            result = rotation.rotate(batch=batch, sleep_between_batches=sleep_between_batches, out=self._say)
        except (rotation.RotationError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        if result.skipped_concurrent:
            self.stdout.write(f"{result.skipped_concurrent} baris diubah bersamaan oleh aplikasi dan diulang.")

    def do_retire(self, *, keys: list[str] | None, remove: bool, **_: Any) -> None:
        try:
            done = rotation.retire(key_ids=keys, remove=remove)
        except rotation.RetireRefused as exc:
            raise CommandError(f"Ditolak: {exc}") from None
        if not done:
            self.stdout.write("Tidak ada kunci lama untuk dipensiunkan.")
            return
        verb = "dihapus dari keyring" if remove else "dipensiunkan"
        self.stdout.write(self.style.SUCCESS(f"Kunci {', '.join(done)} {verb}."))

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
