from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from simpul.conf import VAR_DIR


class Command(BaseCommand):
    help = "Jalankan server produksi (gunicorn). Contoh: simpul serve --bind 0.0.0.0:8000 --workers 4"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("SIMPUL_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("SIMPUL_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("SIMPUL_THREADS", "1")))
        parser.add_argument("--timeout", type=int, default=60)
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Metrics from every worker (docs/operations.md): each writes its counters to one folder,
        # emptied at start so that a restart begins from zero as Prometheus expects.
        metrics_dir = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or VAR_DIR / "metrics")
        metrics_dir.mkdir(parents=True, exist_ok=True)
        for stale in metrics_dir.glob("*.db"):
            stale.unlink()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        cmd = [
            sys.executable, "-m", "gunicorn", "simpul.wsgi:application",
            "--bind", opts["bind"], "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
            "--timeout", str(opts["timeout"]), "--access-logfile", "-",
            # No query strings in the access log: they may carry search terms.
            "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        ]
        self.stdout.write(f"Simpul: http://{opts['bind']}/ ({opts['workers']} worker)")
        self.stdout.flush()
        os.execv(sys.executable, cmd)  # noqa: S606 - replaces this process with gunicorn
