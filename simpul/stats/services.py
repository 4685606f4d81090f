"""Keeping the summary tables exactly equal to the case tables.

* ``stats_refresh_case(case_id)``: after any change to a case (the cases services may call
  it; the signals in ``simpul.stats.signals`` queue it on commit anyway), the case's fact row
  is rewritten and every (kabupaten, month, basis) cell the case was or is in is recomputed
  from the case tables with the counting rules.
* ``stats_rebuild()``: recompute everything (``simpul stats rebuild``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from simpul.cases.models import Case
from simpul.stats import rules
from simpul.stats.bulk import Inserter, fix_sequences
from simpul.stats.models import CaseFact, DataVersion, MonthlyCount, YearlyCount
from simpul.stats.queries import load_inputs
from simpul.stats.rules import BASIS_INCIDENT, BASIS_REPORT, CaseInput, Cell

CellKey = tuple[str, str, dt.date | None]  # (basis, kabupaten_code, month)


def data_version() -> int:
    row = DataVersion.objects.values_list("version", flat=True).first()
    return int(row or 0)


def bump_version(rebuilt: bool = False) -> None:
    updated = DataVersion.objects.update(
        version=F("version") + 1, **({"rebuilt_at": timezone.now()} if rebuilt else {})
    )
    if not updated:
        DataVersion.objects.create(version=1, rebuilt_at=timezone.now() if rebuilt else None)


def _fact_fields(c: CaseInput, organisation_id: int | None) -> dict[str, Any]:
    """Where and when one case counts: the columns of its ``CaseFact``."""
    return {
        "case_id": c.case_id,
        "province_code": c.province_code,
        "kabupaten_code": c.kabupaten_code,
        "region_code": c.region_code,
        "organisation_id": organisation_id,
        "reported_at": c.reported_at,
        "incident_date": c.incident_date,
        "status": c.status,
        "stage": c.stage,
    }


def _cells_of_fact(
    province: str, kab: str, reported_at: dt.date, incident_date: dt.date | None
) -> set[tuple[str, str, str, dt.date | None]]:
    return {
        (BASIS_REPORT, province, kab, reported_at.replace(day=1)),
        (BASIS_INCIDENT, province, kab, incident_date.replace(day=1) if incident_date else None),
    }


def fact_row(ins: Inserter, c: CaseInput, organisation_id: int | None) -> tuple[Any, ...]:
    """The ``CaseFact`` row of one case, as bulk parameters."""
    return ins.row(**_fact_fields(c, organisation_id))


KabCells = dict[tuple[str, dt.date | None], Counter[Cell]]  # one kabupaten: (basis, month) -> counts
P = TypeVar("P")


def add_case(cells: KabCells, c: CaseInput) -> None:
    """Add one case's contributions to its report month and its first-incident month."""
    contrib = rules.case_contributions(c)
    cells[(BASIS_REPORT, c.reported_at.replace(day=1))].update(contrib)
    cells[(BASIS_INCIDENT, rules.month_start(c.incident_date))].update(contrib)


def _count_rows(
    ins: Inserter, province: str, kab: str, cells: Mapping[tuple[str, P], Counter[Cell]], period_field: str
) -> list[tuple[Any, ...]]:
    return [
        ins.row(
            basis=basis,
            province_code=province,
            kabupaten_code=kab,
            unit=u,
            dimension=d,
            value=v,
            count=n,
            **{period_field: period},
        )
        for (basis, period), total in cells.items()
        for (u, d, v), n in total.items()
        if n
    ]


def write_cells(count_ins: Inserter, year_ins: Inserter, province: str, kab: str, cells: KabCells) -> int:
    """Insert all of one kabupaten's monthly cells and the years they sum to (its old rows must be
    gone); returns the number of monthly rows."""
    years: dict[tuple[str, int | None], Counter[Cell]] = defaultdict(Counter)
    for (basis, month), total in cells.items():
        years[(basis, month.year if month else None)].update(total)
    year_ins.insert(_count_rows(year_ins, province, kab, years, "year"))
    return count_ins.insert(_count_rows(count_ins, province, kab, cells, "month"))


