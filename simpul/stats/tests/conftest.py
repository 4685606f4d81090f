from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from simpul.cases import services as cs
from simpul.cases.models import Case

SECRET_NAMES = ["Siti Rahasia Sintetis", "Budi Pelaku Sintetis", "Nur Kalsel Sintetis"]
SECRET_NIKS = ["6306055205100001", "6306051203800002"]


def make_case(
    actor: Any,
    org: Any,
    *,
    region: str,
    reported: dt.date,
    victim: dict[str, Any] | None = None,
    perpetrator: dict[str, Any] | None = None,
    forms: tuple[str, ...] = ("seksual",),
    place: str = "rumah_tangga",
    incident: dt.date | None = None,
    service: str | None = "kesehatan",
) -> Case:
    case = cs.case_open(
        actor=actor, organisation=org, region=region, jenis_kasus="ampk", risk="sedang", reported_at=reported
    )
    v = p = None
    if victim is not None:
        v, _w = cs.case_party_add(actor=actor, case=case, role="korban", **victim)
    if perpetrator is not None:
        p, _w = cs.case_party_add(actor=actor, case=case, role="pelaku", **perpetrator)
    rels = [{"victim": v, "perpetrator": p, "relation": "tetangga"}] if v and p else []
    cs.incident_add(
        actor=actor, case=case, date=incident or reported, place=place, forms=list(forms), relationships=rels
    )
    if service:
        cs.service_add(actor=actor, case=case, service_type=service, start_date=reported)
    return case


@pytest.fixture
def stats_world(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """A few real cases (through the case services) in HSS, HST and OKU Selatan; summaries up to date."""
    hss_mgr = demo["user"]["manajer_kasus.hss"]
    okus_mgr = demo["user"]["manajer_kasus.okus"]
    kalsel_mgr = demo["user"]["manajer_kasus.kalsel"]
    with django_capture_on_commit_callbacks(execute=True):
        make_case(
            hss_mgr,
            demo["org"]["uptd.hss"],
            region="63.06.05",
            reported=dt.date(2025, 3, 4),
            victim={
                "full_name": SECRET_NAMES[0],
                "nik": SECRET_NIKS[0],
                "sex": "P",
                "birth_date": dt.date(2010, 5, 12),
            },
            perpetrator={
                "full_name": SECRET_NAMES[1],
                "nik": SECRET_NIKS[1],
                "sex": "L",
                "birth_date": dt.date(1980, 3, 12),
            },
        )
        make_case(
            hss_mgr,
            demo["org"]["uptd.hss"],
            region="63.06.01",
            reported=dt.date(2025, 3, 20),
            victim={"full_name": "Dewi Contoh", "sex": "P", "age_estimate": 30},
            forms=("fisik", "psikis"),
        )
        make_case(
            hss_mgr,
            demo["org"]["uptd.hss"],
            region="63.06",
            reported=dt.date(2024, 7, 1),
            victim=None,
            service=None,
        )
        make_case(
            kalsel_mgr,
            demo["org"]["uptd.kalsel"],
            region="63.07",
            reported=dt.date(2025, 2, 2),
            victim={"full_name": SECRET_NAMES[2], "sex": "L", "age_estimate": 8},
        )
        make_case(
            okus_mgr,
            demo["org"]["uptd.okus"],
            region="16.09.01",
            reported=dt.date(2025, 1, 9),
            victim={"full_name": "Rina Okus Sintetis", "sex": "P", "age_estimate": 15},
        )
    return demo
