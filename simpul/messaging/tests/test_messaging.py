"""Two-way messaging with reporters, against a local fake gateway (fakegateway.py): nothing sent
twice, nothing lost, nothing outside the allowed times, do-not-contact respected, neutral texts."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from simpul.audit.models import AuditEvent
from simpul.intake import services as intake
from simpul.intake.models import Report, ReportMessage
from simpul.intake.tests.helpers import STORY, officer_report
from simpul.messaging import policy, services, texts
from simpul.messaging.models import ContactPreference, OutboundMessage, State
from simpul.messaging.tests.fakegateway import FakeGateway
from simpul.notify.models import Notification
from simpul.testing import signed_in_client

PHONE = "0812-0000-1111"
SECRET = "rahasia-uji-webhook"
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def gateway(settings: Any) -> Iterator[FakeGateway]:
    with FakeGateway() as fake:
        settings.SIMPUL_MESSAGING_WHATSAPP_API_URL = fake.url
        settings.SIMPUL_MESSAGING_WHATSAPP_PHONE_NUMBER_ID = "1234567890"
        settings.SIMPUL_MESSAGING_WHATSAPP_TOKEN = "wa-token"
        settings.SIMPUL_MESSAGING_SMS_URL = fake.url + "/sms/send"
        settings.SIMPUL_MESSAGING_SMS_TOKEN = "sms-token"
        settings.SIMPUL_MESSAGING_TIMEOUT = 0.3
        settings.SIMPUL_MESSAGING_DEFAULT_WINDOW = "00.00-24.00"
        settings.SIMPUL_MESSAGING_RETRY_BASE = 60
        yield fake


def _report(demo: Any, *, channel: str = "telepon", safe: dict[str, Any] | None = None, **data: Any) -> Report:
    fields: dict[str, Any] = {"channel": channel, "reporter_contact": PHONE, "reporter_name": "Budi Sintetis"}
    fields["safe_contact"] = safe if safe is not None else {"message": "ya", "call": "tidak", "times": "", "do_not_contact": False}
    fields.update(data)
    return officer_report(demo, **fields)


def _send(demo: Any, report: Report, run: Any, template: str = texts.DEFAULT, text: str = "", now: dt.datetime | None = None) -> OutboundMessage:
    with run(execute=True):
        msg = services.message_queue(actor=demo["user"]["petugas_pengaduan.hss"], report=report, template=template, text=text, now=now)
    msg.refresh_from_db()
    return msg


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of December 2026 in WITA (the demo UPTD PPA HSS's time zone). 4 Dec is a Friday."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=WITA)


# --- adapters and sealing ----------------------------------------------------------------------


def test_reply_to_a_whatsapp_reporter_goes_back_on_whatsapp_in_the_cloud_api_format(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo, channel="whatsapp", safe={})
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.SENT and msg.provider_message_id == "prov-1" and msg.attempts == 1
    [request] = gateway.requests
    assert request["path"] == "/1234567890/messages" and request["auth"] == "Bearer wa-token"
    body = request["body"]
    assert body["messaging_product"] == "whatsapp" and body["type"] == "text" and body["to"] == "6281200001111"
    assert body["text"]["body"] == "Ada balasan untuk laporan Anda. Buka halaman status dengan kode Anda."
    assert request["key"] == msg.idempotency_key == body["biz_opaque_callback_data"]
    # Text and number are sealed in the database; the number has a blind index.
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, \"to\" FROM messaging_outboundmessage WHERE id = %s", [msg.pk])
        stored_text, stored_to = cursor.fetchone()
    assert "balasan" not in stored_text and "1111" not in stored_to
    assert OutboundMessage.objects.filter(to_bidx=msg.to_bidx).count() == 1 and msg.to_bidx
    assert AuditEvent.objects.filter(action="messaging.send").count() == 1


def test_sms_through_the_generic_http_adapter_when_the_reporter_chose_sms(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo)
    ContactPreference.objects.create(report=report, channel="sms")
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    [request] = gateway.requests
    assert request["path"] == "/sms/send" and request["auth"] == "Bearer sms-token"
    assert request["body"] == {"to": "6281200001111", "text": texts.text_of("balasan"), "idempotency_key": msg.idempotency_key}
    assert request["key"] == msg.idempotency_key and msg.state == State.SENT


# --- failures: retried, never twice, never lost ------------------------------------------------


def test_a_5xx_is_retried_with_backoff_and_the_message_sent_once(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.script = ["500", "429"]
    report = _report(demo)
    start = dt.datetime.now(dt.UTC)
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.QUEUED and msg.attempts == 1 and msg.last_error == "http_500"
    assert dt.timedelta(seconds=59) < msg.not_before - start < dt.timedelta(seconds=120)
    assert services.sweep(now=start + dt.timedelta(seconds=30)) == 0  # not due yet: nothing tried
    assert len(gateway.requests) == 1
    assert services.sweep(now=start + dt.timedelta(seconds=125)) == 0  # second attempt: 429
    msg.refresh_from_db()
    assert msg.attempts == 2 and msg.last_error == "http_429"
    assert msg.not_before - (start + dt.timedelta(seconds=125)) >= dt.timedelta(seconds=119)  # doubled
    assert services.sweep(now=start + dt.timedelta(seconds=400)) == 1
    msg.refresh_from_db()
    assert msg.state == State.SENT and msg.attempts == 3
    assert len(gateway.delivered) == 1 and {r["key"] for r in gateway.requests} == {msg.idempotency_key}
    assert services.sweep(now=start + dt.timedelta(hours=5)) == 0 and len(gateway.requests) == 3


def test_a_timeout_at_an_idempotent_gateway_is_retried_with_the_same_key_and_reaches_the_phone_once(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.script = ["timeout"]
    report = _report(demo)
    ContactPreference.objects.create(report=report, channel="sms")
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.QUEUED and msg.last_error == "timeout"
    assert len(gateway.delivered) == 1  # the gateway did take it before our client gave up
    assert services.sweep(now=msg.not_before + dt.timedelta(seconds=1)) == 1
    msg.refresh_from_db()
    assert msg.state == State.SENT and msg.provider_message_id == "prov-1"
    assert len(gateway.requests) == 2 and len(gateway.delivered) == 1


def test_a_timeout_at_whatsapp_is_not_retried_because_the_cloud_api_has_no_idempotency(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.idempotent = False
    gateway.script = ["timeout"]
    report = _report(demo, channel="whatsapp", safe={})
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.FAILED and msg.last_error == "uncertain_timeout"
    assert services.sweep(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 0
    assert len(gateway.requests) == 1 and len(gateway.delivered) == 1


def test_a_refused_connection_is_retried_and_nothing_is_lost(demo: Any, gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo, channel="whatsapp", safe={})
    settings.SIMPUL_MESSAGING_WHATSAPP_API_URL = "http://127.0.0.1:9"  # discard port: nobody listens
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.QUEUED and msg.last_error == "unreachable"
    settings.SIMPUL_MESSAGING_WHATSAPP_API_URL = gateway.url
    assert services.sweep(now=msg.not_before) == 1
    assert len(gateway.delivered) == 1


def test_a_dropped_connection_is_retried_at_the_idempotent_sms_gateway(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.script = ["drop"]
    report = _report(demo)
    ContactPreference.objects.create(report=report, channel="sms")
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.QUEUED and msg.last_error == "connection_lost"
    assert services.sweep(now=msg.not_before) == 1
    assert len(gateway.requests) == 2 and len(gateway.delivered) == 1


def test_attempts_used_up_leave_a_visible_failed_message(demo: Any, gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.SIMPUL_MESSAGING_MAX_ATTEMPTS = 3
    gateway.script = ["500"] * 3
    report = _report(demo)
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    later = dt.datetime.now(dt.UTC)
    for _ in range(3):
        later += dt.timedelta(hours=2)
        services.sweep(now=later)
    msg.refresh_from_db()
    assert msg.state == State.FAILED and msg.attempts == 3 and msg.last_error == "http_500"
    assert len(gateway.requests) == 3 and not gateway.delivered
    assert AuditEvent.objects.filter(action="messaging.fail").count() == 1


def test_a_400_is_not_retried(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.script = ["400"]
    msg = _send(demo, _report(demo), django_capture_on_commit_callbacks)
    assert msg.state == State.FAILED and msg.last_error == "refused_400" and len(gateway.requests) == 1


def test_a_sent_or_claimed_message_is_never_sent_again(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    msg = _send(demo, _report(demo), django_capture_on_commit_callbacks)
    assert services.deliver(str(msg.uid)) == "already_sent"
    assert len(gateway.requests) == 1
    # Another worker holds a fresh claim: this one leaves it alone.
    other = _report(demo)
    with django_capture_on_commit_callbacks(execute=False):
        claimed = services.message_queue(actor=demo["user"]["petugas_pengaduan.hss"], report=other, template="kabar")
    now = dt.datetime.now(dt.UTC)
    OutboundMessage.objects.filter(pk=claimed.pk).update(state=State.SENDING, claimed_at=now, attempts=1)
    assert services.deliver(str(claimed.uid), now=now) == "busy"
    assert len(gateway.requests) == 1
    # That worker died: after the stale time the message is sent (same key, idempotent SMS gateway).
    ContactPreference.objects.create(report=other, channel="sms")
    OutboundMessage.objects.filter(pk=claimed.pk).update(channel="sms")
    assert services.sweep(now=now + dt.timedelta(hours=1)) == 1
    assert len(gateway.delivered) == 2


def test_duplicate_and_late_delivery_receipts_change_nothing(demo: Any, gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from simpul.intake.services import webhook_signature

    settings.SIMPUL_WEBHOOK_SECRET = SECRET
    msg = _send(demo, _report(demo), django_capture_on_commit_callbacks)

    def receipt(status: str, sig: str | None = None) -> Any:
        raw = json.dumps({"id": msg.provider_message_id, "status": status}).encode()
        stamp = str(int(time.time()))
        return Client().post("/api/v1/messaging/webhook/status", raw, content_type="application/json", HTTP_X_SIMPUL_TIMESTAMP=stamp,
                             HTTP_X_SIMPUL_SIGNATURE=sig or "sha256=" + webhook_signature(SECRET, stamp, raw))

    assert receipt("delivered", sig="sha256=00").status_code == 401
    for _ in range(2):
        answer = receipt("delivered")
        assert answer.status_code == 200 and answer.json() == {"state": "delivered"}
    assert receipt("sent").json() == {"state": "delivered"}
    assert receipt("failed").json() == {"state": "delivered"}
    msg.refresh_from_db()
    assert msg.state == State.DELIVERED and msg.delivered_at is not None
    assert AuditEvent.objects.filter(action="messaging.delivered").count() == 1


# --- allowed times -----------------------------------------------------------------------------


def test_never_sent_outside_the_allowed_times_deferred_to_the_next_window_in_the_organisations_time_zone(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo, safe={"message": "ya", "times": "hari kerja pukul 09.00-12.00"})
    assert policy.time_zone(report) == "Asia/Makassar"
    msg = _send(demo, report, django_capture_on_commit_callbacks, now=_at(4, 13))  # Friday 13.00 WITA
    assert msg.state == State.QUEUED and msg.not_before == _at(7, 9)  # Monday 09.00 WITA
    assert services.sweep(now=_at(6, 10)) == 0  # Sunday: not due
    assert services.deliver(str(msg.uid), now=_at(6, 10)) == "not_due"
    assert not gateway.requests
    assert services.sweep(now=_at(7, 9, 1)) == 1
    assert len(gateway.delivered) == 1


def test_a_retry_that_falls_outside_the_window_waits_for_the_next_one(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    gateway.script = ["500"]
    report = _report(demo, safe={"message": "ya", "times": "hari kerja pukul 09.00-12.00"})
    with django_capture_on_commit_callbacks(execute=True):
        msg = services.message_queue(actor=demo["user"]["petugas_pengaduan.hss"], report=report, template="balasan", now=_at(4, 11, 59))
    assert services.deliver(str(msg.uid), now=_at(4, 11, 59, )) == "retry"
    assert services.deliver(str(msg.uid), now=_at(4, 12, 1)) == "deferred"
    msg.refresh_from_db()
    assert msg.state == State.QUEUED and msg.not_before == _at(7, 9)
    assert len(gateway.requests) == 1
    assert services.sweep(now=_at(7, 9)) == 1


# --- consent -----------------------------------------------------------------------------------


def test_do_not_contact_is_respected_even_after_queueing(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    refused = _report(demo, do_not_contact=True)
    with pytest.raises(ValidationError) as err:
        services.message_queue(actor=demo["user"]["petugas_pengaduan.hss"], report=refused, template="balasan")
    assert "tidak dihubungi" in str(err.value)
    report = _report(demo, safe={"message": "ya", "times": "hari kerja pukul 09.00-12.00"})
    msg = _send(demo, report, django_capture_on_commit_callbacks, now=_at(4, 13))
    # The reporter changes their mind before the window opens.
    report.safe_contact = {**report.safe_contact, "do_not_contact": True}
    report.save()
    services.sweep(now=_at(7, 9, 30))
    msg.refresh_from_db()
    assert msg.state == State.CANCELLED and msg.last_error == "do_not_contact"
    assert not gateway.requests


@pytest.mark.parametrize("safe, channel, reason", [
    ({"message": "tidak"}, "whatsapp", "no_consent"),
    ({"message": ""}, "telepon", "no_consent"),
    (None, "telepon", "no_consent"),
    ({"message": "ya", "times": "kapan saja asal suami tidak di rumah"}, "telepon", "unreadable_times"),
])
def test_no_message_without_the_reporters_consent_or_readable_times(demo: Any, gateway: FakeGateway, safe: Any, channel: str, reason: str) -> None:
    report = _report(demo, channel=channel, safe=safe if safe is not None else {})
    with pytest.raises(policy.NotAllowed) as err:
        policy.contact_for(report)
    assert err.value.reason == reason
    with pytest.raises(ValidationError):
        services.message_queue(actor=demo["user"]["petugas_pengaduan.hss"], report=report, template="balasan")
    assert not OutboundMessage.objects.exists()


def test_no_message_to_an_email_address(demo: Any, gateway: FakeGateway) -> None:
    report = _report(demo, reporter_contact="budi@example.org")
    with pytest.raises(policy.NotAllowed) as err:
        policy.contact_for(report)
    assert err.value.reason == "no_number"


# --- neutral texts -----------------------------------------------------------------------------


def test_no_template_carries_identifying_or_case_text(demo: Any, gateway: FakeGateway) -> None:
    report = _report(demo, victim_name="Siti Contoh")
    forbidden = [report.tracking_code, report.display_code, "Budi", "Siti", "8120000", "1111", "kekerasan", "PPA", "UPTD", "polisi",
                 "kasus", "korban", "pukul", "dipukul", "Kandangan", "Hulu Sungai"] + [w for w in STORY.split() if len(w) > 5]
    for template in texts.TEMPLATES.values():
        lowered = template.text.lower()
        assert not [w for w in forbidden if w.lower() in lowered], template.code
    assert texts.text_of(texts.DEFAULT) == "Ada balasan untuk laporan Anda. Buka halaman status dengan kode Anda."


def test_free_text_only_when_the_reporter_allowed_it(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo)
    officer = demo["user"]["petugas_pengaduan.hss"]
    with pytest.raises(ValidationError) as err:
        services.message_queue(actor=officer, report=report, template=texts.FREE_TEXT, text="Besok jam 10 ke kantor.")
    assert "templat" in str(err.value)
    with pytest.raises(ValidationError):
        services.message_queue(actor=officer, report=report, template="karangan", text="")
    ContactPreference.objects.create(report=report, full_text=True)
    msg = _send(demo, report, django_capture_on_commit_callbacks, template=texts.FREE_TEXT, text="Besok jam 10 ke kantor.")
    assert msg.text == "Besok jam 10 ke kantor." and gateway.requests[0]["body"]["text"]["body"] == "Besok jam 10 ke kantor."


# --- from intake's events ----------------------------------------------------------------------


def test_an_officers_public_reply_pings_the_reporter_neutrally_and_an_internal_note_does_not(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo)
    officer = demo["user"]["petugas_pengaduan.hss"]
    with django_capture_on_commit_callbacks(execute=True):
        intake.message_post_officer(actor=officer, report=report, body="Catatan internal: pelapor tinggal bersama pelaku.", internal=True)
    assert not OutboundMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        intake.message_post_officer(actor=officer, report=report, body="Kami akan menghubungi Anda besok pukul 10.", internal=False)
    [msg] = OutboundMessage.objects.all()
    assert msg.state == State.SENT and msg.text == texts.text_of("balasan") and msg.created_by is None
    assert "besok" not in json.dumps(gateway.requests)


def test_status_updates_only_for_a_reporter_who_asked(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    officer = demo["user"]["petugas_pengaduan.hss"]
    quiet, keen = _report(demo), _report(demo)
    ContactPreference.objects.create(report=keen, status_updates=True)
    for report in (quiet, keen):
        with django_capture_on_commit_callbacks(execute=True):
            intake.report_triage(actor=officer, report=report, jenis_kasus="ampk", ampk_category="i", checklist=[])
    [msg] = OutboundMessage.objects.all()
    assert msg.report_id == keen.pk and msg.template == texts.STATUS and msg.state == State.SENT


def test_inbound_whatsapp_threads_into_the_report_notifies_officers_and_the_reply_goes_back(demo: Any, gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from simpul.intake.services import webhook_signature

    settings.SIMPUL_WEBHOOK_SECRET = SECRET
    settings.SIMPUL_WEBHOOK_ORGANISATION = str(demo["org"]["uptd.hss"].pk)

    def hook(message_id: str, text: str) -> Any:
        raw = json.dumps({"from": "+62 812-0000-4444", "message_id": message_id, "text": text}).encode()
        stamp = str(int(time.time()))
        with django_capture_on_commit_callbacks(execute=True):
            return Client().post("/api/v1/intake/webhook/messages", raw, content_type="application/json",
                                 HTTP_X_SIMPUL_TIMESTAMP=stamp, HTTP_X_SIMPUL_SIGNATURE="sha256=" + webhook_signature(SECRET, stamp, raw))

    assert hook("wamid.1", "Tolong, saya butuh bantuan.").json()["status"] == "created"
    assert hook("wamid.2", "Saya aman sekarang.").json()["status"] == "appended"
    assert hook("wamid.2", "Saya aman sekarang.").status_code == 409  # a duplicate delivery of the gateway
    report = Report.objects.get()
    assert ReportMessage.objects.filter(report=report, author_kind="public").count() == 1
    assert Notification.objects.filter(kind="reporter_message").exists()
    msg = _send(demo, report, django_capture_on_commit_callbacks)
    assert msg.state == State.SENT and gateway.requests[-1]["body"]["to"] == "6281200004444"


def test_a_form_reporter_answering_our_message_threads_into_their_report(demo: Any, gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from simpul.intake.services import webhook_signature

    settings.SIMPUL_WEBHOOK_SECRET = SECRET
    settings.SIMPUL_WEBHOOK_ORGANISATION = str(demo["org"]["uptd.hss"].pk)
    report = _report(demo)
    _send(demo, report, django_capture_on_commit_callbacks, template="waktu")
    raw = json.dumps({"from": "+6281200001111", "message_id": "sms.9", "text": "Besok jam 10 aman."}).encode()
    stamp = str(int(time.time()))
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post("/api/v1/intake/webhook/messages", raw, content_type="application/json",
                               HTTP_X_SIMPUL_TIMESTAMP=stamp, HTTP_X_SIMPUL_SIGNATURE="sha256=" + webhook_signature(SECRET, stamp, raw))
    assert answer.json()["status"] == "appended" and Report.objects.count() == 1
    assert ReportMessage.objects.get(report=report).body == "Besok jam 10 aman."
    assert Notification.objects.filter(kind="reporter_message").exists()


# --- pages -------------------------------------------------------------------------------------


def test_officer_page_sends_a_template_and_reshows_a_refusal(demo: Any, gateway: FakeGateway, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    page = client.get(f"/pesan/laporan/{report.uid}/")
    assert page.status_code == 200 and "Ada balasan (netral, bawaan)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/pesan/laporan/{report.uid}/", {"template": "kabar"})
    assert sent.status_code == 302 and OutboundMessage.objects.get().state == State.SENT
    bad = client.post(f"/pesan/laporan/{report.uid}/", {"template": texts.FREE_TEXT, "text": "Datang besok"})
    assert bad.status_code == 400 and "Pilih salah satu" in bad.content.decode()
    refused = _report(demo, do_not_contact=True)
    page = client.get(f"/pesan/laporan/{refused.uid}/")
    assert page.status_code == 200 and "meminta tidak dihubungi" in page.content.decode()
    assert client.post(f"/pesan/laporan/{refused.uid}/", {"template": "balasan"}).status_code == 400
    assert signed_in_client("petugas_pengaduan.okus").get(f"/pesan/laporan/{report.uid}/").status_code == 404
    assert AuditEvent.objects.filter(action="messaging.view").exists()


def test_officer_page_query_count_is_constant(demo: Any, gateway: FakeGateway, django_assert_max_num_queries: Any, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    _send(demo, report, django_capture_on_commit_callbacks)
    client.get(f"/pesan/laporan/{report.uid}/")
    with django_assert_max_num_queries(40) as few:
        client.get(f"/pesan/laporan/{report.uid}/")
    for _ in range(5):
        _send(demo, report, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/pesan/laporan/{report.uid}/")


def test_reporter_sets_their_choices_with_code_and_pin(demo: Any, gateway: FakeGateway) -> None:
    report = _report(demo)
    intake.pin_set(report=report, new_pin="246810")
    client = Client()
    page = client.get("/pesan/pilihan/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    wrong = client.post("/pesan/pilihan/", {"code": report.display_code, "pin": "999999", "channel": "sms", "status_updates": "on"})
    assert wrong.status_code == 400 and report.display_code in wrong.content.decode() and wrong["Cache-Control"] == "no-store"
    ok = client.post("/pesan/pilihan/", {"code": report.display_code, "pin": "246810", "channel": "sms", "status_updates": "on"})
    assert ok.status_code == 200
    pref = ContactPreference.objects.get(report=report)
    assert pref.channel == "sms" and pref.status_updates and not pref.full_text
    assert policy.contact_for(report).channel == "sms"
    # A reporter who said "no" on the form and later chose a channel here is reachable; one who
    # then chooses "no messages" is not, and what was waiting is cancelled.
    later = _report(demo, safe={"message": "tidak"})
    intake.pin_set(report=later, new_pin="135790")
    with pytest.raises(policy.NotAllowed):
        policy.contact_for(later)
    client.post("/pesan/pilihan/", {"code": later.display_code, "pin": "135790", "channel": "whatsapp"})
    assert policy.contact_for(later).channel == "whatsapp"
    client.post("/pesan/pilihan/", {"code": later.display_code, "pin": "135790", "channel": "tidak", "full_text": "on"})
    pref = ContactPreference.objects.get(report=later)
    assert pref.opted_out and not pref.full_text
    with pytest.raises(policy.NotAllowed):
        policy.contact_for(later)
