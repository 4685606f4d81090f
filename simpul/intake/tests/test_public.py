"""The public portal: submission, idempotency, abuse protection, status check with code + PIN."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, override_settings

from simpul.audit.models import AuditEvent
from simpul.intake import codes, guard
from simpul.intake.models import Channel, Report, ReportMessage, Status
from simpul.intake.services import message_post_officer
from simpul.intake.tests.helpers import STORY, code_and_pin, public_data, submit

pytestmark = pytest.mark.django_db


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)


@pytest.mark.parametrize("path", ["/lapor/", "/lapor/status/"])
def test_public_pages_are_neutral_light_and_have_quick_exit(demo: Any, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Layanan Informasi</title>" in html
    assert "kekerasan" not in html.split("</title>")[0].lower()
    assert 'href="/resep/sayur-asem/" data-quick-exit' in html and "/lapor/keluar/" not in html
    assert "112" in html and "129" in html and "08111-129-129" in html
    assert response["Cache-Control"] == "no-store"
    # Page weight: the HTML plus every stylesheet and script it loads stays under 100 KB.
    total = len(response.content)
    assets = _assets(html)
    assert any(a.endswith("public.js") for a in assets)
    assert not any("htmx" in a for a in assets)  # public pages do not need htmx
    for asset in assets:
        found = finders.find(urlsplit(asset).path.removeprefix("/static/"))
        assert found, asset
        with open(found, "rb") as fh:
            total += len(fh.read())
    assert total < 100_000, total


def test_quick_exit_page_is_neutral(demo: Any) -> None:
    html = Client().get("/lapor/keluar/", follow=True).content.decode()  # the old address redirects
    assert "<title>Resep Sayur Asem</title>" in html
    assert "lapor" not in html.lower() and "kekerasan" not in html.lower()


def test_submission_stores_one_encrypted_report_and_shows_code_and_pin(demo: Any) -> None:
    client = Client()
    data = public_data()
    response = client.post("/lapor/", data)
    assert response.status_code == 303 and response["Location"] == "/lapor/terkirim/"  # post-redirect-get
    code, pin = code_and_pin(client.get("/lapor/terkirim/").content.decode())
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    report = Report.objects.get()
    assert report.display_code == code
    assert report.channel == Channel.PORTAL and report.status == Status.BARU
    assert report.organisation == demo["org"]["uptd.hss"]
    assert report.region_id == "63.06.05"
    assert report.story == STORY and report.reporter_name == "Budi Sintetis"
    assert report.safe_contact == {"call": "tidak", "message": "ya", "times": "pagi hari", "do_not_contact": False}
    assert report.submitted_by is None and report.pin_hash and report.pin_hash != pin
    with connection.cursor() as cursor:
        cursor.execute("SELECT story, reporter_name, reporter_contact FROM intake_report")
        raw = cursor.fetchone()
    assert all("Sintetis" not in (v or "") and "Siti" not in (v or "") for v in raw)
    # The done page shows the code and PIN once: a reload (or Back to it) shows neither.
    reloaded = client.get("/lapor/terkirim/").content.decode()
    assert code not in reloaded and pin not in reloaded and "hanya ditampilkan sekali" in reloaded
    # Double click / resubmission with the same form (Back, "confirm resubmission"): the same
    # report and code, but never the PIN again, nor a form to set a new one.
    again = client.post("/lapor/", data)
    assert again.status_code == 303
    html = client.get("/lapor/terkirim/").content.decode()
    assert 'id="tracking-code">' + code in html and 'id="pin-once"' in html
    assert "tracking-pin" not in html and pin not in html and "new_pin" not in html
    assert "sudah terkirim sebelumnya" in html
    assert Report.objects.count() == 1
    # Another browser replaying the same POST learns nothing more.
    other = Client()
    assert other.post("/lapor/", data).status_code == 303
    assert pin not in other.get("/lapor/terkirim/").content.decode()
    # The audit trail records the creation without the reporter's address.
    ev = AuditEvent.objects.get(action="intake.create")
    assert ev.ip == "" and "story" in ev.fields


def test_anonymous_report_keeps_no_name(demo: Any) -> None:
    submit(Client(), anonymous="on")
    report = Report.objects.get()
    assert report.anonymous and report.reporter_name is None


def test_invalid_submission_reshows_everything_with_indonesian_errors(demo: Any) -> None:
    data = public_data(story="pendek", wilayah="16.09.01", reporter_contact="bukan nomor")
    response = Client().post("/lapor/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ceritakan sedikit lebih banyak" in html
    assert "tidak berada di kabupaten/kota yang dipilih" in html
    assert "Tuliskan nomor telepon/WhatsApp" in html
    assert "pendek</textarea>" in html
    assert 'value="Budi Sintetis"' in html and 'value="pagi hari"' in html
    assert '<option value="63.06" selected>' in html
    assert Report.objects.count() == 0


def test_honeypot_pretends_success_and_stores_nothing(demo: Any) -> None:
    client = Client()
    response = submit(client, website="http://spam.example")
    assert response.status_code == 303
    code_and_pin(client.get("/lapor/terkirim/").content.decode())
    assert Report.objects.count() == 0


@override_settings(SIMPUL_INTAKE_RATE_IP=3, SIMPUL_INTAKE_RATE_GLOBAL=1000)
def test_flood_from_one_address_is_throttled_while_others_get_through(demo: Any) -> None:
    flood = Client(REMOTE_ADDR="10.1.1.1")
    statuses = [submit(flood).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    blocked = submit(flood)
    assert "Mohon tunggu sebentar" in blocked.content.decode()
    assert submit(Client(REMOTE_ADDR="10.2.2.2")).status_code == 303
    assert Report.objects.count() == 4


@override_settings(SIMPUL_INTAKE_RATE_IP=100, SIMPUL_INTAKE_RATE_GLOBAL=2)
def test_global_limit(demo: Any) -> None:
    assert submit(Client(REMOTE_ADDR="10.0.0.1")).status_code == 303
    assert submit(Client(REMOTE_ADDR="10.0.0.2")).status_code == 303
    assert submit(Client(REMOTE_ADDR="10.0.0.3")).status_code == 429


@override_settings(SIMPUL_INTAKE_RATE_IP=2, SIMPUL_PROXY_COUNT=1)
def test_forwarded_address_is_used_behind_a_trusted_proxy(demo: Any) -> None:
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    assert proxy.post("/lapor/", public_data(), HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 303
    assert proxy.post("/lapor/", public_data(), HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 303
    assert proxy.post("/lapor/", public_data(), HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    assert proxy.post("/lapor/", public_data(), HTTP_X_FORWARDED_FOR="10.8.8.8").status_code == 303


@override_settings(SIMPUL_INTAKE_POW_BITS=8, SIMPUL_INTAKE_POW_PENALTY=5, SIMPUL_INTAKE_RATE_IP=6)
def test_proof_of_work(demo: Any) -> None:
    client = Client(REMOTE_ADDR="10.3.3.3")
    page = client.get("/lapor/").content.decode()
    assert 'data-pow-bits="8"' in page
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    nonce = guard.pow_solve(challenge, 8)
    assert guard.pow_valid(challenge, nonce, 8) and not guard.pow_valid(challenge + "x", nonce, 8)
    assert submit(client, pow_challenge=challenge, pow_nonce=nonce).status_code == 303  # costs 1
    assert submit(client).status_code == 303  # no solution (e.g. no JavaScript): costs 5 -> 6
    assert submit(client).status_code == 429
    assert submit(client, pow_challenge=challenge, pow_nonce="0" if nonce != "0" else "1").status_code == 429


def _submitted(demo: Any) -> tuple[Report, str, str]:
    client = Client()
    submit(client)
    code, pin = code_and_pin(client.get("/lapor/terkirim/").content.decode())
    return Report.objects.get(), code, pin


def test_status_check_shows_plain_status_and_public_thread_only(demo: Any) -> None:
    report, code, pin = _submitted(demo)
    officer = demo["user"]["petugas_pengaduan.hss"]
    message_post_officer(actor=officer, report=report, body="Catatan internal: pelaku Budi Sintetis dikenal polisi.", internal=True)
    message_post_officer(actor=officer, report=report, body="Terima kasih, kami akan menghubungi Anda pagi hari.", internal=False)
    response = Client().post("/lapor/status/", {"code": code.lower().replace("-", " "), "pin": pin})
    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah kami terima dan menunggu diperiksa" in html
    assert "kami akan menghubungi Anda pagi hari" in html
    assert "Catatan internal" not in html and "dikenal polisi" not in html
    assert STORY not in html  # nothing beyond the thread is shown
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="intake.public_view", object_id=str(report.pk)).exists()


def test_reporter_can_send_a_message_and_set_a_pin(demo: Any) -> None:
    report, code, pin = _submitted(demo)
    client = Client()
    html = client.post("/lapor/status/", {"code": code, "pin": pin}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    response = client.post("/lapor/status/pesan/", {"token": token, "body": "Saya aman sekarang."})
    assert response.status_code == 200 and "Saya aman sekarang." in response.content.decode()
    msg = ReportMessage.objects.get()
    assert msg.author_kind == "public" and not msg.internal
    bad = client.post("/lapor/pin/", {"token": token, "new_pin": "12", "new_pin2": "12"})
    assert bad.status_code == 400 and "6 sampai 12 angka" in bad.content.decode()
    ok = client.post("/lapor/pin/", {"token": token, "new_pin": "24681357", "new_pin2": "24681357"})
    assert ok.status_code == 200
    assert client.post("/lapor/status/", {"code": code, "pin": pin}).status_code == 400
    assert client.post("/lapor/status/", {"code": code, "pin": "24681357"}).status_code == 200
    # The old page's token no longer works once the PIN changed.
    assert client.post("/lapor/status/pesan/", {"token": token, "body": "lagi"}).status_code == 400


@override_settings(SIMPUL_INTAKE_STATUS_RATE_CODE=3, SIMPUL_INTAKE_STATUS_RATE_IP=100)
def test_pin_guessing_is_throttled_per_code(demo: Any) -> None:
    report, code, pin = _submitted(demo)
    client = Client(REMOTE_ADDR="10.4.4.4")
    for _ in range(3):
        assert client.post("/lapor/status/", {"code": code, "pin": "000000" if pin != "000000" else "111111"}).status_code == 400
    # Even the right PIN is refused while the code is locked, from any address.
    assert Client(REMOTE_ADDR="10.5.5.5").post("/lapor/status/", {"code": code, "pin": pin}).status_code == 429


@override_settings(SIMPUL_INTAKE_STATUS_RATE_IP=3)
def test_status_checks_are_throttled_per_address(demo: Any) -> None:
    client = Client(REMOTE_ADDR="10.6.6.6")
    for _ in range(3):
        assert client.post("/lapor/status/", {"code": codes.display(codes.new_code()), "pin": "123456"}).status_code == 400
    assert client.post("/lapor/status/", {"code": "AAAA-BBBB", "pin": "123456"}).status_code == 429
    assert Client(REMOTE_ADDR="10.7.7.7").post("/lapor/status/", {"code": "AAAA-BBBB", "pin": "123456"}).status_code == 400


def test_routing_by_region(demo: Any) -> None:
    submit(Client(), kabupaten="63.07", wilayah="")  # no UPTD PPA in HST (demo): the province's
    submit(Client(), kabupaten="16.09", wilayah="16.09.01")
    orgs = sorted(Report.objects.values_list("organisation__short_name", flat=True))
    assert orgs == ["UPTD PPA Kalsel", "UPTD PPA OKU Selatan"]


def test_tracking_codes_are_unambiguous() -> None:
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 8 and not set(code) & set("01OIL")
    assert codes.normalise_code("k7qm 4xpd") == "K7QM4XPD"
    assert codes.normalise_code("K7QM-4XP0") is None
