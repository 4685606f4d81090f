"""Deterministic synthetic cases shaped like the 2024 national Simfoni figures (DOMAIN.md §1),
written in bulk. Names are clearly synthetic ("... (sintetis)"); no NIK, phone or address.

    simpul seed --cases 1000000 --seed 1 [--region 63]

The rows are written directly (that is what makes a million cases take minutes), but every
derived value comes from the domain's own pure rules, never a copy of them: the derived flags,
the case numbers and the approvals a stage needs (``simpul.cases.rules``); the statistics facts
and summary cells (``simpul.stats.services``). ``simpul.synth.demo`` adds the demo's reports
with the intake response clocks (``simpul.intake.clocks``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from queue import Empty
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from simpul.accounts.models import Organisation, OrgType
from simpul.cases.models import CaseCounter
from simpul.regions.models import Level, Region
from simpul.stats.bulk import Inserter, fix_sequences
from simpul.stats.models import CaseFact, MonthlyCount, YearlyCount
from simpul.stats.public import invalidate
from simpul.stats.rules import BASIS_INCIDENT, BASIS_REPORT
from simpul.stats.services import KabCells, bump_version, stats_rebuild, write_cells
from simpul.synth.batch import COUNTED, INSERT_ORDER, TABLES, Context, generate_batch
from simpul.synth.distributions import Weighted


@dataclass(frozen=True)
class Quota:
    """Exactly ``count`` cases of a kabupaten reported between ``start`` and ``end`` (inclusive),
    all in victim group ``group`` (``stats.rules.victim_group``; None: drawn as usual)."""

    start: dt.date
    end: dt.date
    count: int
    group: str | None = None


def _kabupaten_weights(codes: list[str]) -> Weighted:
    """Deterministic uneven weights (cities and big kabupaten report more)."""
    pairs = []
    for code in codes:
        k = int(code.split(".")[1])
        w = 3.0 if k >= 71 else 1.0 + (k * 7919 % 13) / 6
        pairs.append((code, w))
    return Weighted(pairs)


def _ensure_orgs(kabs: list[str], names: dict[str, str]) -> tuple[dict[str, int], dict[str, int]]:
    """A UPTD PPA and a police unit per kabupaten (existing ones reused; synthetic ones created)."""
    uptd: dict[str, int] = {}
    police: dict[str, int] = {}
    for org_id, region, typ in (
        Organisation.objects.filter(region_id__in=kabs, type__in=[OrgType.UPTD_PPA, OrgType.POLISI])
        .values_list("pk", "region_id", "type")
        .order_by("pk")
    ):
        (uptd if typ == OrgType.UPTD_PPA else police).setdefault(region, org_id)
    new = []
    for code in kabs:
        if code not in uptd:
            new.append(
                Organisation(
                    name=f"UPTD PPA {names.get(code, code)} (sintetis)",
                    short_name=f"UPTD {code}",
                    type=OrgType.UPTD_PPA,
                    region_id=code,
                )
            )
        if code not in police:
            new.append(
                Organisation(
                    name=f"Unit PPA Polres {names.get(code, code)} (sintetis)",
                    short_name=f"Polres {code}",
                    type=OrgType.POLISI,
                    region_id=code,
                )
            )
    for org in Organisation.objects.bulk_create(new, batch_size=1000):
        (uptd if org.type == OrgType.UPTD_PPA else police)[str(org.region_id)] = org.pk
    if new and not all(o.pk for o in new):  # pragma: no cover - backends without RETURNING
        return _ensure_orgs(kabs, names)
    return uptd, police


def generate(
    cases: int,
    seed: int = 1,
    region: str | None = None,
    *,
    start_year: int = 2023,
    today: dt.date | None = None,
    org_for: Callable[[str], int | None] | None = None,
    kab_weights: Sequence[tuple[str, float]] | None = None,
    assign_user_ids: dict[int, list[int]] | None = None,
    batch: int = 5000,
    progress: Callable[[str], Any] | None = None,
    rebuild: bool = False,
    parallel: bool | None = None,
    quotas: dict[str, list[Quota]] | None = None,
) -> dict[str, Any]:
    """Write ``cases`` synthetic cases. Deterministic for a given seed, region and ``today``.

    Kabupaten by kabupaten, one transaction each: the cases, their statistics facts and the
    kabupaten's monthly summary cells (computed with the counting rules from the very values
    written, added to the cells already there). ``rebuild`` recomputes every summary from the
    case tables afterwards instead (slow at national scale; for a database whose summaries are
    not trusted). ``quotas``: kabupaten whose cases are fixed (each ``Quota``: so many cases in a
    window, of one victim group); they take no part in the weighted draw of the other ``cases``
    (``cases`` counts the quota cases too). ``parallel``: generate in a forked child process while this one writes (the
    default from 20,000 cases on); the data are the same either way."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, must be reproducible
    today = today or timezone.localdate()
    regions = Region.objects.filter(level=Level.KABUPATEN)
    if region:
        codes = [c.strip() for c in region.split(",") if c.strip()]
        q = Region.objects.none()
        for code in codes:
            q = q | regions.filter(code=code) | regions.filter(code__startswith=code + ".")
        regions = q
    kab_names = dict(regions.values_list("code", "name"))
    kabs = sorted(kab_names)
    if not kabs:
        raise ValueError("no kabupaten/kota regions: run `simpul regions load` first")
    kecs: dict[str, list[str]] = defaultdict(list)
    for code in (
        Region.objects.filter(level=Level.KECAMATAN, parent_id__in=kabs)
        .values_list("code", flat=True)
        .order_by("code")
    ):
        kecs[code.rsplit(".", 1)[0]].append(code)
    weights = Weighted(list(kab_weights)) if kab_weights else _kabupaten_weights(kabs)
    uptd, police = _ensure_orgs(kabs, kab_names)
    # The numbering organisation's region code starts the case number (org_for may pick any).
    org_region: dict[int, str | None] = dict(Organisation.objects.values_list("pk", "region_id"))
    # Continue numbering after what exists (gapless per organisation and year).
    counters: dict[tuple[int, int], int] = {
        (o, y): last
        for o, y, last in CaseCounter.objects.filter(organisation_id__in=list(uptd.values())).values_list(
            "organisation_id", "year", "last"
        )
    }
    years = list(range(start_year, today.year + 1))
    span_days = [(dt.date(y, 1, 1), (min(dt.date(y, 12, 31), today) - dt.date(y, 1, 1)).days) for y in years]
    year_w = Weighted([(i, (1 + 0.1 * i) * (sd + 1)) for i, (_s, sd) in enumerate(span_days)])
    # How many cases each kabupaten/kota gets: one weighted draw per case, up front.
    slots: dict[str, list[tuple[dt.date, int, str | None]]] = {}
    for kab, qs in sorted((quotas or {}).items()):
        kab_slots = [(q.start, (q.end - q.start).days, q.group) for q in qs for _i in range(q.count)]
        rnd.shuffle(kab_slots)
        slots[kab] = kab_slots
    free = [(k, w) for k, w in weights.pairs if k not in slots]
    drawn = max(0, cases - sum(map(len, slots.values()))) if free else 0
    if slots and free:
        weights = Weighted(free)
    per_kab: Counter[str] = Counter(weights.pick(rnd) for _i in range(drawn))
    for kab, kab_slots in slots.items():
        per_kab[kab] = len(kab_slots)
    started = time.monotonic()
    written = reported = 0
    stats: dict[str, int] = defaultdict(int)
    ins = {name: Inserter(model) for name, model in TABLES.items()}
    fact_ins, count_ins, year_ins = Inserter(CaseFact), Inserter(MonthlyCount), Inserter(YearlyCount)
    _big_cache()
    ctx = Context(rnd, today, kecs, uptd, police, org_region, org_for, counters, span_days, year_w, assign_user_ids, slots)
    plan = [(kab, per_kab[kab]) for kab in sorted(per_kab)]
    if parallel is None:
        parallel = cases >= 20000 and "fork" in mp.get_all_start_methods()
    messages = _produce_in_child(ctx, plan, batch, ins, fact_ins) if parallel else _produce(ctx, plan, batch, ins, fact_ins)
    for kab, n_kab in plan:
        with transaction.atomic():
            while True:
                kind, payload, facts = next(messages)
                if kind == "cells":
                    if not rebuild:
                        stats["summary_rows"] += _merge_cells(count_ins, year_ins, kab, payload)
                    break
                for name in INSERT_ORDER:
                    ins[name].insert(payload[name])
                fact_ins.insert(facts)
                for name, key in COUNTED.items():
                    stats[key] += len(payload[name])
        written += n_kab
        if progress and (written - reported >= batch or written == cases):
            reported = written
            rate = written / max(0.001, time.monotonic() - started)
            progress(f"{written}/{cases} kasus ({rate:.0f} kasus/detik)")
    kind, final_counters, _none = next(messages)
    assert kind == "counters"  # noqa: S101 - protocol of _produce
    counters.update(final_counters)
    fix_sequences(*TABLES.values(), CaseFact, MonthlyCount, YearlyCount)
    _analyze(*TABLES.values(), CaseFact, MonthlyCount, YearlyCount)
    with transaction.atomic():
        existing = {
            (o, y): pk
            for pk, o, y in CaseCounter.objects.filter(
                organisation_id__in={o for o, _y in counters}
            ).values_list("pk", "organisation_id", "year")
        }
        CaseCounter.objects.bulk_create(
            [
                CaseCounter(organisation_id=o, year=y, last=last)
                for (o, y), last in counters.items()
                if (o, y) not in existing
            ]
        )
        for (o, y), last in counters.items():
            if (o, y) in existing:
                CaseCounter.objects.filter(pk=existing[(o, y)]).update(last=last)
    bump_version()
    invalidate()
    seconds = time.monotonic() - started
    result: dict[str, Any] = {"cases": written, "seconds": round(seconds, 1), **stats}
    if rebuild:
        t0 = time.monotonic()
        stats_rebuild(progress=progress)
        result["rebuild_seconds"] = round(time.monotonic() - t0, 1)
    return result


