"""Benchmark: province-year dashboard (summary path) beside the same aggregates in raw SQL,
and the public open-data page (cold and cached), on the database configured by the
environment (SIMPUL_SQLITE_PATH or DATABASE_URL), e.g. after `simpul seed --cases 1000000`.

    SIMPUL_DEMO=1 SIMPUL_SQLITE_PATH=/tmp/bench1m.sqlite3 .venv/bin/python bench/stats_dashboard.py [--province 63] [--year 2025] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simpul.settings")
os.environ.setdefault("SIMPUL_DEMO", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


RAW_SQL = {
    "count": "SELECT COUNT(*) FROM cases_case WHERE province_code=%s AND reported_at BETWEEN %s AND %s",
    "victims_by_sex": "SELECT p.sex, COUNT(*) FROM cases_caseparty cp JOIN cases_case c ON c.id=cp.case_id JOIN people_person p ON p.id=cp.person_id "
    "WHERE c.province_code=%s AND c.reported_at BETWEEN %s AND %s AND cp.role='korban' GROUP BY p.sex",
    "victims_by_age": "SELECT cp.age_at_incident, COUNT(*) FROM cases_caseparty cp JOIN cases_case c ON c.id=cp.case_id "
    "WHERE c.province_code=%s AND c.reported_at BETWEEN %s AND %s AND cp.role='korban' GROUP BY cp.age_at_incident",
    "cases_by_form": "SELECT f.form, COUNT(DISTINCT f.case_id) FROM cases_incidentform f JOIN cases_case c ON c.id=f.case_id "
    "WHERE c.province_code=%s AND c.reported_at BETWEEN %s AND %s GROUP BY f.form",
    "cases_by_kabupaten": "SELECT kabupaten_code, COUNT(*) FROM cases_case WHERE province_code=%s AND reported_at BETWEEN %s AND %s GROUP BY kabupaten_code",
    "cases_by_month": "SELECT {month}, COUNT(*) FROM cases_case WHERE province_code=%s AND reported_at BETWEEN %s AND %s GROUP BY 1",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--province", default="63")
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    setup_test_environment()
    from simpul.access.roles import Role
    from simpul.accounts.models import Membership, Organisation, OrgType, User
    from simpul.cases.models import Case
    from simpul.stats import queries
    from simpul.stats.queries import Period, Scope

    org, _c = Organisation.objects.get_or_create(
        name=f"Bench Dinas {args.province} (sintetis)",
        defaults={"type": OrgType.DINAS_PPA, "region_id": args.province},
    )
    user, _c = User.objects.get_or_create(
        username="bench.analis", defaults={"first_name": "Bench", "last_name": "Analis"}
    )
    Membership.objects.get_or_create(user=user, organisation=org, role=Role.ANALIS)
    client = Client()
    client.force_login(user)
    period = Period.year(args.year)
    start, end = period.start.isoformat(), period.end.isoformat()
    n_total = Case.objects.count()
    n_scope = Case.objects.filter(
        province_code=args.province, reported_at__gte=period.start, reported_at__lte=period.end
    ).count()
    print(
        f"database: {connection.vendor}; cases: {n_total}; province {args.province} year {args.year}: {n_scope} cases"
    )

    month = (
        "strftime('%%Y-%%m', reported_at)"
        if connection.vendor == "sqlite"
        else "date_trunc('month', reported_at)"
    )

    def raw() -> None:
        with connection.cursor() as cur:
            for sql in RAW_SQL.values():
                cur.execute(sql.format(month=month), [args.province, start, end])
                cur.fetchall()

    scope = Scope(args.province)

    def summary() -> None:
        queries.summary_counts(scope, period)
        queries.summary_monthly_totals(scope, period)

    url = f"/statistik/?wilayah={args.province}&tahun={args.year}"

    def page() -> None:
        resp = client.get(url)
        assert resp.status_code == 200, resp.status_code

    page()  # warm
    print(f"raw SQL, six aggregates over the case tables: median {median_ms(raw, args.runs):.1f} ms")
    print(f"summary tables, all 18 breakdowns + months:  median {median_ms(summary, args.runs):.1f} ms")
    print(f"full dashboard page (server time, rendered):    median {median_ms(page, args.runs):.1f} ms")

    anon = Client()

    def public_cold() -> None:
        cache.clear()
        assert anon.get("/statistik/publik/").status_code == 200

    def public_cached() -> None:
        assert anon.get("/statistik/publik/").status_code == 200

    print(
        f"public open-data page, cold (cache cleared):    median {median_ms(public_cold, max(3, args.runs // 3)):.1f} ms"
    )
    public_cached()
    print(
        f"public open-data page, cached:                  median {median_ms(public_cached, args.runs):.1f} ms"
    )
    print(f"process RSS after load: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
