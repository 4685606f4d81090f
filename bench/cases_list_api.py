"""Benchmark: GET /api/v1/cases?page_size=100 with one filter, 2 gunicorn workers, 20,000 cases.

    .venv/bin/python bench/cases_list_api.py            # SQLite file DB in a temp var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/cases_list_api.py
        # PostgreSQL: creates and drops its own scratch database "simpul_bench_cases"
    BENCH_CASES=20000 BENCH_REQUESTS=2000 BENCH_CONCURRENCY=8 BENCH_QUERY="risk=sedang" .venv/bin/python bench/cases_list_api.py

Builds a fresh database (migrate, demo organisations/users), bulk-creates BENCH_CASES synthetic
cases for UPTD PPA HSS (each with one encrypted victim, one incident and one form of violence;
see simpul/cases/bulk.py), issues an API token with scope cases:read for manajer_kasus.hss,
starts `simpul serve --workers 2` on a free loopback port, then sends BENCH_REQUESTS requests from
a bounded pool of BENCH_CONCURRENCY threads and prints throughput and p50/p95/p99 latency.
Every request is a full list page: 100 masked rows (initials decrypted per row) plus one audit row.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
TMP = Path(tempfile.mkdtemp(prefix="simpul-bench-cases-"))
CASES = int(os.environ.get("BENCH_CASES", "20000"))
N = int(os.environ.get("BENCH_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
QUERY = os.environ.get("BENCH_QUERY", "risk=sedang")
PG_URL = os.environ.get("DATABASE_URL", "")
PG_DB = "simpul_bench_cases"

env = dict(os.environ)
env.update(
    DJANGO_SETTINGS_MODULE="simpul.settings",
    SIMPUL_DEMO="1",
    SIMPUL_INSECURE_HTTP="1",
    SIMPUL_VAR_DIR=str(TMP),
    SIMPUL_SQLITE_PATH=str(TMP / "bench.sqlite3"),
    SIMPUL_LOG_LEVEL="ERROR",
    PYTHONPATH=str(ROOT),
)
env.pop("SIMPUL_TESTING", None)
if PG_URL:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    env["DATABASE_URL"] = f"{PG_URL.rsplit('/', 1)[0]}/{PG_DB}"
else:
    env.pop("DATABASE_URL", None)

SETUP = f"""
import time, django; django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
from simpul.accounts.demo import create_demo_data, org
from simpul.accounts.models import User
create_demo_data()
from simpul.cases.bulk import bulk_cases
t = time.perf_counter()
bulk_cases(org("uptd.hss"), {CASES}, assign_to=User.objects.get(username="pendamping.hss"))
from simpul.api.tokens import token_create
_tok, raw = token_create(user=User.objects.get(username="manajer_kasus.hss"), scopes=["cases:read"], days=1, name="bench")
print(raw, round(time.perf_counter() - t, 1))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def get(url: str, token: str) -> tuple[int, float, int]:
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310 - loopback
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - loopback
            data = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        data, status = b"", exc.code
    return status, time.perf_counter() - t, len(data)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    out = subprocess.run([PY, "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()  # noqa: S603
    token, build_s = out[-2], out[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [PY, "-m", "simpul.cli", "serve", "--workers", "2", "--no-collectstatic", "--bind", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"{base}/api/v1/cases?page_size=100&{QUERY}"
    try:
        wait_ready(base)
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"}), timeout=60) as resp:  # noqa: S310
            first = json.loads(resp.read())
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:  # warm-up
            list(pool.map(lambda _i: get(url, token), range(40)))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            results = list(pool.map(lambda _i: get(url, token), range(N)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = [lat for status, lat, _n in results if status == 200]
    bad = sorted({s for s, _l, _n in results if s != 200})
    engine = "PostgreSQL" if PG_URL else "SQLite"
    print(f"database            {engine} ({CASES} cases, built in {build_s} s)")
    print(f"request             GET /api/v1/cases?page_size=100&{QUERY} (matching: {first['count']}, rows: {len(first['results'])})")
    print(f"workers             2 (gunicorn sync), concurrency {CONCURRENCY}, requests {N}")
    print(f"response            {results[0][2]} bytes JSON")
    print(f"ok / failed         {len(ok)} / {N - len(ok)} {bad if bad else ''}")
    print(f"throughput          {len(ok) / elapsed:.1f} req/s")
    if ok:
        print(f"latency p50/p95/p99 {pct(ok, 50) * 1000:.0f} / {pct(ok, 95) * 1000:.0f} / {pct(ok, 99) * 1000:.0f} ms (mean {statistics.mean(ok) * 1000:.0f} ms)")
    if PG_URL:
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')


if __name__ == "__main__":
    main()
