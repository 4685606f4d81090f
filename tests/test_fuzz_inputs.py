"""The inputs that broke the system (Issue 12, part 4), one by one, through HTTP; and the
database guard that keeps a bad row from poisoning every read of a queue."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from simpul.api.models import SCOPES
from simpul.api.tokens import token_create
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db

OFFICER = "petugas_pengaduan.hss"


def _bearer(demo: dict[str, Any], username: str = "kepala.hss") -> Client:
    _token, raw = token_create(user=demo["user"][username], scopes=list(SCOPES), days=1)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _report_body(**extra: Any) -> dict[str, Any]:
    return {"story": "Cerita sintetis dari sistem lain.", "channel": "telepon", "region_code": "63.06.05", **extra}


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("when", [
    "0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-08:00", "9999-12-31T00:00:00Z",
    "1939-12-31T23:00:00Z", "2999-01-01T00:00:00Z",
])
def test_api_refuses_implausible_received_dates(demo: dict[str, Any], when: str) -> None:
    client = _bearer(demo)
    response = client.post("/api/v1/intake", _report_body(received_at=when), content_type="application/json")
    assert response.status_code == 422, response.content
    assert "received_at" in json.dumps(response.json()["detail"])


def test_api_accepts_a_plausible_received_date(demo: dict[str, Any]) -> None:
    response = _bearer(demo).post("/api/v1/intake", _report_body(received_at="2026-01-05T08:00:00+08:00"), content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("field,value", [
    ("do_not_contact", 0), ("anonymous", "true"), ("external_ref", "A\x00B"), ("story", "x\udfff"),
    ("reporter_name", "a" * 5000), ("story", ""),
])
def test_api_refuses_loose_booleans_and_bad_text(demo: dict[str, Any], field: str, value: Any) -> None:
    body = json.dumps(_report_body(**{field: value}))  # json.dumps writes "\udfff" as an escape
    response = _bearer(demo).post("/api/v1/intake", body, content_type="application/json")
    assert response.status_code == 422, response.content


def test_api_strips_bidi_characters_from_names(demo: dict[str, Any]) -> None:
    client = _bearer(demo)
    response = client.post("/api/v1/intake", _report_body(reporter_name="Sit\u202eia", external_ref="T\u2066-1"), content_type="application/json")
    assert response.status_code == 201
    detail = client.get(f"/api/v1/intake/{response.json()['id']}").json()
    assert detail["reporter_name"] == "Sitia" and detail["external_ref"] == "T-1"


@pytest.mark.parametrize("content_type,body", [
    ("text/plain", None), ("application/xml", "<story>x</story>"), ("application/x-www-form-urlencoded", "story=x"),
    ("multipart/form-data; boundary=BoUnDaRy", "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"story\"\r\n\r\nx\r\n--BoUnDaRy--\r\n"),
])
def test_api_takes_json_only(demo: dict[str, Any], content_type: str, body: str | None) -> None:
    payload = body if body is not None else json.dumps(_report_body())
    response = _bearer(demo).generic("POST", "/api/v1/intake", payload, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["message"].startswith("Kirim badan permintaan sebagai JSON")


@pytest.mark.parametrize("url", [
    f"/api/v1/intake?offset={2**63}", "/api/v1/intake?offset=-1", "/api/v1/intake?limit=100000",
    f"/api/v1/cases?page={10**30}", "/api/v1/cases?page=0", "/api/v1/cases?page_size=1000",
    "/api/v1/cases?date_from=0001-01-01", "/api/v1/cases?region=%00",
])
def test_api_paging_and_filters_are_bounded(demo: dict[str, Any], url: str) -> None:
    assert _bearer(demo).get(url).status_code == 422


def test_referral_with_a_lone_surrogate_is_refused(demo: dict[str, Any]) -> None:
    from simpul.cases import services
    from simpul.cases.tests.factories import open_case

    case = open_case(demo)
    target = services.referral_targets(case).first()
    assert target is not None
    body = json.dumps({"to_org_id": target.pk, "service_type": "kesehatan", "shared_sets": ["kronologi"],
                       "reason": "Mohon \udfff pemeriksaan", "due_date": "2030-01-01"})
    response = _bearer(demo, "manajer_kasus.hss").post(f"/api/v1/cases/{case.uid}/referrals", body, content_type="application/json")
    assert response.status_code == 422, response.content


def test_openapi_documents_the_error_answers() -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    post = doc["paths"]["/api/v1/intake"]["post"]["responses"]
    assert {"201", "401", "403", "409", "415", "422", "429"} <= set(map(str, post))
    detail = doc["paths"]["/api/v1/intake/{report_id}"]["get"]["responses"]
    assert {"200", "401", "403", "404", "422"} <= set(map(str, detail))
    webhook = doc["paths"]["/api/v1/intake/webhook/messages"]["post"]
    assert "503" in set(map(str, webhook["responses"])) and "401" in set(map(str, webhook["responses"]))
    assert "requestBody" in webhook
    assert doc["components"]["schemas"]["ErrorOut"]["required"] == ["message"]


# --- the database guard ----------------------------------------------------------------------


def _report(demo: dict[str, Any]) -> Any:
    from simpul.intake import services

    return services.report_record(actor=demo["user"][OFFICER], data={"channel": "telepon", "story": "Cerita sintetis.", "region_id": "63.06.05"})


@pytest.mark.parametrize("year", [1, 1899, 2200, 9999])
def test_database_refuses_a_received_time_outside_the_range(demo: dict[str, Any], year: int) -> None:
    from simpul.intake.models import Report

    report = _report(demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(received_at=dt.datetime(year, 1, 2, tzinfo=dt.UTC))
    # The queue (page and API) still answers.
    assert signed_in_client(OFFICER).get("/lapor/petugas/").status_code == 200
    assert _bearer(demo, OFFICER).get("/api/v1/intake?open_only=true").status_code == 200


def test_database_refuses_a_privacy_request_out_of_range(demo: dict[str, Any]) -> None:
    from simpul.privacy.models import SubjectRequest

    with pytest.raises(IntegrityError), transaction.atomic():
        SubjectRequest.objects.create(organisation=demo["org"]["uptd.hss"], kind="access",
                                      received_at=dt.datetime(1, 1, 2, tzinfo=dt.UTC), due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))


# --- forms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1939-12-31T10:00", "99999-01-01T00:00"])
def test_officer_form_refuses_implausible_dates_and_shows_what_was_typed(demo: dict[str, Any], value: str) -> None:
    response = signed_in_client(OFFICER).post("/lapor/petugas/baru/", {
        "channel": "telepon", "idem": "k" * 20, "received_at": value, "victim_birth_date": "2999-01-01",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert value in html and "2999-01-01" in html


def test_case_form_refuses_year_one(demo: dict[str, Any]) -> None:
    from simpul.cases.models import Case

    before = Case.objects.count()
    response = signed_in_client("manajer_kasus.hss").post("/kasus/baru/", {
        "region": "63.06", "jenis_kasus": "ktp", "risk": "sedang", "kewenangan": "kabkota", "channel": "langsung", "reported_at": "0001-01-01",
    })
    assert response.status_code in (200, 400)
    assert "0001-01-01" in response.content.decode()
    assert Case.objects.count() == before
    assert not Case.objects.filter(number__contains="/1/").exists()


@pytest.mark.parametrize("year", ["-1", "0", str(10**30), "abc", "9999"])
def test_prevention_year_filter_is_bounded(demo: dict[str, Any], year: str) -> None:
    assert signed_in_client("kepala.hss").get(f"/pencegahan/?tahun={year}").status_code == 200


def test_outreach_calendar_week_of_year_one(demo: dict[str, Any]) -> None:
    from django.urls import reverse

    response = signed_in_client("kepala.hss").get(reverse("outreach:calendar") + "?minggu=0001-01-01")
    assert response.status_code in (200, 403)


# --- attachments -------------------------------------------------------------------------------


def test_file_names_lose_bidi_characters_and_download_with_the_content_extension() -> None:
    from simpul.files.services import ascii_filename, safe_display_name

    assert safe_display_name("laporan\u202efdp.exe") == "laporanfdp.exe"
    assert ascii_filename("laporan\u202efdp.exe", "application/pdf") == "laporanfdp.exe.pdf"
    assert ascii_filename("surat.pdf", "application/pdf") == "surat.pdf"
    assert safe_display_name("a\x00b\udfff.txt") == "ab?.txt"
    assert len(safe_display_name("a" * 5000)) == 200


def test_a_too_long_file_name_gets_a_message(demo: dict[str, Any]) -> None:
    from simpul.cases.tests.factories import open_case

    case = open_case(demo)
    client = signed_in_client("manajer_kasus.hss")
    # Built by hand: Django's own UploadedFile would cut the name to 255 characters.
    body = (
        "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"" + "a" * 5000 + ".txt\"\r\n"
        "Content-Type: text/plain\r\n\r\nisi sintetis\r\n--BoUnDaRy--\r\n"
    )
    response = client.generic("POST", f"/kasus/{case.uid}/lampiran/", body.encode(), content_type="multipart/form-data; boundary=BoUnDaRy")
    assert response.status_code == 400
    assert "nama berkasnya mungkin terlalu panjang" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/nope", "/api/v1/intake/not-a-uuid", "/api/v1/cases/xyz/referrals"])
def test_unknown_api_paths_are_json_404(demo: dict[str, Any], url: str) -> None:
    response = _bearer(demo).get(url)
    assert response.status_code in (404, 422)  # a malformed UUID in a declared path is a 422
    assert response["Content-Type"].startswith("application/json") and response.json()["message"]
