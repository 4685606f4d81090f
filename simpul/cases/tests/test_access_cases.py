"""Access matrix by organisation: for every role, a case of the user's own organisation, of
another organisation of the same kabupaten, and of another kabupaten, on every case page and
API endpoint. Plus: every view of identifying data leaves an audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.access.roles import Role
from simpul.accounts.models import Membership, Organisation, User
from simpul.audit.models import AuditEvent
from simpul.cases import services
from simpul.cases.tests.access_spec import build_world
from simpul.testing import ANON, PERSONAS, client_for

# (url name, kwargs key, kind) kind: page / api
ENDPOINTS = [
    ("cases:detail", "uid", "page"),
    ("cases:edit", "uid", "page"),
    ("cases:pdf", "uid", "page"),
    ("cases:party_add", "uid", "page"),
    ("cases:incident_add", "uid", "page"),
    ("cases:assessment_add", "uid", "page"),
    ("cases:service_add", "uid", "page"),
    ("cases:legal", "uid", "page"),
    ("cases:referral_add", "uid", "page"),
    ("cases:assign", "uid", "page"),
    ("cases:reopen", "uid", "page"),
    ("api:api_case_detail", "case_id", "api"),
    ("api:api_case_referrals", "case_id", "api"),
]
MANAGER_ONLY = {"cases:assign", "cases:reopen"}
WHERE = ["own", "same_kabupaten", "other_kabupaten"]


def _expected(persona: str, where: str, name: str, kind: str) -> int:
    if persona == ANON:
        return 401 if kind == "api" else 302
    if where != "own":
        return 404
    if persona in ("kepala", "manajer_kasus"):
        return 200
    if persona == "pendamping":
        return 403 if name in MANAGER_ONLY else 200
    return 404


def _other_org_case(demo: dict[str, Any], where: str) -> Any:
    if where == "same_kabupaten":
        org = Organisation.objects.create(name="UPTD PPA Uji Kedua (sintetis)", type="uptd_ppa", region_id="63.06")
        user = User.objects.create(username="manajer.uji2")
        Membership.objects.create(user=user, organisation=org, role=Role.MANAJER_KASUS)
    else:
        org, user = demo["org"]["uptd.okus"], demo["user"]["manajer_kasus.okus"]
    case = services.case_open(actor=user, organisation=org, region=org.region_id, jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 3, 1))
    services.case_party_add(actor=user, case=case, role="korban", full_name="Rina Contoh")
    return case


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("persona", PERSONAS)
def test_case_endpoints_by_organisation(persona: str, where: str, demo: dict[str, Any]) -> None:
    world = dict(demo)
    build_world(world)
    case = world["case"] if where == "own" else _other_org_case(demo, where)
    client = client_for(persona)
    problems = []
    for name, key, kind in ENDPOINTS:
        response = client.get(reverse(name, kwargs={key: case.uid}))
        expected = _expected(persona, where, name, kind)
        if response.status_code != expected:
            problems.append(f"{name}: expected {expected}, got {response.status_code}")
    # Lists never show another organisation's cases.
    if persona in ("kepala", "manajer_kasus", "pendamping"):
        body = client.get(reverse("cases:list")).content.decode()
        api = client.get(reverse("api:api_cases_list")).json()
        numbers = {r["number"] for r in api["results"]}
        if where == "own":
            assert case.number in body and case.number in numbers
        else:
            assert str(case.uid) not in body and case.uid not in {r["id"] for r in api["results"]}
    assert not problems, problems


def test_pendamping_sees_only_assigned_cases(demo: dict[str, Any]) -> None:
    world = dict(demo)
    build_world(world)
    mk = demo["user"]["manajer_kasus.hss"]
    other = services.case_open(actor=mk, organisation=demo["org"]["uptd.hss"], region="63.06", jenis_kasus="ktp", risk="rendah")
    client = client_for("pendamping")
    assert client.get(reverse("cases:detail", kwargs={"uid": other.uid})).status_code == 404
    services.case_assign(actor=mk, case=other, user=demo["user"]["pendamping.hss"])
    assert client.get(reverse("cases:detail", kwargs={"uid": other.uid})).status_code == 200
    services.case_assign(actor=mk, case=other, user=demo["user"]["kepala.hss"], reason="Dialihkan")
    assert client.get(reverse("cases:detail", kwargs={"uid": other.uid})).status_code == 404


def test_provincial_uptd_sees_only_escalated(demo: dict[str, Any]) -> None:
    world = dict(demo)
    build_world(world)
    case = world["case"]
    kalsel = client_for("manajer_kasus.kalsel")
    assert kalsel.get(reverse("cases:detail", kwargs={"uid": case.uid})).status_code == 404
    ref = services.referral_create(
        actor=demo["user"]["manajer_kasus.hss"], case=case, to_org=demo["org"]["uptd.kalsel"], service_type="pendampingan",
        shared_sets=["kronologi"], reason="Lintas kabupaten", due_date=timezone.localdate() + dt.timedelta(days=2),
        override_basis="public_task", override_reason="Kewenangan provinsi",
    )
    assert ref.is_escalation
    assert kalsel.get(reverse("cases:referral_detail", kwargs={"uid": ref.uid})).status_code == 200
    assert kalsel.get(reverse("cases:detail", kwargs={"uid": case.uid})).status_code == 404
    # Other referrals of the case (to Polres) stay hidden from the province.
    assert kalsel.get(reverse("cases:referral_detail", kwargs={"uid": world["referral"].uid})).status_code == 404


def test_partner_sees_only_shared_fields(demo: dict[str, Any]) -> None:
    world = dict(demo)
    build_world(world)
    ref = world["referral"]  # shares identitas_korban + kronologi
    body = client_for("mitra").get(reverse("cases:referral_detail", kwargs={"uid": ref.uid})).content.decode()
    assert "Siti Contoh" in body and "Sintetis." in body
    assert "Budi Sintetis" not in body  # identitas pelaku not shared
    assert "Catatan sintetis" not in body  # notes never shared
    ref.shared_sets = ["kronologi"]
    ref.save()
    body = client_for("mitra").get(reverse("cases:referral_detail", kwargs={"uid": ref.uid})).content.decode()
    assert "Siti Contoh" not in body and "S. C." in body


def test_every_view_of_identifying_data_is_audited(demo: dict[str, Any]) -> None:
    world = dict(demo)
    build_world(world)
    case, ref = world["case"], world["referral"]
    checks = [
        ("manajer_kasus", reverse("cases:detail", kwargs={"uid": case.uid}), "case.view"),
        ("pendamping", reverse("api:api_case_detail", kwargs={"case_id": case.uid}), "case.view"),
        ("kepala", reverse("cases:pdf", kwargs={"uid": case.uid}), "case.pdf"),
        ("mitra", reverse("cases:referral_detail", kwargs={"uid": ref.uid}), "referral.view"),
        ("mitra", reverse("cases:referral_letter", kwargs={"uid": ref.uid}), "referral.letter"),
        ("kepala", reverse("cases:list"), "case.list"),
        ("kepala", reverse("api:api_cases_list"), "case.list_api"),
        ("kepala", reverse("cases:export"), "case.export"),
    ]
    for persona, url, action in checks:
        before = AuditEvent.objects.filter(action=action).count()
        response = client_for(persona).get(url)
        assert response.status_code == 200, url
        events = AuditEvent.objects.filter(action=action).order_by("-seq")
        assert events.count() == before + 1, (url, action)
        assert events.first().fields, action  # names the fields shown
    view = AuditEvent.objects.filter(action="case.view", object_id=str(case.pk)).first()
    assert "party.nik" in view.fields and "incident.chronology" in view.fields