def _recompute_year(basis: str, province: str, kab: str, year: int | None) -> None:
    """Rewrite one kabupaten-year of ``YearlyCount`` from its monthly rows."""
    months = MonthlyCount.objects.filter(basis=basis, kabupaten_code=kab)
    if year is None:
        months = months.filter(month__isnull=True)
    else:
        months = months.filter(month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, 12, 1))
    sums = months.values_list("unit", "dimension", "value").annotate(n=Sum("count")).order_by()
    YearlyCount.objects.filter(basis=basis, kabupaten_code=kab, year=year).delete()
    YearlyCount.objects.bulk_create(
        [
            YearlyCount(
                basis=basis, province_code=province, kabupaten_code=kab, year=year, unit=u, dimension=d, value=v, count=n
            )
            for u, d, v, n in sums
            if n
        ]
    )


def _month_range(month: dt.date) -> tuple[dt.date, dt.date]:
    nxt = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return month, nxt - dt.timedelta(days=1)


def _recompute_cell(basis: str, province: str, kab: str, month: dt.date | None) -> None:
    facts = CaseFact.objects.filter(kabupaten_code=kab)
    field = "reported_at" if basis == BASIS_REPORT else "incident_date"
    if month is None:
        facts = facts.filter(**{field + "__isnull": True})
    else:
        start, end = _month_range(month)
        facts = facts.filter(**{field + "__gte": start, field + "__lte": end})
    total = Counter[Cell]()
    for c in load_inputs(Case.objects.filter(pk__in=facts.values("case_id"))):
        total.update(rules.case_contributions(c))
    MonthlyCount.objects.filter(basis=basis, kabupaten_code=kab, month=month).delete()
    MonthlyCount.objects.bulk_create(
        [
            MonthlyCount(
                basis=basis,
                province_code=province,
                kabupaten_code=kab,
                month=month,
                unit=u,
                dimension=d,
                value=v,
                count=n,
            )
            for (u, d, v), n in total.items()
            if n
        ]
    )


def _lock_kabupaten(case_ids: list[int]) -> None:
    """Serialise refreshes that touch the same kabupaten: each recomputes whole (kabupaten, month)
    cells from the facts, so two concurrent refreshes of one cell would otherwise lose a case or
    collide on a fact row. Locks the kabupaten's region rows in code order (no deadlock); a no-op
    on SQLite, whose IMMEDIATE transactions already serialise writers."""
    from simpul.regions.models import Region

    kabs = set(CaseFact.objects.filter(case_id__in=case_ids).values_list("kabupaten_code", flat=True))
    kabs |= set(Case.objects.filter(pk__in=case_ids).values_list("kabupaten_code", flat=True))
    kabs.discard("")
    if kabs:
        list(Region.objects.select_for_update().filter(code__in=sorted(kabs)).order_by("code").values_list("code", flat=True))


