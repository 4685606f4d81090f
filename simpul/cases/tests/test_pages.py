import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from simpul.cases import services
from simpul.cases.bulk import bulk_cases
from simpul.cases.exports import neutralise
from simpul.cases.models import Case
from simpul.cases.tests.factories import open_case
from simpul.testing import client_for


@pytest.mark.parametrize("size", [10, 50])
def test_list_page_query_count_is_constant(demo, size, django_assert_max_num_queries):
    bulk_cases(demo["org"]["uptd.hss"], 60, assign_to=demo["user"]["pendamping.hss"])
    client = client_for("manajer_kasus")
    client.get(reverse("cases:list"))  # warm session/actor caches
    with django_assert_max_num_queries(22):
        response = client.get(reverse("cases:list") + f"?per={size}")
    assert response.status_code == 200
    assert response.content.decode().count('class="victim"') == size


@pytest.mark.parametrize("size", [10, 50])
def test_list_api_query_count_is_constant(demo, size, django_assert_max_num_queries):
    bulk_cases(demo["org"]["uptd.hss"], 120, assign_to=demo["user"]["pendamping.hss"])
    client = client_for("pendamping")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("api:api_cases_list") + f"?page_size={size}&risk=sedang")
    data = response.json()
    assert response.status_code == 200 and len(data["results"]) == size and data["count"] == Case.objects.filter(risk="sedang").count()
    assert all(v["nik"].count("*") == 8 for r in data["results"] for v in r["victims"])


def test_list_api_rows_follow_the_documented_schema(demo):
    from simpul.cases.api import CaseListOut

    case = open_case(demo)
    services.case_party_add(actor=demo["user"]["manajer_kasus.hss"], case=case, role="korban", full_name="Siti Nur Contoh", nik="6306054405110001", sex="P", birth_date=dt.date(2009, 6, 1))
    services.incident_add(actor=demo["user"]["manajer_kasus.hss"], case=case, date=dt.date(2025, 2, 1), forms=["seksual", "fisik"])
    data = client_for("kepala").get(reverse("api:api_cases_list") + "?page_size=100").json()
    parsed = CaseListOut.model_validate(data)  # the JSON is exactly what the OpenAPI schema promises
    row = next(r for r in parsed.results if r.number == case.number)
    case.refresh_from_db()
    assert row.id == case.uid and row.version == case.version and row.reported_at == case.reported_at
    assert row.forms == ["fisik", "seksual"]
    assert [v.model_dump() for v in row.victims] == [{"initials": "S. N. C.", "age_band": "13-17", "sex": "P", "nik": "6306********0001"}]
    assert "Siti" not in str(data) and "6306054405110001" not in str(data)


def test_list_masks_identity_and_filters(demo):
    case = open_case(demo)
    services.case_party_add(actor=demo["user"]["manajer_kasus.hss"], case=case, role="korban", full_name="Siti Nur Contoh", nik="6306054405110001", sex="P")
    services.incident_add(actor=demo["user"]["manajer_kasus.hss"], case=case, date=dt.date(2025, 2, 1), forms=["fisik"])
    client = client_for("kepala")
    body = client.get(reverse("cases:list")).content.decode()
    assert "S. N. C." in body and "6306********0001" in body and "Siti" not in body
    assert case.number in client.get(reverse("cases:list") + "?form=fisik&region=63.06").content.decode()
    assert case.number not in client.get(reverse("cases:list") + "?form=seksual").content.decode()
    assert case.number not in client.get(reverse("cases:list") + "?region=63.07").content.decode()


