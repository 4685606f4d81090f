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
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from queue import Empty
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from simpul.accounts.models import Organisation, OrgType
from simpul.cases import rules as case_rules
from simpul.cases.models import (
    STAGE_ORDER,
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Case,
    CaseAssignment,
    CaseCounter,
    CaseNote,
    CaseParty,
    ConsentBasis,
    Incident,
    IncidentForm,
    Referral,
    ReferralStatus,
    Relationship,
    ServiceDelivery,
    ServiceOutcome,
)
from simpul.people.models import Person
from simpul.regions.models import Level, Region
from simpul.stats import rules
from simpul.stats.bulk import Inserter, fix_sequences, seal
from simpul.stats.models import CaseFact, MonthlyCount, YearlyCount
from simpul.stats.public import invalidate
from simpul.stats.rules import BASIS_INCIDENT, BASIS_REPORT
from simpul.stats.services import KabCells, add_case, bump_version, fact_row, stats_rebuild, write_cells
from simpul.synth.distributions import (
    AGE_GROUPS,
    CHANNELS,
    DISABILITIES,
    EDU_ADULT,
    EDU_CHILD,
    FORMS,
    MARITAL,
    OCC_ADULT,
    PLACES,
    REFERRAL_STATES,
    RELATIONS,
    RISKS,
    SERVICES,
    STAGES_OPEN,
    Weighted,
    synthetic_name,
)