@transaction.atomic
def stats_refresh_cases(case_ids: Iterable[int]) -> None:
    """Bring the facts and every affected monthly cell of these cases up to date."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    _lock_kabupaten(ids)
    cells: set[tuple[str, str, str, dt.date | None]] = set()
    for prov, kab, rep, inc in CaseFact.objects.filter(case_id__in=ids).values_list(
        "province_code", "kabupaten_code", "reported_at", "incident_date"
    ):
        cells |= _cells_of_fact(prov, kab, rep, inc)
    inputs = load_inputs(Case.objects.filter(pk__in=ids))
    orgs = dict(Case.objects.filter(pk__in=ids).values_list("pk", "organisation_id"))
    CaseFact.objects.filter(case_id__in=ids).delete()
    CaseFact.objects.bulk_create([CaseFact(**_fact_fields(c, orgs.get(c.case_id))) for c in inputs])
    for c in inputs:
        cells |= _cells_of_fact(c.province_code, c.kabupaten_code, c.reported_at, c.incident_date)
    for basis, prov, kab, month in sorted(cells, key=lambda x: (x[0], x[2], x[3] or dt.date.min)):
        _recompute_cell(basis, prov, kab, month)
    years = {(basis, prov, kab, month.year if month else None) for basis, prov, kab, month in cells}
    for basis, prov, kab, year in sorted(years, key=lambda x: (x[0], x[2], x[3] or 0)):
        _recompute_year(basis, prov, kab, year)
    bump_version()


def stats_refresh_case(case_id: int) -> None:
    """Public entry point for the cases services (safe to call several times)."""
    stats_refresh_cases([case_id])


def stats_rebuild(*, progress: Callable[[str], Any] | None = None, batch: int = 20000) -> dict[str, int]:
    """Recompute every fact and monthly count from the case tables, kabupaten by kabupaten."""
    kabs = list(Case.objects.values_list("kabupaten_code", flat=True).distinct().order_by("kabupaten_code"))
    n_cases = n_rows = 0
    with transaction.atomic():
        CaseFact.objects.all().delete()
        MonthlyCount.objects.all().delete()
        YearlyCount.objects.all().delete()
        fact_ins, count_ins, year_ins = Inserter(CaseFact), Inserter(MonthlyCount), Inserter(YearlyCount)
        for i, kab in enumerate(kabs):
            ids = list(
                Case.objects.filter(kabupaten_code=kab).values_list("pk", "organisation_id").order_by("pk")
            )
            cells: KabCells = defaultdict(Counter)
            province = ""
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                orgs = dict(chunk)
                inputs = load_inputs(Case.objects.filter(pk__in=[c[0] for c in chunk]))
                facts = []
                for c in inputs:
                    province = c.province_code
                    add_case(cells, c)
                    facts.append(fact_row(fact_ins, c, orgs.get(c.case_id)))
                fact_ins.insert(facts)
                n_cases += len(inputs)
            n_rows += write_cells(count_ins, year_ins, province, kab, cells)
            if progress and (i % 20 == 0 or i == len(kabs) - 1):
                progress(f"{i + 1}/{len(kabs)} kabupaten/kota, {n_cases} kasus, {n_rows} baris ringkasan")
        fix_sequences(CaseFact, MonthlyCount, YearlyCount)
        bump_version(rebuilt=True)
    from simpul.stats.public import invalidate

    invalidate()
    return {"cases": n_cases, "rows": n_rows}


# --- Deferred refresh (signals queue case ids; one refresh per transaction) --------------------

_pending = threading.local()


def queue_refresh(case_id: int | None) -> None:
    if not case_id:
        return
    ids: set[int] | None = getattr(_pending, "ids", None)
    if ids is None:
        ids = set()
        _pending.ids = ids
    ids.add(int(case_id))
    # One callback per call: after a rollback the ids stay queued and the next commit flushes them.
    transaction.on_commit(_flush)


def _flush() -> None:
    ids: set[int] = getattr(_pending, "ids", None) or set()
    _pending.ids = None
    if ids:
        stats_refresh_cases(ids)


def summaries_match_raw(scope_code: str | None = None) -> bool:
    """Self-check used by tests and `simpul stats check`: summary == raw for every year."""
    from simpul.stats.queries import Period, Scope, raw_counts, summary_counts

    scope = Scope(scope_code)
    years = {d.year for d in Case.objects.values_list("reported_at", flat=True)}
    for y in years:
        for basis in (BASIS_REPORT, BASIS_INCIDENT):
            # A whole year reads YearlyCount; January to June reads MonthlyCount.
            for period in (Period.year(y), Period(dt.date(y, 1, 1), dt.date(y, 6, 30), "custom")):
                if raw_counts(scope, period, basis) != summary_counts(scope, period, basis):
                    return False
    return True