def _analyze(*models: type[Any]) -> None:
    """PostgreSQL: fresh planner statistics after a bulk load (autovacuum would get there later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for m in models:
                cur.execute(f'ANALYZE "{m._meta.db_table}"')


def _big_cache() -> None:
    """SQLite: a page cache large enough for the indexes of a national-scale seed (this connection
    only; the unique random ``uid`` indexes otherwise make every insert read pages from disk)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size=-1048576")  # 1 GiB, in KiB


def _merge_cells(
    count_ins: Inserter, year_ins: Inserter, kab: str, cells: KabCells
) -> int:
    """Add the new cases' cells to the kabupaten's monthly counts (rows already there included)."""
    if not cells:
        return 0
    province = kab.split(".")[0]
    existing = MonthlyCount.objects.filter(basis__in=[BASIS_REPORT, BASIS_INCIDENT], kabupaten_code=kab)
    for basis, month, unit, dim, value, n in existing.values_list(
        "basis", "month", "unit", "dimension", "value", "count"
    ):
        cells[(basis, month)][(unit, dim, value)] += n
    existing.delete()
    YearlyCount.objects.filter(kabupaten_code=kab).delete()
    return write_cells(count_ins, year_ins, province, kab, cells)


Message = tuple[str, Any, Any]


def _produce(
    ctx: Context, plan: list[tuple[str, int]], batch: int, ins: dict[str, Inserter], fact_ins: Inserter
) -> Iterator[Message]:
    """Everything to write, kabupaten by kabupaten, without touching the database:
    ("rows", rows per table, fact rows) per batch, then ("cells", summary cells, None) per
    kabupaten, and finally ("counters", the case-number counters, None)."""
    for kab, n_kab in plan:
        cells: KabCells = defaultdict(Counter)
        remaining = n_kab
        while remaining:
            n = min(batch, remaining)
            rows, facts = generate_batch(ctx, kab, n, ins, fact_ins, cells)
            yield "rows", rows, facts
            remaining -= n
        yield "cells", cells, None
    yield "counters", ctx.counters, None


def _produce_in_child(
    ctx: Context, plan: list[tuple[str, int]], batch: int, ins: dict[str, Inserter], fact_ins: Inserter
) -> Iterator[Message]:
    """``_produce`` in a forked process (it holds the random stream, ids and counters; this
    process only writes), a few batches ahead. The child never touches the database."""
    fork = mp.get_context("fork")
    queue: Any = fork.Queue(maxsize=4)

    def child() -> None:
        try:
            for message in _produce(ctx, plan, batch, ins, fact_ins):
                queue.put(message)
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            queue.put(("error", traceback.format_exc(), None))

    proc = fork.Process(target=child, daemon=True)
    proc.start()
    try:
        while True:
            try:
                message = queue.get(timeout=5)
            except Empty:
                if not proc.is_alive():
                    raise RuntimeError("seed: the generating process stopped") from None
                continue
            if message[0] == "error":
                raise RuntimeError("seed: the generating process failed:\n" + message[1])
            yield message
            if message[0] == "counters":
                return
    finally:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.terminate()
