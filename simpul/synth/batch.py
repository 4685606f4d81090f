"""One kabupaten's batch of synthetic cases as rows per table (no database access: this runs in
the forked generator), every derived value from the owning module's rule (``cases.rules``,
``stats.services``)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from simpul.cases import rules as case_rules
from simpul.cases.models import (
    STAGE_ORDER,
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Case,
    CaseAssignment,
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
from simpul.stats import rules
from simpul.stats.bulk import Inserter, seal
from simpul.stats.services import KabCells, add_case, fact_row
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


@dataclass
class Context:
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
    # Fixed slots per kabupaten (first day, days of the window, victim group or None), popped one
    # per case: a kabupaten whose yearly figures must equal published ones (the demo's HSS).
    slots: dict[str, list[tuple[dt.date, int, str | None]]] | None = None


def _victims_of(rnd: random.Random, group: str, n: int) -> list[tuple[int | None, str]]:
    """Victims that put the case in ``group`` under ``stats.rules.victim_group``."""
    if group == "anak":
        return [(rnd.randint(0, 17), "P" if rnd.random() < 0.72 else "L") for _v in range(n)]
    if group == "perempuan_dewasa":
        return [(rnd.randint(18, 59), "P") for _v in range(n)]
    # Neither a child nor an adult woman: an adult man or a victim whose age was not recorded.
    return [(rnd.randint(18, 59), "L") if rnd.random() < 0.5 else (None, "L") for _v in range(n)]


def generate_batch(
    ctx: Context,
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
        slot = ctx.slots[kab].pop() if ctx.slots and ctx.slots.get(kab) else None
        y_start, y_days = slot[:2] if slot else ctx.span_days[ctx.year_w.pick(rnd)]
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
        if slot and slot[2]:
            victims = _victims_of(rnd, slot[2], n_vict)
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
