"""The RAD indicator hook: cases that received legal aid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from simpul.cases import selectors, services


@pytest.mark.django_db
def test_legal_aid_count_follows_services(demo: dict[str, Any]) -> None:
    mk = demo["user"]["manajer_kasus.hss"]
    org = demo["org"]["uptd.hss"]
    before_kab = selectors.legal_aid_count("63.06", 2025)
    before_prov = selectors.legal_aid_count("63", 2025)
    before_2024 = selectors.legal_aid_count("63.06", 2024)
    case = services.case_open(actor=mk, organisation=org, region="63.06.05", jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 3, 1))
    other = services.case_open(actor=mk, organisation=org, region="63.06", jenis_kasus="ktp", risk="rendah", reported_at=dt.date(2025, 3, 2))
    services.service_add(actor=mk, case=case, service_type="bantuan_hukum", start_date=dt.date(2025, 4, 1))
    services.service_add(actor=mk, case=case, service_type="bantuan_hukum", start_date=dt.date(2025, 5, 1))  # same case once
    services.service_add(actor=mk, case=other, service_type="kesehatan", start_date=dt.date(2025, 4, 1))
    assert selectors.legal_aid_count("63.06", 2025) == before_kab + 1
    assert selectors.legal_aid_count("63", 2025) == before_prov + 1
    assert selectors.legal_aid_count("63.06.05", 2025) >= 1
    assert selectors.legal_aid_count("63.06", 2024) == before_2024  # another year is unaffected
    assert selectors.legal_aid_count("63.07", 2025) == 0
