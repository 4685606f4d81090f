"""Helpers to build synthetic cases in tests and benchmarks (names look synthetic)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simpul.cases import services
from simpul.cases.models import Case


def open_case(demo: dict[str, Any], *, org: str = "uptd.hss", user: str | None = None, region: str | None = None, **kw: Any) -> Case:
    organisation = demo["org"][org]
    actor = demo["user"][user or ("manajer_kasus.okus" if org == "uptd.okus" else "manajer_kasus.hss")]
    defaults: dict[str, Any] = {
        "region": region or (organisation.region_id if organisation.region_id.count(".") else organisation.region_id + ".06"),
        "jenis_kasus": "ktp",
        "risk": "sedang",
        "reported_at": dt.date(2025, 3, 1),
    }
    defaults.update(kw)
    return services.case_open(actor=actor, organisation=organisation, **defaults)
