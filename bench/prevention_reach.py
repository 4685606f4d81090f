"""Benchmark: reach statistics (people reached with six breakdowns) and RAD progress over many activities.

    .venv/bin/python bench/prevention_reach.py                     # SQLite file DB in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/prevention_reach.py
        # PostgreSQL: creates and drops its own scratch database "simpul_bench_prevention"
    BENCH_ACTIVITIES=2000 .venv/bin/python bench/prevention_reach.py   # default 10000 activities

Each activity has 8 participant-count cells (group x sex x age). Prints the median time of
`selectors.reach()` for a province analyst (all activities) and of `coordination.selectors.progress()`
for a plan with three computed indicators over six years.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="simpul-bench-prevention-"))
N = int(os.environ.get("BENCH_ACTIVITIES", "10000"))
PG_URL = os.environ.get("DATABASE_URL", "")
PG_DB = "simpul_bench_prevention"

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


def median_ms(fn, n: int = 5) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def main() -> None:
    call_command("migrate", verbosity=0)
    from simpul.accounts.demo import create_demo_data, org
    from simpul.accounts.models import User
    from simpul.coordination import selectors as coord_selectors
    from simpul.coordination.demo import seed_demo as coord_seed
    from simpul.prevention import selectors
    from simpul.prevention.models import Activity, ParticipantCount, StakeholderGroup
    from simpul.prevention.reference import ensure_stakeholder_groups

    create_demo_data(password="bench-Simpul-2026!", totp_key=b"0" * 20)  # noqa: S106 - synthetic bench data
    ensure_stakeholder_groups()
    groups = list(StakeholderGroup.objects.all())
    orgs = [org("dinas.hss"), org("dinas.kalsel")]
    regions = ["63.06.05", "63.06.01", None]
    rnd = random.Random(7)
    t = time.perf_counter()
    with transaction.atomic():
        acts = Activity.objects.bulk_create([
            Activity(organisation=orgs[i % 2], title=f"Kegiatan {i}", type="sosialisasi", main_topic="ktpa",
                     start_date=dt.date(2021 + i % 6, 1 + i % 12, 1), end_date=dt.date(2021 + i % 6, 1 + i % 12, 1),
                     region_id=regions[i % 3])
            for i in range(N)
        ], batch_size=1000)
        rows = []
        for a in acts:
            for g in rnd.sample(groups, 4):
                for sex in ("P", "L"):
                    rows.append(ParticipantCount(activity=a, group=g, sex=sex, age_group="dewasa", count=rnd.randint(1, 40)))
        ParticipantCount.objects.bulk_create(rows, batch_size=5000)
    print(f"database: {connection.vendor}; seeded {N} activities, {len(rows)} count cells in {time.perf_counter() - t:.1f} s")
    analyst = User.objects.get(username="analis.kalsel")
    total = selectors.reach(actor=analyst).total
    print(f"{'reach(), all activities (6 breakdowns)':<52}{median_ms(lambda: selectors.reach(actor=analyst)):>9.1f} ms  total={total}")
    print(f"{'reach(), one year':<52}{median_ms(lambda: selectors.reach(actor=analyst, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))):>9.1f} ms")
    plan = coord_seed()["plan"]
    print(f"{'RAD progress (5 indicators x 6 years)':<52}{median_ms(lambda: coord_selectors.progress(plan=plan, today=dt.date(2026, 6, 1))):>9.1f} ms")


if __name__ == "__main__":
    try:
        main()
    finally:
        if PG_URL:
            connection.close()
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}"')
