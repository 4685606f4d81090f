"""Benchmark: cost of sealing/opening encrypted fields, and key-rotation throughput.

    .venv/bin/python bench/crypto_fields.py                 # SQLite file DB in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/crypto_fields.py
        # PostgreSQL: creates and drops its own scratch database "simpul_bench_crypto"
    BENCH_PERSONS=5000 .venv/bin/python bench/crypto_fields.py   # fewer persons (default 20000)

Prints microseconds per seal/open (40-byte text, 2 KB chronology) and values per second for
`keys rotate` over every encrypted value of N persons (4 encrypted values each).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="simpul-bench-crypto-"))
PERSONS = int(os.environ.get("BENCH_PERSONS", "20000"))
PG_URL = os.environ.get("DATABASE_URL", "")
PG_DB = "simpul_bench_crypto"

os.environ.update(
    DJANGO_SETTINGS_MODULE="simpul.settings",
    SIMPUL_TESTING="1",
    SIMPUL_VAR_DIR=str(TMP),
    SIMPUL_KEYS_FILE=str(TMP / "keys.json"),
    SIMPUL_SQLITE_PATH=str(TMP / "bench.sqlite3"),
)
if PG_URL:
    import psycopg

    base = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}"')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    os.environ["DATABASE_URL"] = f"{base}/{PG_DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from simpul.crypto import aead, rotation  # noqa: E402
from simpul.crypto.blind import blind_index  # noqa: E402
from simpul.people.models import Person  # noqa: E402


def per_call_us(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - t) / n * 1e6)
    return statistics.median(runs)


def field_costs() -> None:
    person = Person(full_name="x")
    field = Person._meta.get_field("full_name")
    short = "Siti Nurhaliza binti Ahmad Contoh Sintet"  # 40 bytes
    long = ("Kronologi sintetis kejadian. " * 80)[:2048]
    print(f"{'operation':<42}{'µs/value':>10}")
    for label, text in (("text 40 B", short), ("chronology 2 KB", long)):
        sealed = field.seal_value(person, text)
        print(f"{'seal ' + label:<42}{per_call_us(lambda t=text: field.seal_value(person, t), 5000):>10.1f}")
        print(f"{'open ' + label:<42}{per_call_us(lambda s=sealed: field.open_value(person, s), 5000):>10.1f}")
    print(f"{'blind index (HMAC-SHA256, NIK)':<42}{per_call_us(lambda: blind_index('nik', '6306054501900001'), 5000):>10.1f}")
    aad = aead.associated_data("t", "c", "r")
    print(f"{'raw aead.seal 40 B (no field overhead)':<42}{per_call_us(lambda: aead.seal(short.encode(), aad), 5000):>10.1f}")


def rotation_throughput() -> None:
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"\nmigrate: {time.perf_counter() - t:.1f} s ({connection.vendor})")
    t = time.perf_counter()
    batch = []
    for i in range(PERSONS):
        p = Person(full_name=f"Budi Sintetis {i}", nik=f"63060501019{i:05d}", phone=f"0813{i:08d}", address_detail=f"Jalan Bench {i}")
        batch.append(p)
        if len(batch) == 1000:
            with transaction.atomic():
                Person.objects.bulk_create(batch)
            batch = []
    if batch:
        Person.objects.bulk_create(batch)
    values = PERSONS * 4
    print(f"insert {PERSONS} persons ({values} encrypted values): {time.perf_counter() - t:.1f} s")
    for size in (500, 2000):
        t, c = time.perf_counter(), time.process_time()
        result = rotation.rotate(batch=size)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        print(
            f"rotate --batch {size}: {result.rotated} values in {dt:.1f} s wall = {result.rotated / dt:,.0f} values/s "
            f"(this process's CPU {dc:.1f} s = {result.rotated / dc:,.0f} values/CPU-s)"
        )
    t, c = time.perf_counter(), time.process_time()
    rotation.key_usage()
    print(f"keys status (count per key and column): {time.perf_counter() - t:.2f} s wall, {time.process_time() - c:.2f} s CPU")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}, database: {'PostgreSQL' if PG_URL else 'SQLite file'}, persons: {PERSONS}\n")
    try:
        field_costs()
        rotation_throughput()
    finally:
        connection.close()
        if PG_URL:
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}"')
        import shutil

        shutil.rmtree(TMP, ignore_errors=True)
