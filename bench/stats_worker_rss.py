"""Benchmark: gunicorn worker memory (RSS) after load on the statistics pages, and page times.

    SIMPUL_VAR_DIR=/path/to/a/demo/var .venv/bin/python bench/stats_worker_rss.py

Uses an existing demo instance (`make demo` fills var/ with ~2,000 synthetic cases) read-only
except for the cache table and the audit log. Starts `simpul serve --workers 2 --no-collectstatic`
on a free loopback port, requests the public open-data page (cold, then cached), its CSV and JSON,
and the region API, BENCH_REQUESTS times in total (default 400, sequential: one client), prints
median times and the VmRSS of each worker from /proc, then stops the server it started.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _server import PY, ROOT, serving

N = int(os.environ.get("BENCH_REQUESTS", "400"))
if "SIMPUL_VAR_DIR" not in os.environ:
    sys.exit("set SIMPUL_VAR_DIR to the var/ directory of a demo instance (make demo)")

env = dict(os.environ, DJANGO_SETTINGS_MODULE="simpul.settings", SIMPUL_DEMO="1", SIMPUL_INSECURE_HTTP="1", SIMPUL_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT))
env.pop("SIMPUL_TESTING", None)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    with serving(env, workers=2) as base:

        def get(path: str) -> float:
            start = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=120) as resp:  # noqa: S310 - loopback only
                resp.read()
            return (time.perf_counter() - start) * 1000

        # Cold: clear the cache table so the open-data tables are built and suppressed again.
        clear = "from django.core.cache import cache; cache.clear()"
        subprocess.run([PY, "-m", "simpul.cli", "shell", "-c", clear], env=env, cwd=ROOT, check=True)  # noqa: S603
        cold = [get("/statistik/publik/")]
        paths = ["/statistik/publik/", "/statistik/publik/data.csv", "/statistik/publik/data.json", "/api/v1/regions/63.06/children"]
        times: dict[str, list[float]] = {p: [] for p in paths}
        for i in range(N):
            path = paths[i % len(paths)]
            times[path].append(get(path))
        master = int(Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()[0])
        children = [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
        print(f"public open-data page cold: {cold[0]:.0f} ms")
        for path, values in times.items():
            print(f"{path}: median {statistics.median(values):.1f} ms over {len(values)} requests")
        for pid in children:
            print(f"worker {pid}: RSS {rss_mb(pid):.0f} MB")
        print(f"gunicorn master {master}: RSS {rss_mb(master):.0f} MB")


if __name__ == "__main__":
    main()
