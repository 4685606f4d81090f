"""Shared by the HTTP benchmarks: a scratch instance (temp var dir, SQLite or a scratch PostgreSQL
database), `simpul serve` on a free loopback port, and a load run with wrk when it is installed."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
PG_URL = os.environ.get("DATABASE_URL", "")


def bench_env(prefix: str, pg_db: str, **extra: str) -> dict[str, str]:
    """Environment of a fresh demo-mode instance in a new temp dir; with DATABASE_URL set, a
    scratch database ``pg_db`` is (re)created on that server."""
    tmp = Path(os.environ.get("BENCH_VAR_DIR") or tempfile.mkdtemp(prefix=prefix))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="simpul.settings",
        SIMPUL_DEMO="1",
        SIMPUL_INSECURE_HTTP="1",
        SIMPUL_VAR_DIR=str(tmp),
        SIMPUL_SQLITE_PATH=str(tmp / "bench.sqlite3"),
        SIMPUL_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    env.pop("SIMPUL_TESTING", None)
    if PG_URL:
        if not os.environ.get("BENCH_VAR_DIR"):
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_db}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{pg_db}"')
        env["DATABASE_URL"] = f"{PG_URL.rsplit('/', 1)[0]}/{pg_db}"
    else:
        env.pop("DATABASE_URL", None)
    return env


def drop_pg(pg_db: str) -> None:
    if PG_URL and not os.environ.get("BENCH_KEEP"):
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_db}" WITH (FORCE)')


def engine() -> str:
    return "PostgreSQL" if PG_URL else "SQLite"


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


@contextlib.contextmanager
def serving(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """`simpul serve --workers N` on a free loopback port; yields the base URL, stops it after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [PY, "-m", "simpul.cli", "serve", "--workers", str(workers), "--no-collectstatic", "--bind", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("WRK %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, summary.bytes))
end
"""


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, *, headers: dict[str, str], connections: int, seconds: int, threads: int = 1) -> dict[str, float]:
    """A closed-loop load run with wrk (C, one thread: it takes little of the CPU the server needs).
    Returns requests, req/s, errors and p50/p95/p99/mean latency in ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", f.name]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout  # noqa: S603
    os.unlink(f.name)
    m = re.search(r"^WRK (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M)
    if not m:
        raise SystemExit("wrk printed no summary:\n" + out)
    n, dur_us, errors, p50, p95, p99, mean, nbytes = (int(x) for x in m.groups())
    return {
        "requests": n,
        "rps": n / (dur_us / 1e6),
        "errors": errors,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "mean": mean / 1000,
        "bytes_per_response": nbytes / max(1, n),
    }
