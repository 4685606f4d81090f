from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from simpul.audit.models import AuditEvent
from simpul.people.models import Person
from simpul.privacy import services
from simpul.privacy.exports import build_pdf, neutralise
from simpul.privacy.models import Breach, RequestStatus, Restriction, SubjectRequest
from simpul.privacy.registry import PersonDataProvider, Section, register_provider, unregister_provider
from simpul.privacy.tests.factories import make_person
from simpul.testing import signed_in_client

NAME = "Siti Contoh Sintetis"


def _req(demo: dict[str, Any], kind: str = "access", person: Any = None, **kw: Any) -> SubjectRequest:
    return services.request_create(actor=demo["user"]["manajer_kasus.hss"], organisation=demo["org"]["uptd.hss"], kind=kind, person=person, **kw)


def test_desk_records_a_request_with_the_statutory_clock(demo: dict[str, Any]) -> None:
    c = signed_in_client("petugas_pengaduan.hss")
    r = c.post(reverse("privacy:request_create"), {"kind": "restriction", "requester_relation": "parent", "notes": "telepon ibu", "purposes": ["referral"]})
    assert r.status_code == 302
    req = SubjectRequest.objects.get()
    assert req.due_at - req.received_at == dt.timedelta(hours=72)
    assert req.purposes == ["referral"] and req.notes == "telepon ibu"
    # The desk follows it but cannot act on it.
    assert c.get(reverse("privacy:request_detail", kwargs={"uid": req.uid})).status_code == 200
    assert c.post(reverse("privacy:request_start", kwargs={"uid": req.uid}), {}).status_code == 403


def test_default_clock_is_the_organisation_standard(demo: dict[str, Any], settings: Any) -> None:
    assert _req(demo, "access").due_at - timezone.now() > dt.timedelta(days=13)
    settings.SIMPUL_DSR_DEFAULT_DAYS = 7
    req = _req(demo, "erasure")
    assert req.due_at - req.received_at == dt.timedelta(days=7)
    settings.SIMPUL_DSR_DUE_HOURS = {"access": 72}
    req = _req(demo, "access")
    assert req.due_at - req.received_at == dt.timedelta(hours=72)


def test_bad_request_form_is_reshown_in_indonesian_with_400(demo: dict[str, Any]) -> None:
    c = signed_in_client("manajer_kasus.hss")
    r = c.post(reverse("privacy:request_create"), {"kind": "", "notes": "catatan yang diketik", "received_at": "2999-01-01T10:00"})
    assert r.status_code == 400
    body = r.content.decode()
    assert "catatan yang diketik" in body
    assert "tidak boleh kosong" in body
    assert not SubjectRequest.objects.exists()


