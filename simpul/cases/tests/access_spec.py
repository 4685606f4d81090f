"""Expected status of every cases URL (pages and API) for every persona.

The world: a case of UPTD PPA HSS assigned to pendamping.hss, with a victim, an incident,
a note, a task, a pending approval (asked by pendamping) and a referral to Unit PPA Polres HSS.
Hidden objects answer 404; a known but forbidden action 403. The dedicated per-organisation
matrix (own org / other org same kabupaten / other kabupaten) is in test_access_cases.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from simpul.testing import ANON, UrlSpec


def build_world(world: dict[str, Any]) -> None:
    from simpul.cases import services
    from simpul.cases.models import Approval

    mk = world["user"]["manajer_kasus.hss"]
    org = world["org"]["uptd.hss"]
    case = services.case_open(actor=mk, organisation=org, region="63.06.05", jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 3, 1))
    services.case_assign(actor=mk, case=case, user=world["user"]["pendamping.hss"])
    victim, _ = services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh", sex="P", age_estimate=15)
    perp, _ = services.case_party_add(actor=mk, case=case, role="pelaku", full_name="Budi Sintetis", sex="L")
    services.incident_add(actor=mk, case=case, date=dt.date(2025, 2, 1), forms=["psikis"], chronology="Sintetis.")
    world["note"] = services.note_add(actor=mk, case=case, text="Catatan sintetis")
    world["task"] = services.task_add(actor=mk, case=case, title="Tugas sintetis", due_date=dt.date(2025, 3, 10))
    world["approval"] = Approval.objects.create(case=case, kind="plan", requested_by=world["user"]["pendamping.hss"], content="Rencana")
    world["referral"] = services.referral_create(
        actor=mk, case=case, to_org=world["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["identitas_korban", "kronologi"],
        reason="Mohon diproses", due_date=timezone.localdate() + dt.timedelta(days=3), override_basis="vital_interest", override_reason="Darurat",
    )
    world["case"] = case


def _party(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["case"].uid, "party_id": world["case"].parties.filter(role="korban").first().pk}


def _c(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["case"].uid}


def _ck(kind: str) -> Any:
    return lambda world: {"uid": world["case"].uid, "kind": kind}


def _note(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["case"].uid, "note_id": world["note"].pk}


def _task(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["case"].uid, "task_id": world["task"].pk}


def _approval(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["case"].uid, "approval_id": world["approval"].pk}


def _r(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["referral"].uid}


def _api_c(world: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": world["case"].uid}


def _api_r(world: dict[str, Any]) -> dict[str, Any]:
    return {"ref_id": world["referral"].uid}


WORKERS = {ANON: 302, "kepala": 200, "manajer_kasus": 200, "pendamping": 200}
MANAGERS = {ANON: 302, "kepala": 200, "manajer_kasus": 200, "pendamping": 403}
POST_INVALID = {ANON: 302, "kepala": 400, "manajer_kasus": 400, "pendamping": 400}
POST_REDIRECT = {ANON: 302, "kepala": 302, "manajer_kasus": 302, "pendamping": 302}
PARTNER_POST = {ANON: 302, "mitra": 400}
API_WORKERS = {ANON: 401, "kepala": 200, "manajer_kasus": 200, "pendamping": 200}

S = build_world
SPECS = [
    UrlSpec("cases:list", expect={ANON: 302, "kepala": 200, "manajer_kasus": 200, "pendamping": 200}, default=403),
    UrlSpec("cases:list", query="antrian=approval", expect={ANON: 302, "kepala": 200, "manajer_kasus": 200, "pendamping": 200}, default=403, setup=S),
    UrlSpec("cases:export", expect={ANON: 302, "kepala": 200, "manajer_kasus": 200}, default=403, setup=S),
    UrlSpec("cases:open", expect={ANON: 302, "kepala": 200, "manajer_kasus": 200}, default=403),
    UrlSpec("cases:inbox", expect={ANON: 302, "kepala": 200, "manajer_kasus": 200, "mitra": 200}, default=403),
    UrlSpec("cases:detail", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:edit", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:pdf", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:party_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:party_edit", kwargs=_party, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:incident_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:relationship_add", method="POST", data={}, kwargs=_c, setup=S, expect=POST_INVALID, default=404),
    UrlSpec("cases:assessment_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    # Issue 13: the victims' consent recorded from the case (the case team, as the assessment).
    UrlSpec("cases:consent_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    # An empty form is re-shown (400) to those who may record consent; others learn nothing (404).
    UrlSpec("cases:consent_add", method="POST", data={}, kwargs=_c, setup=S,
            expect={k: (400 if v == 200 else v) for k, v in WORKERS.items()}, default=404),
    UrlSpec("cases:approval_request", kwargs=_ck("plan"), setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:approval_decide", method="POST", data={}, kwargs=_approval, setup=S, expect={**POST_INVALID, "pendamping": 403}, default=404),
    UrlSpec("cases:move", method="POST", data={}, kwargs=_c, setup=S, expect=POST_REDIRECT, default=404),
    UrlSpec("cases:reopen", kwargs=_c, setup=S, expect=MANAGERS, default=404),
    UrlSpec("cases:assign", kwargs=_c, setup=S, expect=MANAGERS, default=404),
    UrlSpec("cases:service_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:legal", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:note_add", method="POST", data={}, kwargs=_c, setup=S, expect=POST_INVALID, default=404),
    UrlSpec("cases:note_correct", kwargs=_note, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:task_add", method="POST", data={}, kwargs=_c, setup=S, expect=POST_INVALID, default=404),
    UrlSpec("cases:task_done", method="POST", data={}, kwargs=_task, setup=S, expect=POST_REDIRECT, default=404),
    UrlSpec("cases:attachment_add", method="POST", data={}, kwargs=_c, setup=S, expect=POST_REDIRECT, default=404),
    UrlSpec("cases:referral_add", kwargs=_c, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:referral_cancel", kwargs=_r, setup=S, expect=WORKERS, default=404),
    UrlSpec("cases:referral_letter", kwargs=_r, setup=S, expect={**WORKERS, "mitra": 200}, default=404),
    # The sending team's read view: whoever may see the sending case; the receiving partner has its own page (404 here).
    UrlSpec("cases:referral_sent", kwargs=_r, setup=S, expect={**WORKERS, "mitra": 404}, default=404),
    UrlSpec("cases:referral_detail", kwargs=_r, setup=S, expect={ANON: 302, "mitra": 200}, default=404),
    UrlSpec("cases:referral_respond", method="POST", data={}, kwargs=_r, setup=S, expect=PARTNER_POST, default=404),
    UrlSpec("cases:referral_action", method="POST", data={}, kwargs=_r, setup=S, expect=PARTNER_POST, default=404),
    UrlSpec("cases:referral_service", method="POST", data={}, kwargs=_r, setup=S, expect=PARTNER_POST, default=404),
    UrlSpec("cases:referral_complete", method="POST", data={}, kwargs=_r, setup=S, expect=PARTNER_POST, default=404),
    # API
    UrlSpec("api:api_cases_list", setup=S, expect=API_WORKERS, default=403),
    UrlSpec("api:api_case_detail", kwargs=_api_c, setup=S, expect=API_WORKERS, default=404),
    UrlSpec("api:api_case_referrals", kwargs=_api_c, setup=S, expect=API_WORKERS, default=404),
    UrlSpec(
        "api:api_case_referral_create", method="POST", content_type="application/json", kwargs=_api_c, setup=S,
        data={"to_org_id": 0, "service_type": "kesehatan", "shared_sets": ["kronologi"], "reason": "x", "due_date": "2030-01-01"},
        expect={ANON: 401, "kepala": 422, "manajer_kasus": 422, "pendamping": 422}, default=404,
    ),
    UrlSpec("api:api_referrals_incoming", setup=S, expect={ANON: 401, "kepala": 200, "manajer_kasus": 200, "mitra": 200}, default=403),
    UrlSpec(
        "api:api_referral_respond", method="POST", content_type="application/json", kwargs=_api_r, setup=S,
        data={"accept": True}, expect={ANON: 401, "mitra": 200}, default=404,
    ),
]
