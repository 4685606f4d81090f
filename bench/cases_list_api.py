"""Benchmark: GET /api/v1/cases?page_size=100 with one filter, 2 gunicorn workers, 20,000 cases.

    .venv/bin/python bench/cases_list_api.py            # SQLite file DB in a temp var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/cases_list_api.py
        # PostgreSQL: creates and drops its own scratch database "simpul_bench_cases"
    BENCH_CASES=20000 BENCH_SECONDS=20 BENCH_CONCURRENCY=4 BENCH_QUERY="risk=sedang" .venv/bin/python bench/cases_list_api.py

Builds a fresh database (migrate, demo organisations/users), bulk-creates BENCH_CASES synthetic
cases for UPTD PPA HSS (each with one encrypted victim, one incident and one form of violence;
see simpul/cases/bulk.py), issues an API token with scope cases:read for manajer_kasus.hss,
starts `simpul serve --workers 2` on a free loopback port and loads it with wrk (one thread,
BENCH_CONCURRENCY connections, BENCH_SECONDS after a 3-second warm-up); without wrk installed
(`apt-get install wrk`) a Python thread pool sends BENCH_REQUESTS requests instead (it takes much
of the CPU the server needs, so it reports less). On PostgreSQL the set-up ends with VACUUM ANALYZE
(planner statistics and the visibility map that autovacuum would build some time after a bulk
load; without it the same run gave 42 req/s). Every request is a full list page: 100 masked
rows (initials and masked NIK decrypted per row) plus one audit row.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from _server import PG_URL, PY, ROOT, bench_env, drop_pg, engine, have_wrk, pct, serving, wrk

CASES = int(os.environ.get("BENCH_CASES", "20000"))
N = int(os.environ.get("BENCH_REQUESTS", "2000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
QUERY = os.environ.get("BENCH_QUERY", "risk=sedang")
PG_DB = "simpul_bench_cases"

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
from django.db import connection
if connection.vendor == "postgresql":  # what autovacuum does some time after a bulk load
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
print(raw, round(time.perf_counter() - t, 1))
"""


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


def main() -> None:
    env = bench_env("simpul-bench-cases-", PG_DB)
    out = subprocess.run([PY, "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()  # noqa: S603
    token, build_s = out[-2], out[-1]
    with serving(env, workers=2) as base:
        url = f"{base}/api/v1/cases?page_size=100&{QUERY}"
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"}), timeout=60) as resp:  # noqa: S310
            first_bytes = resp.read()
        first = json.loads(first_bytes)
        headers = {"Authorization": f"Bearer {token}"}
        if have_wrk():
            wrk(url, headers=headers, connections=CONCURRENCY, seconds=3)  # warm-up
            r = wrk(url, headers=headers, connections=CONCURRENCY, seconds=SECONDS)
            load = f"wrk, 1 thread, {CONCURRENCY} connections, {SECONDS} s"
            ok, failed, rps = r["requests"] - r["errors"], r["errors"], r["rps"]
            lat = (r["p50"], r["p95"], r["p99"], r["mean"])
        else:
            with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:  # warm-up
                list(pool.map(lambda _i: get(url, token), range(40)))
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
                results = list(pool.map(lambda _i: get(url, token), range(N)))
            elapsed = time.perf_counter() - started
            good = [lat for status, lat, _n in results if status == 200]
            load = f"Python threads, concurrency {CONCURRENCY}, {N} requests"
            ok, failed, rps = len(good), N - len(good), len(good) / elapsed
            lat = (pct(good, 50) * 1000, pct(good, 95) * 1000, pct(good, 99) * 1000, statistics.mean(good) * 1000)
    print(f"database            {engine()} ({CASES} cases, built in {build_s} s)")
    print(f"request             GET /api/v1/cases?page_size=100&{QUERY} (matching: {first['count']}, rows: {len(first['results'])})")
    print(f"workers             2 (gunicorn sync); load: {load}")
    print(f"response            {len(first_bytes)} bytes JSON")
    print(f"ok / failed         {ok} / {failed}")
    print(f"throughput          {rps:.1f} req/s")
    print(f"latency p50/p95/p99 {lat[0]:.1f} / {lat[1]:.1f} / {lat[2]:.1f} ms (mean {lat[3]:.1f} ms)")
    print(f"load average        {os.getloadavg()[0]:.2f}")
    if PG_URL:
        drop_pg(PG_DB)


if __name__ == "__main__":
    main()