def test_bad_input_is_reshown_with_400(demo):
    client = client_for("manajer_kasus")
    response = client.post(reverse("cases:open"), {"region": "99.99", "jenis_kasus": "ktp", "risk": "tinggi", "kewenangan": "kab_kota", "channel": "langsung", "reported_at": "2025-01-02", "summary": "Ringkasan saya"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ringkasan saya" in body and "Kode wilayah tidak dikenal" in body
    assert not Case.objects.exists()


def test_concurrent_edit_is_refused_and_nothing_is_lost(demo):
    case = open_case(demo)
    a, b = client_for("manajer_kasus"), client_for("kepala")
    url = reverse("cases:edit", kwargs={"uid": case.uid})
    base = {"region": "63.06", "jenis_kasus": "ktp", "risk": "sedang", "kewenangan": "kab_kota", "channel": "langsung", "reported_at": "2025-03-01", "version": case.version}
    assert a.post(url, {**base, "risk": "tinggi"}).status_code == 302
    response = b.post(url, {**base, "summary": "Ringkasan kepala"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah orang lain" in body and "Ringkasan kepala" in body  # their input is kept
    assert "Tinggi" in body  # and they see what changed
    case.refresh_from_db()
    assert case.risk == "tinggi" and not case.summary
    # Submitting again (with the refreshed version in the re-shown form) applies their change.
    response = b.post(url, {**base, "risk": "tinggi", "summary": "Ringkasan kepala", "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.risk == "tinggi" and case.summary == "Ringkasan kepala"


def test_export_is_scoped_and_neutralised(demo):
    case = open_case(demo, summary="x")
    services.case_party_add(actor=demo["user"]["manajer_kasus.hss"], case=case, role="korban", full_name="=HYPERLINK(1) Contoh")
    open_case(demo, org="uptd.okus")
    response = client_for("kepala").get(reverse("cases:export"))
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in ws.iter_rows(values_only=True)][1:]
    assert len(values) == 1 and values[0][0] == case.number
    assert values[0][6] == "C."  # initials skip the leading '=' (and neutralise() guards every cell)
    assert neutralise("+1") == "'+1" and neutralise("ok") == "ok"


def test_pdfs(demo):
    from simpul.cases.tests.access_spec import build_world

    world = dict(demo)
    build_world(world)
    r = client_for("kepala").get(reverse("cases:pdf", kwargs={"uid": world["case"].uid}))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = client_for("mitra").get(reverse("cases:referral_letter", kwargs={"uid": world["referral"].uid}))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_api_referrals(demo):
    case = open_case(demo, region="63.06.05", jenis_kasus="ampk", risk="tinggi")
    client = client_for("manajer_kasus")
    r = client.post(
        reverse("api:api_case_referral_create", kwargs={"case_id": case.uid}),
        {"to_org_id": demo["org"]["rsud.hss"].pk, "service_type": "kesehatan", "shared_sets": ["kronologi"], "reason": "Visum", "due_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert r.status_code == 422 and "override_basis" in r.json()["detail"]
    r = client.post(
        reverse("api:api_case_referral_create", kwargs={"case_id": case.uid}),
        {"to_org_id": demo["org"]["rsud.hss"].pk, "service_type": "kesehatan", "shared_sets": ["kronologi"], "reason": "Visum",
         "due_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(), "override_basis": "vital_interest", "override_reason": "Luka"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["without_consent"]
    assert [x["status"] for x in client.get(reverse("api:api_case_referrals", kwargs={"case_id": case.uid})).json()] == ["sent"]
    mitra = client_for("mitra.rsud.hss")
    assert len(mitra.get(reverse("api:api_referrals_incoming")).json()) == 1
    assert client_for("mitra").get(reverse("api:api_referrals_incoming")).json() == []


def test_openapi_lists_case_operations(demo):
    spec = client_for("kepala").get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    assert "/api/v1/cases" in paths and "/api/v1/cases/{case_id}/referrals" in paths


def test_overdue_flag_in_the_list_api_agrees_with_the_overdue_queue(demo):
    from simpul.cases import selectors

    mk = demo["user"]["manajer_kasus.hss"]
    today = timezone.localdate()
    late_task, late_referral, on_time = open_case(demo), open_case(demo), open_case(demo)
    services.task_add(actor=mk, case=late_task, title="Kunjungan rumah", due_date=today - dt.timedelta(days=1))
    services.task_add(actor=mk, case=on_time, title="Telepon", due_date=today + dt.timedelta(days=5))
    done = services.task_add(actor=mk, case=on_time, title="Kunjungan", due_date=today - dt.timedelta(days=3))
    services.task_done(actor=mk, task=done)
    services.referral_create(
        actor=mk, case=late_referral, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["kronologi"],
        reason="Laporan polisi", due_date=today + dt.timedelta(days=1), override_basis="vital_interest", override_reason="Darurat",
    )
    flags = {r["number"]: r["overdue"] for r in client_for("kepala").get(reverse("api:api_cases_list") + "?page_size=100").json()["results"]}
    assert flags == {late_task.number: True, late_referral.number: False, on_time.number: False}
    # Two days on, the sent referral is past its due date too; the flag, the HTML list and the
    # "overdue" queue all say the same.
    later = today + dt.timedelta(days=2)
    kepala = demo["user"]["kepala.hss"]
    _count, _ids, rows = selectors.list_values(kepala, today=later)
    flagged = {r["number"] for r in rows if r["overdue"]}
    assert flagged == {late_task.number, late_referral.number}
    assert flagged == {r.case.number for r in selectors.list_rows(selectors.case_queryset(kepala, today=later), today=later) if r.overdue}
    assert flagged == set(selectors.case_queryset(kepala, queue="overdue", today=later).values_list("number", flat=True))


def test_list_api_follows_a_change_of_role_or_assignment_at_once(demo):
    """The compiled list statement is reused per (user, seats, queue, filters, day): a change of
    seats or of assignment shows in the very next request."""
    from simpul.accounts.services import membership_set_roles
    from simpul.api.tokens import token_create

    mine, other = open_case(demo), open_case(demo)
    pendamping = demo["user"]["pendamping.hss"]
    services.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=mine, user=pendamping)
    _token, raw = token_create(user=pendamping, scopes=["cases:read"], days=1)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def listed() -> set[str]:
        return {r["number"] for r in client.get(reverse("api:api_cases_list")).json()["results"]}

    assert listed() == {mine.number}
    services.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=other, user=pendamping)
    assert listed() == {mine.number, other.number}
    services.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=mine, user=demo["user"]["manajer_kasus.hss"])
    assert listed() == {other.number}
    membership_set_roles(actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], user=pendamping, roles=["manajer_kasus"])
    assert listed() == {mine.number, other.number}
    membership_set_roles(actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], user=pendamping, roles=["relawan"])
    assert client.get(reverse("api:api_cases_list")).status_code == 403
