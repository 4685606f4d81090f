"""The intake API (token scopes, idempotency, scoping) and the signed messaging-gateway webhook."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from simpul.api.tokens import token_create
from simpul.intake.models import Channel, Report, ReportMessage
from simpul.intake.services import webhook_signature
from simpul.intake.tests.helpers import officer_report

pytestmark = pytest.mark.django_db

SECRET = "rahasia-uji-sintetis"  # noqa: S105 - test secret


def _token(demo: Any, username: str, scopes: list[str]) -> str:
    _tok, raw = token_create(user=demo["user"][username], scopes=scopes, days=1)
    return raw


def _post(client: Client, raw: str, body: dict[str, Any], key: str = "") -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post("/api/v1/intake", json.dumps(body), content_type="application/json", **headers)


def test_hotline_creates_reports_idempotently(demo: Any) -> None:
    raw = _token(demo, "petugas_pengaduan.hss", ["intake:create", "intake:read"])
    client = Client()
    body = {"story": "Telepon dari tetangga Siti Contoh.", "channel": "sapa129", "region_code": "63.06.05", "external_ref": "SAPA-0001"}
    first = _post(client, raw, body, key="tiket-0001")
    assert first.status_code == 201, first.content
    again = _post(client, raw, body, key="tiket-0001")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Report.objects.count() == 1
    report = Report.objects.get()
    assert report.channel == Channel.SAPA129 and report.organisation == demo["org"]["uptd.hss"]
    detail = client.get(f"/api/v1/intake/{report.uid}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert detail.status_code == 200 and detail.json()["story"] == "Telepon dari tetangga Siti Contoh."


def test_scope_and_validation(demo: Any) -> None:
    read_only = _token(demo, "petugas_pengaduan.hss", ["intake:read"])
    assert _post(Client(), read_only, {"story": "x"}).status_code == 403
    raw = _token(demo, "petugas_pengaduan.hss", ["intake:create"])
    bad = _post(Client(), raw, {"story": "x", "channel": "portal", "region_code": "99.99"})
    assert bad.status_code == 422
    assert set(bad.json()["detail"]) == {"channel", "region_code"}
    assert _post(Client(), raw, {"channel": "telepon"}).status_code == 422  # story missing
    relawan = _token(demo, "relawan.hss", ["intake:create"])
    assert _post(Client(), relawan, {"story": "x"}).status_code == 403
    no_read = Client().get("/api/v1/intake", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert no_read.status_code == 403


def test_list_is_scoped_and_constant_in_queries(demo: Any, django_assert_max_num_queries: Any) -> None:
    raw = _token(demo, "petugas_pengaduan.hss", ["intake:read"])
    for _ in range(3):
        officer_report(demo)
    officer_report(demo, "petugas_pengaduan.okus", region_id="16.09")
    client = Client()
    with django_assert_max_num_queries(8) as few:
        data = client.get("/api/v1/intake?limit=50", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert data["count"] == 3 and "story" not in data["items"][0]
    for _ in range(10):
        officer_report(demo)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get("/api/v1/intake?limit=50", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert data["count"] == 13


def _hook(client: Client, body: dict[str, Any], *, ts: int | None = None, secret: str = SECRET, sig: str | None = None) -> Any:
    raw = json.dumps(body).encode()
    stamp = str(ts if ts is not None else int(time.time()))
    signature = sig if sig is not None else "sha256=" + webhook_signature(secret, stamp, raw)
    return client.post(
        "/api/v1/intake/webhook/messages", raw, content_type="application/json",
        HTTP_X_SIMPUL_TIMESTAMP=stamp, HTTP_X_SIMPUL_SIGNATURE=signature,
    )


def test_webhook_refuses_everything_without_a_secret(demo: Any) -> None:
    assert _hook(Client(), {"from": "+6281200000001", "message_id": "a1", "text": "tolong"}).status_code == 503
    assert Report.objects.count() == 0


def test_webhook_starts_and_continues_a_conversation(demo: Any) -> None:
    with override_settings(SIMPUL_WEBHOOK_SECRET=SECRET, SIMPUL_WEBHOOK_ORGANISATION=str(demo["org"]["uptd.hss"].pk)):
        client = Client()
        first = _hook(client, {"from": "0812-0000-3333", "message_id": "wa-1", "text": "Tolong, saya dipukul.", "timestamp": 1})
        assert first.status_code == 200 and first.json()["status"] == "created"
        report = Report.objects.get()
        assert report.channel == Channel.WHATSAPP and report.story == "Tolong, saya dipukul."
        assert report.reporter_contact == "0812-0000-3333" and report.reporter_phone_bidx
        assert report.organisation == demo["org"]["uptd.hss"]
        second = _hook(client, {"from": "+62 812 0000 3333", "message_id": "wa-2", "text": "Saya di Kandangan."})
        assert second.json() == {"status": "appended", "tracking_code": report.display_code}
        assert ReportMessage.objects.get().body == "Saya di Kandangan."
        # Replay of a message id, a bad signature, a stale timestamp: refused, nothing stored.
        assert _hook(client, {"from": "+6281200003333", "message_id": "wa-2", "text": "ulang"}).status_code == 409
        assert _hook(client, {"from": "+6281200009999", "message_id": "wa-3", "text": "x"}, secret="salah").status_code == 401
        assert _hook(client, {"from": "+6281200009999", "message_id": "wa-4", "text": "x"}, ts=int(time.time()) - 301).status_code == 401
        assert _hook(client, {"from": "+6281200009999", "message_id": "wa-5", "text": "x"}, sig="").status_code == 401
        assert _hook(client, {"from": "", "message_id": "wa-6", "text": "x"}).status_code == 422
        assert Report.objects.count() == 1 and ReportMessage.objects.count() == 1
        # A different sender starts a new report.
        assert _hook(client, {"from": "+6281200004444", "message_id": "wa-7", "text": "Halo"}).json()["status"] == "created"
        assert Report.objects.count() == 2


def test_accept_as_case_over_the_api_opens_the_case_from_the_report_facts(demo: Any) -> None:
    from simpul.cases.models import Case, CaseParty
    from simpul.intake import services

    hss = demo["user"]["petugas_pengaduan.hss"]
    report = services.report_record(
        actor=hss, data={"channel": "telepon", "story": "Cerita sintetis.", "region_id": "63.06.05", "victim_name": "Siti Contoh"}
    )
    raw = _token(demo, "manajer_kasus.hss", ["cases:write"])
    client = Client()
    url = f"/api/v1/intake/{report.uid}/case"
    before = client.post(url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert before.status_code == 422 and "triase" in before.content.decode()
    services.report_triage(actor=hss, report=report, jenis_kasus="ampk", ampk_category="i", checklist=["luka_berat"], kewenangan="kab_kota")
    wrong_scope = _token(demo, "manajer_kasus.hss", ["intake:read"])
    assert client.post(url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {wrong_scope}").status_code == 403
    r = client.post(url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 201, r.content
    case = Case.objects.get(uid=r.json()["id"])
    assert (case.jenis_kasus, case.risk, case.region_id, case.channel, case.source_report_uid) == (
        "ampk", "tinggi", "63.06.05", "telepon", report.uid
    )
    report.refresh_from_db()
    assert case.reported_at == timezone.localdate(report.received_at)
    victim = CaseParty.objects.get(case=case, role="korban")
    assert victim.person.full_name == "Siti Contoh" and victim.ampk_category == "i"
    assert report.status == "diterima_sebagai_kasus" and report.case_id == case.pk
    outsider = _token(demo, "manajer_kasus.okus", ["cases:write"])
    other = officer_report(demo)
    assert client.post(f"/api/v1/intake/{other.uid}/case", content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
