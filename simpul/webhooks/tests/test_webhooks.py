"""Outbound webhooks against a real local receiver: signature, payload without identifying data,
timeouts and 500s retried with backoff, dead letter after N attempts, "retry now", SSRF checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from simpul.audit.models import AuditEvent
from simpul.notify.tests.helpers import VICTIM_NAME, VICTIM_NIK, VICTIM_PHONE, case_with_victim, referral
from simpul.testing import signed_in_client
from simpul.webhooks import events, net, services
from simpul.webhooks.models import Attempt, Delivery, Endpoint, Status
from simpul.webhooks.tests.receiver import receiver

pytestmark = pytest.mark.django_db

LOCAL = {"SIMPUL_WEBHOOKS_ALLOW_HTTP": True, "SIMPUL_WEBHOOKS_ALLOW_PRIVATE": True, "SIMPUL_WEBHOOKS_TIMEOUT": 1}


def _endpoint(demo: dict[str, Any], url: str, types: list[str], org: str = "uptd.hss") -> tuple[Endpoint, str]:
    return services.endpoint_create(actor=demo["user"]["admin.hss" if org.endswith("hss") else "admin.okus"],
                                    organisation=demo["org"][org], url=url, event_types=types)


def _later(hours: int = 7) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=hours)


def _verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    expected = hmac.new(secret.encode(), headers["x-simpul-timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["x-simpul-signature"])


@override_settings(**LOCAL, SIMPUL_WEBHOOKS_MAX_ATTEMPTS=5)
def test_timeout_then_500_then_success_signed_and_without_identifying_data(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with receiver(["sleep", 500, 200]) as rx:
        endpoint, secret = _endpoint(demo, rx.url, ["case.opened", "referral.sent"])
        with django_capture_on_commit_callbacks(execute=True):
            case = case_with_victim(demo)
        delivery = Delivery.objects.get(endpoint=endpoint, event_type="case.opened")
        assert delivery.status == Status.RETRYING and delivery.attempts == 1
        assert delivery.next_attempt_at > timezone.now() + dt.timedelta(seconds=20)  # backoff, not at once
        assert services.retry_due() == 0  # not due yet
        with django_capture_on_commit_callbacks(execute=True):
            services.retry_due(_later())
        delivery.refresh_from_db()
        assert delivery.status == Status.RETRYING and delivery.attempts == 2 and delivery.last_status_code == 500
        with django_capture_on_commit_callbacks(execute=True):
            services.retry_due(_later(14))
        delivery.refresh_from_db()
        assert delivery.status == Status.DELIVERED and delivery.attempts == 3 and delivery.delivered_at is not None
        log = list(Attempt.objects.filter(delivery=delivery).order_by("number"))
        assert [a.status_code for a in log] == [None, 500, 200]
        assert "Waktu habis" in log[0].error
        assert all(len(a.excerpt) <= 200 for a in log) and log[2].excerpt.startswith("ok ")
        # Every request the receiver saw is signed with the endpoint's secret over timestamp + body.
        assert len(rx.received) == 3
        for r in rx.received:
            assert _verify(secret, r.headers, r.body)
            assert r.headers["x-simpul-event"] == "case.opened"
            assert r.headers["x-simpul-delivery"] == str(delivery.uid)
        payload = json.loads(rx.received[-1].body)
        assert payload["type"] == "case.opened" and payload["object"] == {"type": "case", "id": str(case.uid)}
        assert payload["organisation_id"] == demo["org"]["uptd.hss"].pk
        # A tampered body does not verify.
        assert not _verify(secret, rx.received[-1].headers, rx.received[-1].body.replace(b"case", b"kasus"))
        # Ids and codes only: no name, NIK, phone, case number or content anywhere.
        for r in rx.received:
            text = r.body.decode()
            for value in (VICTIM_NAME, "Siti", VICTIM_NIK, VICTIM_PHONE, VICTIM_PHONE.replace("-", ""), case.number):
                assert value not in text


@override_settings(**LOCAL)
def test_referral_sent_reaches_sender_and_partner_with_ids_only(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with receiver([]) as rx:
        ours, _s1 = _endpoint(demo, rx.url, ["referral.sent"])
        partner = Endpoint.objects.create(organisation=demo["org"]["polres.hss"], url=rx.url, event_types=["referral.sent"], secret="whsec_test")
        other, _s2 = _endpoint(demo, rx.url, ["referral.sent", "case.opened"], org="uptd.okus")
        case = case_with_victim(demo)
        with django_capture_on_commit_callbacks(execute=True):
            ref = referral(demo, case)
        assert Delivery.objects.filter(endpoint=ours, status=Status.DELIVERED).count() == 1
        assert Delivery.objects.filter(endpoint=partner, status=Status.DELIVERED).count() == 1
        assert not Delivery.objects.filter(endpoint=other).exists()  # another organisation learns nothing
        payload = json.loads(rx.received[0].body)
        assert payload["object"] == {"type": "referral", "id": str(ref.uid)}
        assert payload["data"] == {"case_id": str(case.uid)}
        assert "Mohon proses" not in rx.received[0].body.decode()


@override_settings(**LOCAL, SIMPUL_WEBHOOKS_MAX_ATTEMPTS=3)
def test_dead_letter_after_n_attempts_then_retry_now(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with receiver([500, 503, 500, 200]) as rx:
        endpoint, _secret = _endpoint(demo, rx.url, ["case.opened"])
        with django_capture_on_commit_callbacks(execute=True):
            case_with_victim(demo)
        for hours in (7, 14, 21):
            with django_capture_on_commit_callbacks(execute=True):
                services.retry_due(_later(hours))
        delivery = Delivery.objects.get(endpoint=endpoint)
        assert delivery.status == Status.DEAD and delivery.attempts == 3 and len(rx.received) == 3
        assert services.retry_due(_later(100)) == 0  # a dead letter is not retried by itself

        admin = signed_in_client("admin.hss")
        page = admin.get("/webhook/gagal/")
        assert page.status_code == 200 and str(delivery.uid) in page.content.decode()
        # Another organisation's admin cannot see or retry it.
        other = signed_in_client("admin.okus")
        assert str(delivery.uid) not in other.get("/webhook/gagal/").content.decode()
        assert other.post(f"/webhook/kiriman/{delivery.uid}/ulang/").status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            resp = admin.post(f"/webhook/kiriman/{delivery.uid}/ulang/", {"dari": "gagal"})
        assert resp.status_code == 302
        delivery.refresh_from_db()
        assert delivery.status == Status.DELIVERED and delivery.attempts == 4
        assert AuditEvent.objects.filter(action="webhooks.delivery_retry", object_id=str(delivery.pk)).exists()
        assert str(delivery.uid) not in admin.get("/webhook/gagal/").content.decode()
        detail = admin.get(f"/webhook/{endpoint.uid}/").content.decode()
        assert "case.opened" in detail and "503" in detail


@override_settings(SIMPUL_WEBHOOKS_ALLOW_HTTP=True, SIMPUL_WEBHOOKS_ALLOW_PRIVATE=False, SIMPUL_WEBHOOKS_TIMEOUT=1)
def test_a_private_address_is_refused_at_send_time_too(demo: dict[str, Any]) -> None:
    with receiver([]) as rx:
        # Registered while private addresses were allowed (or pointed there by DNS later).
        endpoint = Endpoint.objects.create(organisation=demo["org"]["uptd.hss"], url=rx.url, event_types=["case.opened"], secret="whsec_x")
        d = Delivery.objects.create(endpoint=endpoint, event_id="00000000-0000-4000-8000-000000000001", event_type="case.opened", payload={})
        assert services.deliver(d.pk) == Status.RETRYING
        assert rx.received == []
        assert "pribadi" in Attempt.objects.get(delivery=d).error


@pytest.mark.parametrize(
    ("url", "allow_http", "allow_private", "ok"),
    [
        ("https://93.184.216.34/hook", False, False, True),
        ("http://93.184.216.34/hook", False, False, False),
        ("http://93.184.216.34/hook", True, False, True),
        ("https://127.0.0.1/hook", False, False, False),
        ("https://10.1.2.3/hook", False, False, False),
        ("https://192.168.1.1/hook", False, False, False),
        ("https://169.254.169.254/latest/meta-data", False, False, False),
        ("https://[::1]/hook", False, False, False),
        ("https://[::ffff:127.0.0.1]/hook", False, False, False),
        ("https://0.0.0.0/hook", False, False, False),
        ("https://localhost/hook", False, False, False),
        ("https://127.0.0.1/hook", False, True, True),
        ("https://user:pw@93.184.216.34/hook", False, False, False),
        ("ftp://93.184.216.34/hook", True, True, False),
        ("https:///nohost", False, False, False),
    ],
)
def test_target_url_rules(url: str, allow_http: bool, allow_private: bool, ok: bool) -> None:
    with override_settings(SIMPUL_WEBHOOKS_ALLOW_HTTP=allow_http, SIMPUL_WEBHOOKS_ALLOW_PRIVATE=allow_private):
        if ok:
            net.check_url(url)
        else:
            with pytest.raises(ValidationError):
                net.check_url(url)


def test_register_page_shows_the_secret_once_and_stores_it_sealed(demo: dict[str, Any]) -> None:
    admin = signed_in_client("admin.hss")
    with override_settings(**LOCAL):
        resp = admin.post("/webhook/", {"url": "https://93.184.216.34/terima", "organisation": demo["org"]["uptd.hss"].pk,
                                        "event_types": ["case.opened", "report.received"], "description": "SIMFONI"})
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    body = resp.content.decode()
    endpoint = Endpoint.objects.get(url="https://93.184.216.34/terima")
    secret = endpoint.secret
    assert secret.startswith("whsec_") and secret in body
    with connection.cursor() as cur:
        cur.execute("SELECT secret FROM webhooks_endpoint WHERE id = %s", [endpoint.pk])
        assert secret not in cur.fetchone()[0]
    assert secret not in admin.get(f"/webhook/{endpoint.uid}/").content.decode()
    assert secret not in admin.get("/webhook/").content.decode()
    ev = AuditEvent.objects.filter(action="webhooks.endpoint_create").latest("seq")
    assert secret not in json.dumps(ev.extra)


def test_register_page_refuses_bad_input_in_indonesian_and_keeps_what_was_typed(demo: dict[str, Any]) -> None:
    admin = signed_in_client("admin.hss")
    resp = admin.post("/webhook/", {"url": "http://127.0.0.1:9/x", "organisation": demo["org"]["uptd.hss"].pk, "event_types": ["case.opened"]})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "https://" in body and "http://127.0.0.1:9/x" in body
    resp = admin.post("/webhook/", {"url": "https://93.184.216.34/x", "organisation": demo["org"]["uptd.hss"].pk, "event_types": ["tidak.ada"]})
    assert resp.status_code == 400
    assert not Endpoint.objects.exists()


def test_only_an_admin_of_the_organisation_registers(demo: dict[str, Any]) -> None:
    with pytest.raises(Exception) as exc:
        services.endpoint_create(actor=demo["user"]["kepala.hss"], organisation=demo["org"]["uptd.hss"],
                                 url="https://93.184.216.34/x", event_types=["case.opened"])
    assert type(exc.value).__name__ == "AccessDenied"
    with pytest.raises(Exception):
        services.endpoint_create(actor=demo["user"]["admin.okus"], organisation=demo["org"]["uptd.hss"],
                                 url="https://93.184.216.34/x", event_types=["case.opened"])


@override_settings(SIMPUL_WEBHOOKS_BACKOFF_SECONDS=30)
def test_backoff_doubles_and_is_capped() -> None:
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert services.backoff(30) == dt.timedelta(hours=6)


def test_inactive_endpoint_receives_nothing(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    endpoint, _secret = _endpoint(demo, "https://93.184.216.34/x", ["case.opened"])
    services.endpoint_set_active(actor=demo["user"]["admin.hss"], endpoint=endpoint, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        case_with_victim(demo)
    assert not Delivery.objects.exists()


def test_every_event_type_is_documented_and_mapped() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "webhooks.md").read_text(encoding="utf-8")
    for event_type in events.EVENT_TYPES:
        assert f"`{event_type}`" in doc, event_type
    assert {m.event_type for m in events.MAPPINGS} == set(events.EVENT_TYPES)


def test_endpoint_list_and_log_pages_use_a_constant_number_of_queries(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    for i in range(6):
        endpoint = Endpoint.objects.create(organisation=demo["org"]["uptd.hss"], url=f"https://93.184.216.34/{i}", event_types=["case.opened"], secret="whsec_x")
        for j in range(4):
            d = Delivery.objects.create(endpoint=endpoint, event_id=f"00000000-0000-4000-8000-0000000000{i}{j}", event_type="case.opened", payload={}, status="dead")
            Attempt.objects.create(delivery=d, number=1, status_code=500)
    admin = signed_in_client("admin.hss")
    with django_assert_max_num_queries(14):
        assert admin.get("/webhook/").status_code == 200
    with django_assert_max_num_queries(14):
        assert admin.get("/webhook/gagal/").status_code == 200
    with django_assert_max_num_queries(16):
        assert admin.get(f"/webhook/{endpoint.uid}/").status_code == 200


def test_case_closed_is_an_approved_termination_only() -> None:
    from simpul.audit.events import Event

    def types(**extra: Any) -> list[str]:
        return events.event_types_for(Event.of("case.approval_decide", 1, 1, "cases.case", "1", extra))

    assert types(kind="termination", approved=True) == ["case.closed"]
    assert types(kind="termination", approved=False) == []
    assert types(kind="plan", approved=True) == []
