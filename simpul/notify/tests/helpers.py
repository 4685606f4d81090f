"""Synthetic worlds for the notification, home and search tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from simpul.cases import services as cases
from simpul.cases.tests.factories import open_case

VICTIM_NAME = "Siti Contohwati"
VICTIM_NIK = "6306054501900001"
VICTIM_PHONE = "0812-7777-0001"


def case_with_victim(demo: dict[str, Any], **kw: Any) -> Any:
    case = open_case(demo, **kw)
    cases.case_party_add(
        actor=demo["user"]["manajer_kasus.hss"], case=case, role="korban", full_name=VICTIM_NAME,
        nik=VICTIM_NIK, phone=VICTIM_PHONE, birth_date=dt.date(1990, 1, 5), sex="P",
    )
    return case


def referral(demo: dict[str, Any], case: Any, *, days: int = 3) -> Any:
    return cases.referral_create(
        actor=demo["user"]["manajer_kasus.hss"], case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum",
        shared_sets=["kronologi"], reason="Mohon proses (sintetis)", due_date=timezone.localdate() + dt.timedelta(days=days),
        override_basis="vital_interest", override_reason="Darurat (sintetis)",
    )


def to_plan(demo: dict[str, Any], case: Any) -> None:
    mk = demo["user"]["manajer_kasus.hss"]
    cases.assessment_add(actor=mk, case=case, risk="tinggi", fisik="Luka ringan (sintetis)", safety_plan="Rumah aman")
    cases.case_move(actor=mk, case=case, to="rencana_intervensi")