def test_list_highlights_overdue_and_has_constant_queries(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    old = timezone.now() - dt.timedelta(days=5)
    overdue = _req(demo, "restriction", received_at=old)
    for _ in range(3):
        _req(demo, "access")
    _ = services.request_create(actor=demo["user"]["manajer_kasus.okus"], organisation=demo["org"]["uptd.okus"], kind="access")
    c = signed_in_client("kepala.hss")
    with django_assert_max_num_queries(12):
        r = c.get(reverse("privacy:request_list"))
    body = r.content.decode()
    assert body.count('class="overdue"') == 1 and str(overdue.uid) in body
    assert len(set(re.findall(r"/privasi/permintaan/[0-9a-f-]{36}/", body))) == 4  # not OKU Selatan's
    for _ in range(10):
        _req(demo, "access")
    with django_assert_max_num_queries(12):
        c.get(reverse("privacy:request_list"))


def test_identify_then_export_xlsx_and_pdf_with_all_providers(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    person = make_person(org, full_name=NAME, address_detail="=HYPERLINK(\"http://x\")")
    register_provider(
        PersonDataProvider(
            "fake_cases",
            describe=lambda p: [Section("Kasus KS-2026-0007").add("Kronologi", "+62 cerita sintetis")],
            erase=lambda p, a: None,  # type: ignore[arg-type,return-value]
            holds=lambda p: [],
        )
    )
    try:
        req = _req(demo, "access")
        c = signed_in_client("manajer_kasus.hss")
        r = c.post(reverse("privacy:request_find", kwargs={"uid": req.uid}), {"nik": "6306 0545 0190 0001"})
        assert r.status_code == 200 and "S. C. S." in r.content.decode() and NAME not in r.content.decode()
        r = c.post(reverse("privacy:request_identify", kwargs={"uid": req.uid}), {"person": str(person.uid)})
        assert r.status_code == 302
        req.refresh_from_db()
        assert req.person_id == person.pk and req.status == RequestStatus.IN_PROGRESS

        r = c.post(reverse("privacy:request_export", kwargs={"uid": req.uid, "fmt": "xlsx"}))
        assert r.status_code == 200 and "attachment" in r["Content-Disposition"] and NAME not in r["Content-Disposition"]
        ws = load_workbook(io.BytesIO(r.content)).active
        cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        assert NAME in cells and "6306054501900001" in cells
        assert "'=HYPERLINK(\"http://x\")" in cells and "'+62 cerita sintetis" in cells
        assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)
        assert "Kasus KS-2026-0007" in cells

        r = c.post(reverse("privacy:request_export", kwargs={"uid": req.uid, "fmt": "pdf"}))
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
        ev = AuditEvent.objects.filter(action="privacy.export").last()
        assert ev is not None and ev.object_type == "people.person" and ev.object_id == str(person.pk)
        assert set(ev.extra["providers"]) >= {"people", "privacy", "fake_cases"}
    finally:
        unregister_provider("fake_cases")


def test_neutralise_and_pdf_with_the_shipped_font() -> None:
    assert neutralise("=1+1") == "'=1+1" and neutralise("@SUM") == "'@SUM" and neutralise("\tx") == "'\tx" and neutralise("\rx") == "'\rx"
    assert neutralise("-5") == "'-5" and neutralise("Siti") == "Siti" and neutralise(None) == ""
    pdf = build_pdf("Uji", [("Nama", "Ñoño Sintetis – “kutip”")], [Section("Bagian").add("Nilai", "Ä")])
    assert pdf.startswith(b"%PDF") and b"DejaVu" in pdf  # the font shipped with Simpul, any letter prints


def test_erase_page_blocked_by_hold_then_done(demo: dict[str, Any]) -> None:
    org, officer = demo["org"]["uptd.hss"], demo["user"]["kepala.hss"]
    person = make_person(org, full_name=NAME)
    hold = services.legal_hold_set(actor=officer, object_type="people.person", object_id=person.pk, organisation=org, reason="sidang", label="KS-2026-0009")
    req = _req(demo, "erasure", person=person)
    c = signed_in_client("kepala.hss")
    url = reverse("privacy:request_erase", kwargs={"uid": req.uid})
    r = c.get(url)
    assert r.status_code == 200 and "KS-2026-0009" in r.content.decode()
    r = c.post(url, {"confirm": "1"})
    assert r.status_code == 400 and "penahanan hukum" in r.content.decode()
    assert Person.objects.get(pk=person.pk).pseudonymised_at is None
    c.post(reverse("privacy:hold_release", kwargs={"pk": hold.pk}))
    assert c.post(url, {}).status_code == 400  # confirmation missing
    assert c.post(url, {"confirm": "1"}).status_code == 302
    assert Person.objects.get(pk=person.pk).full_name.startswith("Terhapus-")


def test_correction_through_person_save_audits_field_names_only(demo: dict[str, Any]) -> None:
    person = make_person(demo["org"]["uptd.hss"], full_name="Siti Salah Ketik")
    req = _req(demo, "correction", person=person)
    c = signed_in_client("manajer_kasus.hss")
    url = reverse("privacy:request_correct", kwargs={"uid": req.uid})
    r = c.get(url)
    assert r.status_code == 200 and "Siti Salah Ketik" in r.content.decode()
    data = {"full_name": "Siti Benar Sintetis", "nik": "123", "phone": person.phone, "email": person.email, "birth_date": "1990-01-05", "address_detail": person.address_detail}
    r = c.post(url, data)
    assert r.status_code == 400 and "NIK harus 16 angka" in r.content.decode() and "Siti Benar Sintetis" in r.content.decode()
    data["nik"] = person.nik
    assert c.post(url, data).status_code == 302
    p = Person.objects.get(pk=person.pk)
    assert p.full_name == "Siti Benar Sintetis"
    from simpul.people.services import find_candidates

    assert find_candidates(full_name="Siti Benar Sintetis", birth_date=dt.date(1990, 1, 5)) == {"name_birth": [p.pk]}
    ev = AuditEvent.objects.filter(action="privacy.correct").get()
    assert ev.fields == ["full_name"] and "Siti" not in repr(ev.extra)
    view = AuditEvent.objects.filter(action="privacy.view", object_type="people.person").last()
    assert view is not None and "full_name" in view.fields


def test_restriction_and_withdrawal_requests(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    person = make_person(org)
    services.consent_record(actor=demo["user"]["pendamping.hss"], person=person, organisation=org, purpose="referral", basis="consent", how="written")
    c = signed_in_client("manajer_kasus.hss")
    req = _req(demo, "withdrawal", person=person)
    r = c.post(reverse("privacy:request_withdraw", kwargs={"uid": req.uid}), {})
    assert r.status_code == 400 and "tidak boleh kosong" in r.content.decode().lower()
    assert c.post(reverse("privacy:request_withdraw", kwargs={"uid": req.uid}), {"purposes": ["referral"], "reason": "berubah pikiran"}).status_code == 302
    assert services.consent_check(person, "referral").allowed is False
    req2 = _req(demo, "restriction", person=person)
    assert c.post(reverse("privacy:request_restrict", kwargs={"uid": req2.uid}), {"purposes": ["statistics"]}).status_code == 302
    assert services.is_restricted(person, "statistics")
    restriction = Restriction.objects.get(person=person, lifted_at__isnull=True)
    assert f'name="restriction" value="{restriction.pk}"' in c.get(reverse("privacy:request_detail", kwargs={"uid": req2.uid})).content.decode()
    lift = reverse("privacy:request_lift", kwargs={"uid": req2.uid})
    assert c.get(lift).status_code == 405
    assert c.post(lift, {"restriction": "x"}).status_code == 404
    assert c.post(lift, {"restriction": str(restriction.pk + 1000)}).status_code == 404
    assert c.post(lift, {"restriction": str(restriction.pk)}).status_code == 302
    assert not services.is_restricted(person, "statistics")
    r = c.post(reverse("privacy:request_refuse", kwargs={"uid": req2.uid}), {"reason": ""})
    assert r.status_code == 400
    assert c.post(reverse("privacy:request_complete", kwargs={"uid": req2.uid}), {}).status_code == 302
    req2.refresh_from_db()
    assert req2.status == "completed"
    r = c.post(reverse("privacy:request_complete", kwargs={"uid": req2.uid}), {})
    assert r.status_code == 400 and "sudah selesai" in r.content.decode()


def test_consent_page_records_and_rejects_child_self_consent(demo: dict[str, Any]) -> None:
    today = timezone.localdate()
    child = make_person(demo["org"]["uptd.hss"], nik="", birth_date=dt.date(today.year - 10, 2, 2))
    c = signed_in_client("kepala.hss")
    url = reverse("privacy:person_consents", kwargs={"person_uid": child.uid})
    r = c.post(url, {"purpose": "service", "basis": "consent", "given_by": "self", "how": "written", "note": "diketik"})
    assert r.status_code == 400 and "Pasal 25" in r.content.decode() and "diketik" in r.content.decode()
    r = c.post(url, {"purpose": "service", "basis": "consent", "given_by": "guardian", "guardian_name": "Wali Sintetis", "how": "written"})
    assert r.status_code == 302
    r = c.get(url)
    assert "Wali Sintetis" in r.content.decode()
    # Another organisation's officer cannot even see the person.
    assert signed_in_client("manajer_kasus.okus").get(url).status_code == 404


def test_breach_lists_affected_persons_from_audit_and_drafts_notice(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    snoop = demo["user"]["pendamping.hss"]
    a = make_person(org, full_name="Ani Sintetis", nik="6306054501900011")
    b = make_person(org, full_name="Budi Sintetis", nik="6306050101900012")
    other = make_person(demo["org"]["uptd.okus"], full_name="Okus Sintetis", nik="")
    from simpul.audit import services as audit

    for p in (a, b, other):
        audit.record("people.view", actor=snoop, obj=p, fields=["full_name", "nik", "phone"])
    audit.record("cases.view", actor=snoop, object_type="fake.case", object_id="77", fields=["chronology"])
    audit.record("people.view", actor=demo["user"]["kepala.hss"], obj=a, fields=["address_detail"])  # someone else
    register_provider(
        PersonDataProvider("fake_cases", describe=lambda p: [], erase=lambda p, x: None, holds=lambda p: [],  # type: ignore[arg-type,return-value]
                           persons_for_object=lambda t, i: [b.pk] if (t, i) == ("fake.case", "77") else [])
    )
    try:
        c = signed_in_client("manajer_kasus.hss")
        r = c.post(reverse("privacy:breach_create"), {"description": "", "suspect_username": "tidak.ada"})
        assert r.status_code == 400 and "Pengguna ini tidak ditemukan" in r.content.decode() and "tidak boleh kosong" in r.content.decode()
        r = c.post(reverse("privacy:breach_create"), {"description": "Akun pendamping dipakai orang lain", "suspect_username": "pendamping.hss", "steps_taken": "Kata sandi direset"})
        assert r.status_code == 302
        breach = Breach.objects.get()
        r = c.get(reverse("privacy:breach_detail", kwargs={"uid": breach.uid}))
        body = r.content.decode()
        assert r.status_code == 200
        assert f"#{a.pk} A. S." in body and f"#{b.pk} B. S." in body and f"#{other.pk}" not in body
        assert "Ani Sintetis" not in body
        assert "nomor telepon" in body and "kronologi kejadian" in body and "alamat" not in body.split("Kategori data")[1].split("</p>")[0]
        assert "Sisa waktu pemberitahuan" in body
        r = c.get(reverse("privacy:breach_notice", kwargs={"uid": breach.uid, "fmt": "txt"}))
        text = r.content.decode()
        assert "Pasal 46" in text and "2 orang" in text and "Kata sandi direset" in text and "NIK" in text
        assert "Ani Sintetis" not in text
        r = c.get(reverse("privacy:breach_notice", kwargs={"uid": breach.uid, "fmt": "pdf"}))
        assert r.content.startswith(b"%PDF")
        # Overdue clock once 3x24 hours have passed.
        Breach.objects.filter(pk=breach.pk).update(discovered_at=timezone.now() - dt.timedelta(hours=80))
        body = c.get(reverse("privacy:breach_detail", kwargs={"uid": breach.uid})).content.decode()
        assert "sudah lewat" in body
        r = c.post(reverse("privacy:breach_detail", kwargs={"uid": breach.uid}), {"status": "confirmed", "suspected_start": "2026-01-02T10:00", "suspected_end": "2026-01-01T10:00", "suspect_username": "pendamping.hss"})
        assert r.status_code == 400 and "sesudah perkiraan mulai" in r.content.decode()
    finally:
        unregister_provider("fake_cases")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_render_in_both_languages(demo: dict[str, Any], lang: str) -> None:
    c = signed_in_client("kepala.hss")
    c.cookies["simpul_lang"] = lang
    r = c.get(reverse("privacy:home"))
    assert r.status_code == 200
    assert ("permintaan terbuka" if lang == "id" else "open requests") in r.content.decode()


def test_breach_and_hold_lists_have_constant_queries(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    org, officer = demo["org"]["uptd.hss"], demo["user"]["manajer_kasus.hss"]
    c = signed_in_client("kepala.hss")

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            services.breach_record(actor=officer, organisation=org, description=f"uji {i}")
            services.legal_hold_set(actor=officer, object_type="cases.case", object_id=str(i), organisation=org, reason="uji")

    add(2, 0)
    with django_assert_max_num_queries(10):
        assert c.get(reverse("privacy:breach_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert c.get(reverse("privacy:hold_list")).status_code == 200
    add(8, 10)
    with django_assert_max_num_queries(10):
        body = c.get(reverse("privacy:breach_list")).content.decode()
    assert body.count("/privasi/kebocoran/") >= 10
    with django_assert_max_num_queries(10):
        c.get(reverse("privacy:hold_list"))
