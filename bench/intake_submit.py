"""Benchmark: public report submissions per second and latency with 2 gunicorn workers.

    .venv/bin/python bench/intake_submit.py            # SQLite file DB in a temp var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/intake_submit.py
        # PostgreSQL: creates and drops its own scratch database "simpul_bench_intake"
    BENCH_REQUESTS=2000 BENCH_CONCURRENCY=8 .venv/bin/python bench/intake_submit.py

Starts `simpul serve --workers 2 --no-collectstatic` (SIMPUL_DEMO=1, SIMPUL_INSECURE_HTTP=1) on a
free loopback port against a fresh temp var dir, raises the intake rate limits through
SIMPUL_INTAKE_RATE_* env vars, posts N complete public reports (each with its own idempotency
key) from a bounded thread pool, checks every one was stored exactly once, prints throughput and
p50/p95/p99 latency, then stops the server it started.
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from _server import PG_URL, PY, ROOT, bench_env, drop_pg, engine, pct, serving

N = int(os.environ.get("BENCH_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
PG_DB = "simpul_bench_intake"

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
from simpul.accounts.demo import create_demo_data
create_demo_data()
"""
COUNT = """
import django; django.setup()
from simpul.intake.models import Report
print(Report.objects.count(), Report.objects.values("tracking_code").distinct().count())
"""




def csrf(base: str) -> tuple[str, str, int]:
    with urllib.request.urlopen(f"{base}/lapor/", timeout=30) as resp:  # noqa: S310 - loopback
        cookie = re.search(r"csrftoken=([^;]+)", resp.headers.get("Set-Cookie", "")).group(1)  # type: ignore[union-attr]
        html = resp.read()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()  # type: ignore[union-attr]
    return token, cookie, len(html)


def body(token: str) -> bytes:
    return urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "idem": secrets.token_urlsafe(24), "website": "",
        "story": "Laporan sintetis untuk uji beban: tetangga mendengar keributan dan tangisan anak.",
        "kabupaten": "63.06", "wilayah": "63.06.05", "location_text": "Desa Sintetis", "period": "hari_ini",
        "for_whom": "orang_lain", "victim_is_child": "ya", "reporter_name": "Budi Sintetis",
        "reporter_contact": "0812-0000-1111", "safe_call": "tidak", "safe_message": "ya", "safe_times": "pagi",
    }).encode()


def post(base: str, token: str, cookie: str) -> tuple[int, float]:
    req = urllib.request.Request(  # noqa: S310 - loopback
        f"{base}/lapor/", data=body(token), method="POST",
        headers={"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - loopback
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - t



def main() -> None:
    env = bench_env("simpul-bench-intake-", PG_DB, SIMPUL_INTAKE_RATE_IP=str(10**9), SIMPUL_INTAKE_RATE_GLOBAL=str(10**9))
    subprocess.run([PY, "-c", SETUP], env=env, check=True, cwd=ROOT)  # noqa: S603
    with serving(env, workers=2) as base:
        token, cookie, page_bytes = csrf(base)
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:  # warm-up
            list(pool.map(lambda _i: post(base, token, cookie), range(40)))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            results = list(pool.map(lambda _i: post(base, token, cookie), range(N)))
        elapsed = time.perf_counter() - started
    ok = [lat for status, lat in results if status == 200]
    bad = {s for s, _ in results if s != 200}
    stored, distinct = map(int, subprocess.run([PY, "-c", COUNT], env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout.split())
    print(f"database            {engine()}")
    print(f"workers             2 (gunicorn sync), concurrency {CONCURRENCY}, requests {N}")
    print(f"form page           {page_bytes} bytes HTML")
    print(f"ok / failed         {len(ok)} / {N - len(ok)} {sorted(bad) if bad else ''}")
    print(f"stored (distinct)   {stored - 40} of {N} ({distinct - 40} distinct tracking codes)")
    print(f"throughput          {len(ok) / elapsed:.1f} submissions/s")
    if ok:
        print(f"latency p50/p95/p99 {pct(ok, 50) * 1000:.0f} / {pct(ok, 95) * 1000:.0f} / {pct(ok, 99) * 1000:.0f} ms (mean {statistics.mean(ok) * 1000:.0f} ms)")
    if PG_URL:
        drop_pg(PG_DB)


if __name__ == "__main__":
    main()