# Synthetic relations that live in one household (the "same_household" the flag rules read).
HOUSEHOLD_RELATIONS = frozenset({"orang_tua", "suami_istri", "keluarga"})


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
) -> dict[str, Any]:
    """Write ``cases`` synthetic cases. Deterministic for a given seed, region and ``today``.

    Kabupaten by kabupaten, one transaction each: the cases, their statistics facts and the
    kabupaten's monthly summary cells (computed with the counting rules from the very values
    written, added to the cells already there). ``rebuild`` recomputes every summary from the
    case tables afterwards instead (slow at national scale; for a database whose summaries are
    not trusted). ``parallel``: generate in a forked child process while this one writes (the
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
    per_kab: Counter[str] = Counter(weights.pick(rnd) for _i in range(cases))
    started = time.monotonic()
    written = reported = 0
    stats: dict[str, int] = defaultdict(int)
    ins = {name: Inserter(model) for name, model in TABLES.items()}
    fact_ins, count_ins, year_ins = Inserter(CaseFact), Inserter(MonthlyCount), Inserter(YearlyCount)
    _big_cache()
    ctx = _Context(rnd, today, kecs, uptd, police, org_region, org_for, counters, span_days, year_w, assign_user_ids)
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


@dataclass
class _Context:
    rnd: random.Random
    today: dt.date
    kecs: dict[str, list[str]]
    uptd: dict[str, int]
    police: dict[str, int]
    org_region: dict[int, str | None]
    org_for: Callable[[str], int | None] | None
    counters: dict[tuple[int, int], int]
    span_days: list[tuple[dt.date, int]]
    year_w: Weighted
    assign_user_ids: dict[int, list[int]] | None


Message = tuple[str, Any, Any]


def _produce(
    ctx: _Context, plan: list[tuple[str, int]], batch: int, ins: dict[str, Inserter], fact_ins: Inserter
) -> Iterator[Message]:
    """Everything to write, kabupaten by kabupaten, without touching the database:
    ("rows", rows per table, fact rows) per batch, then ("cells", summary cells, None) per
    kabupaten, and finally ("counters", the case-number counters, None)."""
    for kab, n_kab in plan:
        cells: KabCells = defaultdict(Counter)
        remaining = n_kab
        while remaining:
            n = min(batch, remaining)
            rows, facts = _generate_batch(ctx, kab, n, ins, fact_ins, cells)
            yield "rows", rows, facts
            remaining -= n
        yield "cells", cells, None
    yield "counters", ctx.counters, None


def _produce_in_child(
    ctx: _Context, plan: list[tuple[str, int]], batch: int, ins: dict[str, Inserter], fact_ins: Inserter
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


def _generate_batch(
    ctx: _Context,
    kab: str,
    n: int,
    ins: dict[str, Inserter],
    fact_ins: Inserter,
    cells: KabCells,
) -> tuple[dict[str, list[tuple[Any, ...]]], list[tuple[Any, ...]]]:
    rnd, today = ctx.rnd, ctx.today
    now = timezone.now()
    tz = timezone.get_current_timezone()
    approvals_of = {stage: case_rules.approvals_passed(stage) for stage in STAGE_ORDER}
    province = kab.split(".")[0]
    kecs = ctx.kecs.get(kab)
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    facts: list[tuple[Any, ...]] = []
    for _i in range(n):
        region = rnd.choice(kecs) if kecs and rnd.random() < 0.85 else kab
        org_id = (ctx.org_for(kab) if ctx.org_for else None) or ctx.uptd[kab]
        y_start, y_days = ctx.span_days[ctx.year_w.pick(rnd)]
        reported = y_start + dt.timedelta(days=rnd.randint(0, y_days))
        key = (org_id, reported.year)
        ctx.counters[key] = ctx.counters.get(key, 0) + 1
        seq = ctx.counters[key]
        age_days = (today - reported).days
        closed = rnd.random() < min(0.9, age_days / 400)
        stage = (
            "terminasi"
            if closed
            else STAGES_OPEN[min(len(STAGES_OPEN) - 1, int(rnd.random() * min(5, 1 + age_days / 30)))]
        )
        n_vict = 1 if rnd.random() < 0.86 else (2 if rnd.random() < 0.85 else 3)
        victims = []
        for _v in range(n_vict):
            grp = AGE_GROUPS.pick(rnd)
            age = None if grp is None else rnd.randint(*grp)
            sex = "P" if rnd.random() < (0.8 if age is None or age >= 18 else 0.72) else "L"
            victims.append((age, sex))
        forms = {FORMS.pick(rnd)}
        if rnd.random() < 0.3:
            forms.add(FORMS.pick(rnd))
        child = any(a is not None and a < 18 for a, _s in victims)
        jenis = (
            "tppo"
            if "trafficking" in forms
            else ("ampk" if child else ("ktp" if any(s == "P" for _a, s in victims) else "lainnya"))
        )
        if child and rnd.random() < 0.03:
            jenis = "perkawinan_anak"
        incident = (
            max(dt.date(2000, 1, 1), reported - dt.timedelta(days=int(rnd.expovariate(1 / 20))))
            if rnd.random() > 0.05
            else None
        )
        risk, channel = RISKS.pick(rnd), CHANNELS.pick(rnd)
        status = "closed" if closed else "open"
        case_id = ins["case"].new_id()
        # What the statistics count of this case (the same CaseInput load_inputs() would read back).
        fact = rules.CaseInput(case_id, province, kab, region, reported, jenis, stage, status, channel, risk)
        inc_year = (incident or reported).year
        victim_ids = []
        for age, sex in victims:
            is_child = age is not None and age < 18
            pid, uid = ins["person"].new_id(), uuid.uuid4()
            disabilities = [DISABILITIES.pick(rnd)] if rnd.random() < 0.04 else []
            education = (EDU_CHILD if is_child else EDU_ADULT).pick(rnd)
            occupation = "pelajar" if is_child and age and age >= 6 else ("na" if is_child else OCC_ADULT.pick(rnd))
            marital = "belum_kawin" if is_child else rnd.choice(MARITAL)
            rows["person"].append(
                ins["person"].row(
                    id=pid,
                    uid=uid,
                    full_name=seal(Person, "full_name", uid, synthetic_name(rnd, sex)),
                    sex=sex,
                    birth_year=inc_year - age if age is not None else None,
                    disabilities=disabilities,
                    education=education,
                    occupation=occupation,
                    marital_status=marital,
                    organisation_id=org_id,
                    address_region_id=region,
                )
            )
            fact.victims.append(rules.Victim(age, sex, disabilities, education, occupation, marital))
            party_id = ins["party"].new_id()
            victim_ids.append((party_id, is_child))
            rows["party"].append(
                ins["party"].row(
                    id=party_id,
                    case_id=case_id,
                    person_id=pid,
                    role="korban",
                    age_at_incident=age,
                    is_child=is_child,
                )
            )
        perp_ids = []
        for _p in range(0 if rnd.random() < 0.04 else (1 if rnd.random() < 0.85 else 2)):
            sex = "L" if rnd.random() < 0.885 else "P"
            pid, uid = ins["person"].new_id(), uuid.uuid4()
            rows["person"].append(
                ins["person"].row(
                    id=pid,
                    uid=uid,
                    full_name=seal(Person, "full_name", uid, synthetic_name(rnd, sex)),
                    sex=sex,
                    organisation_id=org_id,
                )
            )
            party_id = ins["party"].new_id()
            perp_ids.append((party_id, sex))
            rows["party"].append(ins["party"].row(id=party_id, case_id=case_id, person_id=pid, role="pelaku"))
        inc_id = ins["incident"].new_id()
        place = PLACES.pick(rnd)
        rows["incident"].append(
            ins["incident"].row(
                id=inc_id,
                case_id=case_id,
                date=incident,
                date_precision="day" if incident else "unknown",
                place=place,
                region_id=region,
            )
        )
        fact.places.add(place)
        if incident:
            fact.incident_dates.append(incident)
        for f in sorted(forms):
            rows["form"].append(ins["form"].row(incident_id=inc_id, case_id=case_id, form=f))
        fact.forms |= forms
        relations: list[tuple[str, str, bool, bool]] = []
        for p, perp_sex in perp_ids:
            relation = RELATIONS.pick(rnd)
            household = relation in HOUSEHOLD_RELATIONS
            perp = rules.Perpetrator(perp_sex)
            for v, v_child in victim_ids:
                rows["rel"].append(
                    ins["rel"].row(
                        incident_id=inc_id,
                        victim_id=v,
                        perpetrator_id=p,
                        relation=relation,
                        same_household=household,
                    )
                )
                relations.append((relation, "", household, v_child))
                perp.relations.add(relation)
            fact.perpetrators.append(perp)
        flags = case_rules.compute_flags(
            jenis_kasus=jenis, victims=[(a, a is not None and a < 18) for a, _s in victims], forms=forms, relations=relations
        )
        closed_at = now if closed else None
        rows["case"].append(
            ins["case"].row(
                id=case_id,
                number=case_rules.case_number(ctx.org_region.get(org_id), reported.year, seq),
                year=reported.year,
                seq=seq,
                organisation_id=org_id,
                region_id=region,
                kabupaten_code=kab,
                province_code=province,
                jenis_kasus=jenis,
                risk=risk,
                channel=channel,
                stage=stage,
                status=status,
                reported_at=reported,
                closed_at=closed_at,
                **flags,
            )
        )
        # The approvals the workflow gave on the way to this stage, decided in order.
        passed = approvals_of[stage]
        decided = dt.datetime.combine(reported, dt.time(10), tzinfo=tz) if passed else now
        for kind in passed:
            decided = min(now, decided + dt.timedelta(days=rnd.randint(3, 45)))
            if closed_at is not None and kind == ApprovalKind.TERMINATION:
                decided = closed_at
            rows["approval"].append(
                ins["approval"].row(
                    case_id=case_id,
                    kind=kind,
                    status=ApprovalStatus.APPROVED,
                    requested_at=decided - dt.timedelta(days=1),
                    decided_at=decided,
                )
            )
        for st in sorted({SERVICES.pick(rnd) for _s in range(rnd.choice([0, 1, 1, 2, 2, 3]))}):
            start = min(today, reported + dt.timedelta(days=rnd.randint(0, 20)))
            rows["service"].append(
                ins["service"].row(
                    case_id=case_id,
                    service_type=st,
                    start_date=start,
                    end_date=start + dt.timedelta(days=rnd.randint(0, 30)) if closed else None,
                    outcome=ServiceOutcome.SELESAI if closed else ServiceOutcome.BERJALAN,
                )
            )
            fact.services.append(st)
        if rnd.random() < 0.08:
            ref_status = rnd.choice(REFERRAL_STATES)
            sent = timezone.make_aware(
                dt.datetime.combine(min(today, reported + dt.timedelta(days=rnd.randint(0, 10))), dt.time(9))
            )
            responded = (
                sent + dt.timedelta(hours=rnd.randint(2, 24 * 6))
                if ref_status not in (ReferralStatus.SENT, ReferralStatus.CANCELLED)
                else None
            )
            if responded and responded > now:
                responded = now
            rows["referral"].append(
                ins["referral"].row(
                    case_id=case_id,
                    province_code=province,
                    kabupaten_code=kab,
                    from_org_id=org_id,
                    to_org_id=ctx.police[kab],
                    service_type="penegakan_hukum",
                    consent_basis=ConsentBasis.CONSENT,
                    shared_sets=["kronologi"],
                    status=ref_status,
                    due_date=sent.date() + dt.timedelta(days=3),
                    sent_at=sent,
                    responded_at=responded,
                    completed_at=responded + dt.timedelta(days=7)
                    if responded and ref_status == ReferralStatus.COMPLETED
                    else None,
                )
            )
        if rnd.random() < 0.1:
            uid = uuid.uuid4()
            rows["note"].append(
                ins["note"].row(
                    uid=uid,
                    case_id=case_id,
                    text=seal(CaseNote, "text", uid, "Catatan pendampingan (sintetis)."),
                )
            )
        users = (ctx.assign_user_ids or {}).get(org_id)
        if users and not closed:
            rows["assign"].append(ins["assign"].row(case_id=case_id, user_id=rnd.choice(users)))
        add_case(cells, fact)
        facts.append(fact_row(fact_ins, fact, org_id))
    return rows, facts


# Rows reported in the result, by table.
COUNTED = {"person": "persons", "service": "services", "referral": "referrals", "note": "notes", "approval": "approvals"}
INSERT_ORDER = (
    "case", "person", "party", "incident", "form", "rel", "service", "referral", "note", "assign", "approval"
)
TABLES = {
    "case": Case,
    "person": Person,
    "party": CaseParty,
    "incident": Incident,
    "form": IncidentForm,
    "rel": Relationship,
    "service": ServiceDelivery,
    "referral": Referral,
    "note": CaseNote,
    "assign": CaseAssignment,
    "approval": Approval,
}


