from __future__ import annotations

import importlib.util
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_otp.oath import totp

from simpul.accounts.demo import create_demo_data, demo_totp_key
from simpul.regions.models import Region


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


class Command(BaseCommand):
    help = "Siapkan demo lokal (var/): migrasi, kode wilayah, organisasi dan pengguna demo, lalu jalankan server."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-serve", action="store_true", help="siapkan saja, jangan jalankan server")
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--cases", type=int, default=2000, help="jumlah kasus sintetis (bila modul statistik ada)")
        parser.add_argument("--no-worker", action="store_true", help="jangan jalankan pekerja latar (tugas, pemberitahuan)")

    def handle(self, *args: Any, **opts: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if Region.objects.filter(level=4).count() < 83000:
            self.stdout.write("Memuat kode wilayah Kemendagri 2025 ...")
            call_command("regions", "load")
        creds = create_demo_data()
        # Module demo data (synthetic, idempotent): each module that has one seeds its own.
        for module in ("prevention", "outreach", "coordination"):
            if _has_module(f"simpul.{module}.demo"):
                importlib.import_module(f"simpul.{module}.demo").seed_demo()
        if _has_module("simpul.stats.seed") and opts["cases"]:
            self.stdout.write(f"Membuat sekitar {opts['cases']} kasus sintetis (sekali saja) ...")
            importlib.import_module("simpul.stats.seed").seed_demo(cases=opts["cases"], stdout=self.stdout)
        key = demo_totp_key()
        line = "=" * 72
        self.stdout.write(line)
        self.stdout.write("Simpul DEMO — data sintetis, bukan data nyata")
        self.stdout.write(f"Kata sandi semua pengguna demo: {creds.password}")
        self.stdout.write(f"Kunci TOTP (faktor kedua) semua pengguna demo: {creds.totp_secret_b32}")
        self.stdout.write("  tambahkan kunci ini ke aplikasi autentikator, atau pakai kode saat ini:")
        self.stdout.write(f"  kode TOTP sekarang: {totp(key):06d}  (berganti tiap 30 detik; `simpul demo_totp` untuk kode baru)")
        self.stdout.write("Pengguna: " + ", ".join(creds.usernames))
        if not (opts["no_serve"] or opts["no_worker"]):
            self.stdout.write("Pekerja latar (pemberitahuan, laporan) berjalan bersama server: `simpul worker`.")
        self.stdout.write(line)
        if not opts["no_serve"]:
            if not opts["no_worker"]:
                start_background()
            call_command("serve", bind=opts["bind"], workers=opts["workers"])


def start_background() -> list[subprocess.Popen[bytes]]:
    """The task worker (notifications, background reports) and the periodic notification check
    (every 5 minutes, run by the worker), as child processes: they stay with the server (same
    process group, so Ctrl-C stops them too)."""
    simpul = [sys.executable, "-m", "simpul.cli"]
    return [
        subprocess.Popen([*simpul, "worker", "--interval", "2"]),  # noqa: S603 - our own command, fixed arguments
        subprocess.Popen([*simpul, "notify", "scan", "--enqueue", "--every", "300"]),  # noqa: S603
    ]
