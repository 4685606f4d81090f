"""The demo's everyday work, written through the modules' own services (a few hundred records, so
the services' checks, audit events and summary refreshes all run): assessments before plans,
legal process records, tasks, consents, field reports from relawan and Satgas, Molin PPA trips.

Called by ``simpul.synth.demo.seed_demo`` after the bulk cases; idempotent (does nothing when the
demo relawan already has field reports)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from simpul.accounts.models import User
from simpul.cases import services as case_services
from simpul.cases.models import Case, CaseParty
from simpul.intake.models import Report
from simpul.intake.services import report_field_submit
from simpul.outreach import services as outreach
from simpul.outreach.models import Vehicle
from simpul.privacy.services import consent_record
from simpul.privacy.services.ages import is_child

# Stages after the assessment: a case there has been assessed before its plan.
ASSESSED_STAGES = ("perencanaan", "pelaksanaan", "pemantauan")
FIELD_STORIES = [
    "Warga melaporkan anak yang sering tidak sekolah dan tampak lebam (sintetis).",
    "Ibu rumah tangga menceritakan kekerasan oleh suami kepada kader desa (sintetis).",
    "Remaja putri dikabarkan akan dinikahkan sebelum lulus SMP (sintetis).",
    "Anak ditinggal orang tua bekerja di luar daerah tanpa pengasuh (sintetis).",
    "Tetangga mendengar pertengkaran dan teriakan anak setiap malam (sintetis).",
]


def seed_life(seed: int = 2026, *, cases: int = 40) -> dict[str, int]:
    from simpul.accounts import demo

    relawan = User.objects.get(username="relawan.hss")
    if Report.objects.filter(submitted_by=relawan).exists():
        return {}
    rnd = random.Random(seed + 7)  # noqa: S311 - synthetic data
    hss = demo.org("uptd.hss")
    manajer = User.objects.get(username="manajer_kasus.hss")
    pendamping = User.objects.get(username="pendamping.hss")
    today = timezone.localdate()
    out = {"assessments": 0, "legal": 0, "tasks": 0, "consents": 0, "field_reports": 0, "trips": 0}
    open_cases = list(
        Case.objects.filter(organisation=hss, stage__in=ASSESSED_STAGES).order_by("pk")[:cases]
    )
    for i, case in enumerate(open_cases):
        if not case.assessments.exists():
            case_services.assessment_add(
                actor=manajer, case=case, risk=case.risk or "sedang",
                psikologis="Korban tampak cemas dan sulit tidur (sintetis).",
                sosial="Keluarga besar mendukung; tetangga belum tahu (sintetis).",
                safety_plan="Tinggal sementara di rumah kerabat; nomor darurat disimpan (sintetis).",
            )
            out["assessments"] += 1
        if i % 3 == 0:
            case_services.legal_save(
                actor=manajer, case=case,
                police_report_number=f"LP/B/{100 + i}/{today.year}/SPKT/POLRES HSS (sintetis)",
                police_report_date=today - dt.timedelta(days=rnd.randint(10, 120)),
                stage=rnd.choice(["laporan", "penyelidikan", "penyidikan", "p21", "persidangan"]),
                stage_date=today - dt.timedelta(days=rnd.randint(1, 9)),
            )
            out["legal"] += 1
        if i % 2 == 0:
            case_services.task_add(
                actor=manajer, case=case, assignee=pendamping if case.assignments.filter(user=pendamping).exists() else None,
                title=rnd.choice(["Kunjungan rumah", "Dampingi ke Polres", "Jadwalkan konseling psikolog", "Hubungi sekolah"]),
                due_date=today + dt.timedelta(days=rnd.randint(-3, 14)),
            )
            out["tasks"] += 1
        for party in CaseParty.objects.filter(case=case, role="korban").select_related("person")[:1]:
            given_at = timezone.now() - dt.timedelta(days=rnd.randint(1, 60))
            # The consent rule's own age test: a child's consent comes from a parent (Pasal 25).
            child = is_child(party.person, given_at.date())
            consent_record(
                actor=manajer, person=party.person, organisation=hss, purpose=rnd.choice(["service", "referral"]),
                basis="consent", given_by="parent" if child else "self",
                guardian_name="Orang Tua Contoh (sintetis)" if child else None, how="written",
                given_at=given_at,
            )
            out["consents"] += 1
    for n, username in enumerate(["relawan.hss", "satgas.hss"] * 5):
        report_field_submit(
            actor=User.objects.get(username=username),
            data={"story": FIELD_STORIES[n % len(FIELD_STORIES)], "region_id": "63.06.05",
                  "period": rnd.choice(["hari_ini", "minggu_ini", "bulan_ini"]),
                  "for_whom": "orang_lain", "victim_is_child": rnd.choice(["ya", "tidak", "tidak_tahu"])},
            idempotency_key=f"demo-{seed}-{n}",
        )
        out["field_reports"] += 1
    out["trips"] = _molin_trips(rnd, hss, manajer, pendamping, open_cases[:3])
    return out


def _molin_trips(rnd: random.Random, org: Any, manajer: Any, pendamping: Any, cases: list[Case]) -> int:
    """The UPTD's Molin PPA car: past outreach and education trips (logged) and one coming up."""
    vehicle = Vehicle.objects.filter(organisation=org).first() or outreach.vehicle_save(
        actor=manajer, organisation=org,
        data={"name": "Molin PPA HSS (demo)", "plate": "DA 1234 XY (demo)", "seats": 7},
    )
    crew = [outreach.crew_add(actor=manajer, organisation=org, user=pendamping, duty="pendamping")]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    trips = 0
    for k in range(6):
        start = now + dt.timedelta(days=-7 * (6 - k) + (10 if k == 5 else 0), hours=9 - now.hour)
        end = start + dt.timedelta(hours=4)
        case = cases[k % len(cases)] if cases and k % 2 == 0 else None
        req = outreach.request_create(
            actor=manajer, organisation=org,
            data={"purpose": "penjangkauan" if case else rnd.choice(["edukasi", "sosialisasi"]),
                  "case_uid": case.uid if case else None, "window_start": start, "window_end": end,
                  "area": "Kecamatan Kandangan", "pickup_place": "Kantor UPTD PPA HSS"},
        )
        trip = outreach.trip_schedule(actor=manajer, request=req, vehicle=vehicle, crew=crew, start=start, end=end)
        if end < timezone.now():
            outreach.trip_log(
                actor=manajer, trip=trip,
                data={"departed_at": start, "returned_at": end, "odometer_start": 1000 + 60 * k,
                      "odometer_end": 1040 + 60 * k, "work_done": "Penjangkauan dan edukasi warga (sintetis)."},
            )
        trips += 1
    return trips
