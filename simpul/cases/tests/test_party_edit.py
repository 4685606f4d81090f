"""Correcting a party's identity: the form shows what is held, a NIK mismatch warns, the change
is saved encrypted and both the look and the change are audited (field names only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from simpul.audit.models import AuditEvent
from simpul.cases import services
from simpul.cases.models import CaseParty
from simpul.testing import signed_in_client


@pytest.fixture
def case_with_victim(demo: dict[str, Any]) -> tuple[Any, CaseParty]:
    mk = demo["user"]["manajer_kasus.hss"]
    case = services.case_open(actor=mk, organisation=demo["org"]["uptd.hss"], region="63.06.05", jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 3, 1))
    party, _ = services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh Salah", sex="P", birth_date=dt.date(1990, 1, 5))
    return case, party


@pytest.mark.django_db
def test_correct_a_victims_name_and_birth_date(case_with_victim: Any) -> None:
    case, party = case_with_victim
    client = signed_in_client("manajer_kasus.hss")
    url = f"/kasus/{case.uid}/pihak/{party.pk}/ubah/"
    page = client.get(url)
    assert page.status_code == 200 and "Siti Contoh Salah" in page.content.decode()
    assert AuditEvent.objects.filter(action="case.view", object_id=str(case.pk), extra__page="party_edit").exists()
    data = {
        "full_name": "Siti Contoh Benar", "nik": "6306054501900001", "birth_date": "1990-01-06", "sex": "P",
        "education": "na", "occupation": "na", "marital_status": "na", "nationality": "WNI",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "berbeda dengan tanggal lahir pada NIK" in html  # NIK says 5 Jan: a warning, not a correction
    party.person.refresh_from_db()
    assert party.person.full_name == "Siti Contoh Benar"
    assert party.person.birth_date == dt.date(1990, 1, 6) and party.person.nik == "6306054501900001"
    change = AuditEvent.objects.filter(action="case.party_update", object_id=str(case.pk)).latest("seq")
    assert "full_name" in change.fields and "Siti" not in str(change.extra)


@pytest.mark.django_db
def test_invalid_nik_keeps_what_was_typed(case_with_victim: Any) -> None:
    case, party = case_with_victim
    client = signed_in_client("manajer_kasus.hss")
    response = client.post(f"/kasus/{case.uid}/pihak/{party.pk}/ubah/", {"full_name": "Nama Baru Sintetis", "nik": "123", "sex": "P", "education": "na", "occupation": "na", "marital_status": "na", "nationality": "WNI"})
    assert response.status_code == 400
    assert "Nama Baru Sintetis" in response.content.decode() and "NIK harus 16 angka" in response.content.decode()
    party.person.refresh_from_db()
    assert party.person.full_name == "Siti Contoh Salah"


@pytest.mark.django_db
def test_other_kabupaten_cannot_open_the_party_form(case_with_victim: Any) -> None:
    case, party = case_with_victim
    assert signed_in_client("manajer_kasus.okus").get(f"/kasus/{case.uid}/pihak/{party.pk}/ubah/").status_code == 404
