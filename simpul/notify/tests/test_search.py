"""Search everywhere: scoped by access for every role persona (a user never finds what they may
not see), masked rows, and each search audited without the query text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simpul.audit.models import AuditEvent
from simpul.cases import services as cases
from simpul.core import search
from simpul.intake.tests.helpers import officer_report
from simpul.notify.tests.helpers import VICTIM_NAME, VICTIM_NIK, VICTIM_PHONE, case_with_victim, referral
from simpul.testing import ROLE_PERSONAS, signed_in_client

pytestmark = pytest.mark.django_db


def test_classify() -> None:
    assert search.classify("6306054501900001").kinds == {"nik"}
    assert search.classify("0812-7777-0001").kinds == {"phone"}
    assert search.classify("63.06/2025/0001").kinds == {"number"}
    assert search.classify("ABCD-2345").kinds == {"code"}
    assert search.classify("siti contoh").kinds == {"name"}
    assert search.classify("ab").kinds == frozenset()


def _world(demo: dict[str, Any]) -> dict[str, Any]:
    case = case_with_victim(demo)
    cases.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    other = case_with_victim(demo)  # same person, nobody assigned
    ref = referral(demo, case)
    report = officer_report(demo, victim_nik=VICTIM_NIK, victim_name=VICTIM_NAME)
    return {"case": case, "other": other, "ref": ref, "report": report}


def results(username: str, q: str) -> str:
    response = signed_in_client(username).post("/cari/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


# What each persona finds, for each query (case numbers and the tracking code).
def expected(persona: str, w: dict[str, Any]) -> dict[str, set[str]]:
    case, other, report = w["case"].number, w["other"].number, w["report"].display_code
    managers = {"nik": {case, other, report}, "name": {case, other}, "phone": {case, other}, "number": {case}, "code": {report}}
    return {
        "kepala": managers,
        "manajer_kasus": managers,
        "pendamping": {"nik": {case}, "name": {case}, "phone": {case}, "number": {case}, "code": set()},
        "petugas_pengaduan": {"nik": {report}, "name": set(), "phone": set(), "number": set(), "code": {report}},
        # The partner finds the referral it received by the case number, nothing else.
        "mitra": {"nik": set(), "name": set(), "phone": set(), "number": {case}, "code": set()},
    }.get(persona, {"nik": set(), "name": set(), "phone": set(), "number": set(), "code": set()})


@pytest.mark.parametrize("persona", sorted(ROLE_PERSONAS))
def test_search_is_scoped_by_access_for_every_role(demo: Any, persona: str) -> None:
    w = _world(demo)
    queries = {"nik": VICTIM_NIK, "name": "contohwati siti", "phone": VICTIM_PHONE, "number": w["case"].number, "code": w["report"].display_code}
    all_refs = {w["case"].number, w["other"].number, w["report"].display_code}
    want = expected(persona, w)
    for kind, q in queries.items():
        page = results(ROLE_PERSONAS[persona], q)
        found = {ref for ref in all_refs if f">{ref}</a>" in page}
        assert found == want[kind], (persona, kind, found)
        assert VICTIM_NAME not in page.split("<main")[1]  # masked: never the name
        if found - {w["report"].display_code} and kind != "number":
            assert "S. C." in page and "6306********0001" in page
    # Another kabupaten's manager finds nothing of HSS.
    if persona == "kepala":
        for q in queries.values():
            assert "search-results" not in results("manajer_kasus.okus", q)


def test_each_search_is_audited_without_the_query_text(demo: Any) -> None:
    _world(demo)
    before = AuditEvent.objects.filter(action="search").count()
    results("kepala.hss", VICTIM_NIK)
    results("kepala.hss", "Contohwati")
    results("pendamping.hss", VICTIM_PHONE)
    rows = list(AuditEvent.objects.filter(action="search").order_by("seq"))[before:]
    assert [(r.actor_id is not None, r.extra) for r in rows] == [
        (True, {"kinds": ["nik"], "hits": 3}),
        (True, {"kinds": ["name"], "hits": 2}),
        (True, {"kinds": ["phone"], "hits": 1}),
    ]
    dumped = json.dumps([[r.extra, r.fields, r.object_id, r.object_type] for r in rows]).lower()
    for secret in (VICTIM_NIK, "contohwati", "7777", "0812"):
        assert secret not in dumped


def test_empty_or_short_query_shows_a_message(demo: Any) -> None:
    page = results("kepala.hss", "a")
    assert "Ketik minimal 3 huruf atau angka" in page
    assert "Ketik minimal" not in results("kepala.hss", "")
    # The query never travels in the URL, and the page is not cached.
    client = signed_in_client("kepala.hss")
    before = AuditEvent.objects.filter(action="search").count()
    assert "search-results" not in client.get("/cari/", {"q": VICTIM_NIK}).content.decode()  # GET never searches
    assert AuditEvent.objects.filter(action="search").count() == before
    assert "no-store" in client.post("/cari/", {"q": VICTIM_NIK})["Cache-Control"]
