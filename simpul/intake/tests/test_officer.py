"""Officer intake: record, complete, triage, route, decide; queue scoping; duplicate hints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from simpul.access.core import AccessDenied
from simpul.audit.models import AuditEvent
from simpul.intake import services
from simpul.intake.models import Report, ReportEvent, Status
from simpul.intake.tests.helpers import STORY, officer_report
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db

NIK = "6306054501900001"


def test_record_with_minimal_fields_then_complete(demo: Any) -> None:
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post("/lapor/petugas/baru/", {"channel": "langsung", "idem": "k" * 20})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.organisation == demo["org"]["uptd.hss"]  # no region yet: the officer's own UPTD PPA
    assert report.submitted_by == demo["user"]["petugas_pengaduan.hss"]
    assert report.due_at == report.received_at + dt.timedelta(hours=6)  # untriaged: medium clock
    # The same form posted twice (double click) records one report.
    client.post("/lapor/petugas/baru/", {"channel": "langsung", "idem": "k" * 20})
    assert Report.objects.count() == 1
    edit = client.post(f"/lapor/petugas/{report.uid}/ubah/", {
        "channel": "langsung", "story": STORY, "region": "63.06.05", "victim_name": "Siti Contoh",
        "victim_nik": NIK, "victim_birth_date": "1990-01-05", "reporter_contact": "0812-0000-2222",
    })
    assert edit.status_code == 302, edit.content.decode()[:2000]
    report.refresh_from_db()
    assert report.story == STORY and report.region_id == "63.06.05" and report.victim_nik_bidx
    assert report.victim_person is not None and report.victim_person.full_name == "Siti Contoh"


def test_record_requires_channel_and_reshows_input(demo: Any) -> None:
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post("/lapor/petugas/baru/", {"story": "Cerita sintetis", "region": "99.99"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih kanal pengaduan." in html and "Cerita sintetis</textarea>" in html
    assert "tidak dikenal" in html


def test_invalid_nik_is_refused(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post(f"/lapor/petugas/{report.uid}/ubah/", {"channel": "telepon", "victim_nik": "123"})
    assert response.status_code == 400 and "NIK harus 16 angka" in response.content.decode()


def test_triage_computes_risk_and_sets_the_clock(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post(f"/lapor/petugas/{report.uid}/triase/", {
        "jenis_kasus": "ampk", "ampk_category": "i", "checklist": ["luka_berat", "ancaman"], "kewenangan": "kab_kota",
    })
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DITRIASE and report.risk == "tinggi" and report.risk_computed == "tinggi"
    assert report.due_at == report.received_at  # high risk: at once
    assert report.first_action_at is not None
    assert ReportEvent.objects.filter(report=report, kind="triaged").exists()


def test_triage_errors(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post(f"/lapor/petugas/{report.uid}/triase/", {
        "jenis_kasus": "ampk", "checklist": ["ancaman"], "risk_override": "rendah", "kewenangan": "kab_kota",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "pilih kategorinya" in html and "Tuliskan alasan bila risiko berbeda" in html
    assert 'value="ancaman" id="id_checklist_8" checked' in html or "checked" in html
    ok = client.post(f"/lapor/petugas/{report.uid}/triase/", {
        "jenis_kasus": "ktp", "checklist": ["ancaman"], "risk_override": "rendah",
        "override_reason": "Pelaku sudah ditahan.", "kewenangan": "kab_kota",
    })
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.risk == "rendah" and report.risk_computed == "sedang" and report.risk_override_reason == "Pelaku sudah ditahan."


def test_kewenangan_routes_to_the_province_and_flags_pusat(demo: Any) -> None:
    hss = demo["user"]["petugas_pengaduan.hss"]
    report = officer_report(demo)
    services.report_triage(actor=hss, report=report, jenis_kasus="tppo", checklist=[], kewenangan="provinsi")
    assert report.organisation == demo["org"]["uptd.kalsel"] and not report.flag_pusat
    # The HSS officer no longer sees it; the province does.
    assert signed_in_client("petugas_pengaduan.hss").get(f"/lapor/petugas/{report.uid}/").status_code == 404
    assert signed_in_client("manajer_kasus.kalsel").get(f"/lapor/petugas/{report.uid}/").status_code == 200
    other = officer_report(demo)
    services.report_triage(actor=hss, report=other, jenis_kasus="tppo", checklist=[], kewenangan="pusat")
    assert other.organisation == demo["org"]["uptd.kalsel"] and other.flag_pusat


def test_close_requires_a_reason(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    bad = client.post(f"/lapor/petugas/{report.uid}/tindak/tutup/", {"reason": ""})
    assert bad.status_code == 400 and "Alasan penutupan wajib diisi." in bad.content.decode()
    assert client.post(f"/lapor/petugas/{report.uid}/tindak/tutup/", {"reason": "Salah sambung."}).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DITUTUP and report.closure_reason == "Salah sambung."
    with pytest.raises(ValidationError):
        services.report_close(actor=demo["user"]["petugas_pengaduan.hss"], report=report, reason="lagi")


def test_refer_to_a_partner_and_hand_over_to_another_uptd(demo: Any) -> None:
    hss = demo["user"]["petugas_pengaduan.hss"]
    report = officer_report(demo)
    services.report_refer(actor=hss, report=report, organisation=demo["org"]["polres.hss"], reason="Ranah pidana.")
    assert report.status == Status.DIRUJUK and report.referred_to == demo["org"]["polres.hss"]
    # A mitra of the police sees no report content.
    assert signed_in_client("mitra.polres.hss").get(f"/lapor/petugas/{report.uid}/").status_code == 404
    moved = officer_report(demo)
    services.report_refer(actor=hss, report=moved, organisation=demo["org"]["uptd.okus"], reason="Kejadian di OKU Selatan.")
    assert moved.status == Status.BARU and moved.organisation == demo["org"]["uptd.okus"]
    assert signed_in_client("petugas_pengaduan.okus").get(f"/lapor/petugas/{moved.uid}/").status_code == 200


def test_refer_page_reshows_what_was_typed_and_then_refers(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    url = f"/lapor/petugas/{report.uid}/tindak/rujuk/"
    bad = client.post(url, {"organisation": "", "reason": "Ranah pidana sintetis."})
    html = bad.content.decode()
    assert bad.status_code == 400 and "Pilih organisasi tujuan." in html and "Ranah pidana sintetis." in html
    ok = client.post(url, {"organisation": demo["org"]["polres.hss"].pk, "reason": "Ranah pidana sintetis."})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DIRUJUK and report.referred_to == demo["org"]["polres.hss"]
    # Unknown decisions do not exist.
    assert client.post(f"/lapor/petugas/{report.uid}/tindak/hapus/").status_code == 404


def test_merge_duplicate(demo: Any) -> None:
    first = officer_report(demo)
    second = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    assert client.post(f"/lapor/petugas/{second.uid}/tindak/gabung/", {"code": second.display_code}).status_code == 400
    assert client.post(f"/lapor/petugas/{second.uid}/tindak/gabung/", {"code": first.display_code}).status_code == 302
    second.refresh_from_db()
    assert second.status == Status.DUPLIKAT and second.merged_into == first
    assert first.display_code in client.get(f"/lapor/petugas/{second.uid}/").content.decode()


def test_accept_as_case_and_attach_to_case(demo: Any) -> None:
    from simpul.cases.models import Case

    hss = demo["user"]["petugas_pengaduan.hss"]
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    before = client.post(f"/lapor/petugas/{report.uid}/tindak/terima/")
    assert before.status_code == 400 and "triase dulu" in before.content.decode()
    services.report_triage(actor=hss, report=report, jenis_kasus="ktp", checklist=["ancaman"], kewenangan="kab_kota")
    assert client.post(f"/lapor/petugas/{report.uid}/tindak/terima/").status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DITERIMA and report.case_id is not None
    case = Case.objects.get(pk=report.case_id)
    assert case.source_report_uid == report.uid and case.organisation_id == report.organisation_id
    second = officer_report(demo)
    response = signed_in_client("manajer_kasus.hss").post(
        f"/lapor/petugas/{second.uid}/tindak/gabung-kasus/", {"case_number": case.number}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.DIGABUNG_KASUS and second.case_id == case.pk
    missing = officer_report(demo)
    response = client.post(f"/lapor/petugas/{missing.uid}/tindak/gabung-kasus/", {"case_number": "TIDAK-ADA"})
    assert response.status_code == 400 and "tidak ditemukan" in response.content.decode()


def test_duplicate_hints_show_matching_persons_and_reports(demo: Any) -> None:
    from simpul.people.models import Person
    from simpul.people.services import person_save

    existing = person_save(Person(organisation=demo["org"]["uptd.hss"]), full_name="Siti Contoh", nik=NIK)
    hss = demo["user"]["petugas_pengaduan.hss"]
    a = officer_report(demo)
    services.report_update(actor=hss, report=a, changes={"victim_nik": NIK})
    b = officer_report(demo)
    services.report_update(actor=hss, report=b, changes={"victim_nik": NIK})
    html = signed_in_client("petugas_pengaduan.hss").get(f"/lapor/petugas/{b.uid}/").content.decode()
    assert "Kemungkinan duplikat" in html and f"#{existing.pk}" in html and a.display_code in html
    # OKU Selatan's report naming the same person is not hinted to HSS.
    okus = officer_report(demo, "petugas_pengaduan.okus", region_id="16.09")
    services.report_update(actor=demo["user"]["petugas_pengaduan.okus"], report=okus, changes={"victim_nik": NIK})
    assert okus.display_code not in signed_in_client("petugas_pengaduan.hss").get(f"/lapor/petugas/{b.uid}/").content.decode()


def test_okus_officer_sees_nothing_of_hss(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.okus")
    queue = client.get("/lapor/petugas/?semua=1")
    assert queue.status_code == 200 and report.display_code not in queue.content.decode()
    for path in ("", "ubah/", "triase/"):
        assert client.get(f"/lapor/petugas/{report.uid}/{path}").status_code == 404
    assert client.post(f"/lapor/petugas/{report.uid}/tindak/tutup/", {"reason": "x"}).status_code == 404
    assert client.get(f"/api/v1/intake/{report.uid}").status_code == 404
    assert client.get("/api/v1/intake").json()["count"] == 0
    with pytest.raises(AccessDenied):
        services.report_close(actor=demo["user"]["petugas_pengaduan.okus"], report=report, reason="x")
    hss_queue = signed_in_client("petugas_pengaduan.hss").get("/lapor/petugas/").content.decode()
    assert report.display_code in hss_queue


def test_detail_view_is_audited_with_field_names(demo: Any) -> None:
    report = officer_report(demo, reporter_name="Budi Sintetis")
    signed_in_client("kepala.hss").get(f"/lapor/petugas/{report.uid}/")
    ev = AuditEvent.objects.filter(action="intake.view").latest("seq")
    assert ev.actor_id == demo["user"]["kepala.hss"].pk and ev.object_id == str(report.pk)
    assert {"story", "reporter_name"} <= set(ev.fields)
    assert "Budi" not in str(ev.extra)


def test_queue_query_count_is_constant(demo: Any, django_assert_max_num_queries: Any) -> None:
    client = signed_in_client("petugas_pengaduan.hss")
    for _ in range(3):
        officer_report(demo)
    client.get("/lapor/petugas/")  # warm up session and caches
    with django_assert_max_num_queries(14) as small:
        client.get("/lapor/petugas/")
    for _ in range(15):
        officer_report(demo)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/lapor/petugas/")
    assert response.content.decode().count("/lapor/petugas/") >= 18


def test_internal_notes_stay_internal_for_officers(demo: Any) -> None:
    report = officer_report(demo)
    client = signed_in_client("petugas_pengaduan.hss")
    client.post(f"/lapor/petugas/{report.uid}/pesan/", {"body": "Catatan rahasia petugas", "internal": "on"})
    client.post(f"/lapor/petugas/{report.uid}/pesan/", {"body": "Halo, kami sudah menerima laporan Anda."})
    report.refresh_from_db()
    msgs = list(report.messages.order_by("id").values_list("internal", flat=True))
    assert msgs == [True, False]
    assert report.first_action_at is not None  # a message to the reporter stops the clock
    from simpul.intake.selectors import public_thread

    assert [m.body for m in public_thread(report)] == ["Halo, kami sudah menerima laporan Anda."]


def test_received_at_in_the_past_is_kept(demo: Any) -> None:
    past = timezone.now() - dt.timedelta(days=2)
    report = officer_report(demo, received_at=past)
    assert report.received_at == past and report.due_at == past + dt.timedelta(hours=6)


def test_accept_leads_to_the_case_page_with_the_next_step(demo: Any) -> None:
    """Accepting a high-risk report opens the case page: the message links to the case and an
    urgent "Tetapkan pendamping" leads to the assignment in one click; once assigned it is gone."""
    from simpul.cases.models import Case

    report = officer_report(demo)
    client = signed_in_client("manajer_kasus.hss")
    services.report_triage(actor=demo["user"]["manajer_kasus.hss"], report=report, jenis_kasus="ktp", checklist=["luka_berat"], kewenangan="kab_kota")
    response = client.post(f"/lapor/petugas/{report.uid}/tindak/terima/", follow=True)
    case = Case.objects.get()
    assert response.redirect_chain == [(f"/kasus/{case.uid}/", 302)]
    html = response.content.decode()
    assert f'<a href="/kasus/{case.uid}/">{case.number}</a>' in html  # the acceptance message links to the case
    # The case page's one next step (the guided flow): assign a caseworker, urgent for a high risk.
    assert f'id="next-step" class="button urgent" href="/kasus/{case.uid}/tugaskan/">Tetapkan pendamping' in html
    assert client.get(f"/kasus/{case.uid}/tugaskan/").status_code == 200
    from simpul.cases import services as case_services

    case_services.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    assert f'id="next-step" class="button urgent" href="/kasus/{case.uid}/tugaskan/"' not in client.get(f"/kasus/{case.uid}/").content.decode()


def test_accept_by_an_officer_without_case_access_stays_on_the_report(demo: Any) -> None:
    from simpul import access
    from simpul.cases.models import Case

    report = officer_report(demo)
    officer = demo["user"]["petugas_pengaduan.hss"]
    services.report_triage(actor=officer, report=report, jenis_kasus="ktp", checklist=["ancaman"], kewenangan="kab_kota")
    response = signed_in_client("petugas_pengaduan.hss").post(f"/lapor/petugas/{report.uid}/tindak/terima/")
    case = Case.objects.get()
    expected = f"/kasus/{case.uid}/" if access.can(officer, "view", case) else f"/lapor/petugas/{report.uid}/"
    assert response.status_code == 302 and response["Location"] == expected


def test_triage_page_shows_the_story_and_starts_from_the_report(demo: Any) -> None:
    """The triage page shows the story (the look audited) and the report's facts; "victim is a
    child: yes" ticks the child factor and the urgency suggests a risk, both marked "dari laporan"."""
    report = officer_report(demo, victim_is_child="ya", urgency="segera", period="berlangsung")
    client = signed_in_client("petugas_pengaduan.hss")
    before = AuditEvent.objects.filter(action="intake.view").count()
    html = client.get(f"/lapor/petugas/{report.uid}/triase/").content.decode()
    assert STORY[:30] in html and 'id="report-story"' in html
    assert AuditEvent.objects.filter(action="intake.view").count() == before + 1
    ev = AuditEvent.objects.filter(action="intake.view").latest("seq")
    assert "story" in ev.fields
    assert 'value="korban_anak_disabilitas"' in html
    box = html[html.index('value="korban_anak_disabilitas"') - 200:html.index('value="korban_anak_disabilitas"') + 300]
    assert "checked" in box and "dari laporan" in box
    assert 'id="from-report"' in html and "Saran tingkat risiko dari laporan" in html
    assert "Kekerasan terhadap anak (AMPK)" in html
    # A report without those facts: nothing pre-ticked, no "dari laporan".
    plain = officer_report(demo)
    html = client.get(f"/lapor/petugas/{plain.uid}/triase/").content.decode()
    assert 'id="from-report"' not in html and "checked" not in html.split('name="checklist"', 1)[1].split("</fieldset>")[0]


def test_triage_ampk_category_is_asked_on_the_same_form_before_saving(demo: Any) -> None:
    report = officer_report(demo, victim_is_child="ya")
    client = signed_in_client("petugas_pengaduan.hss")
    response = client.post(f"/lapor/petugas/{report.uid}/triase/", {
        "jenis_kasus": "ampk", "checklist": ["korban_anak_disabilitas", "ancaman"], "kewenangan": "kab_kota",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "pilih kategorinya" in html and "Kategori kekerasan terhadap anak (wajib untuk AMPK)" in html
    assert '<option value="ampk" selected>' in html  # what was typed comes back
    report.refresh_from_db()
    assert report.status == Status.BARU and not report.risk  # nothing saved
    ok = client.post(f"/lapor/petugas/{report.uid}/triase/", {
        "jenis_kasus": "ampk", "ampk_category": "i", "checklist": ["korban_anak_disabilitas"], "kewenangan": "kab_kota",
    })
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.jenis_kasus == "ampk" and report.ampk_category == "i" and report.risk == "sedang"


def test_queue_is_newest_first_and_filters_and_sorts_from_the_url(demo: Any) -> None:
    hss = demo["user"]["petugas_pengaduan.hss"]
    now = timezone.now()
    old = officer_report(demo, received_at=now - dt.timedelta(days=10), channel="surat")
    late = officer_report(demo, received_at=now - dt.timedelta(hours=8))
    high = officer_report(demo, received_at=now - dt.timedelta(hours=1), region_id="63.06")
    services.report_triage(actor=hss, report=high, jenis_kasus="ktp", checklist=["luka_berat"], kewenangan="kab_kota")
    new = officer_report(demo, channel="whatsapp")
    closed = officer_report(demo)
    services.report_close(actor=hss, report=closed, reason="Bukan kasus (uji)")
    client = signed_in_client("petugas_pengaduan.hss")

    def codes_of(query: str) -> list[str]:
        response = client.get(f"/lapor/petugas/{query}")
        assert response.status_code == 200
        html = response.content.decode()
        found = [r.display_code for r in (old, late, high, new, closed) if r.display_code in html]
        return sorted(found, key=html.index)

    assert codes_of("") == [new.display_code, high.display_code, late.display_code, old.display_code]  # open, newest first
    assert codes_of("?urut=lama") == [old.display_code, late.display_code, high.display_code, new.display_code]
    assert codes_of("?urut=risiko")[0] == high.display_code
    assert codes_of("?status=semua")[0] == closed.display_code
    assert codes_of("?status=ditutup_bukan_kasus") == [closed.display_code]
    assert codes_of("?risiko=tinggi") == [high.display_code]
    assert codes_of("?risiko=belum") == [new.display_code, late.display_code, old.display_code]
    assert codes_of("?kanal=whatsapp") == [new.display_code]
    assert codes_of("?terlambat=on") == [late.display_code, old.display_code]
    assert codes_of("?periode=7") == [new.display_code, high.display_code, late.display_code]
    assert codes_of("?wilayah=63.06") == [new.display_code, high.display_code, late.display_code, old.display_code]
    assert codes_of("?wilayah=63.06&risiko=tinggi&urut=batas") == [high.display_code]
    assert codes_of("?semua=1")[0] == closed.display_code  # the former link still works
    # Unknown values: a message in Indonesian, the rest of the filters still apply, never a 500.
    bad = client.get("/lapor/petugas/?risiko=merah&kanal=whatsapp")
    assert bad.status_code == 200 and "tidak dikenal" in bad.content.decode() and old.display_code not in bad.content.decode()
    html = client.get("/lapor/petugas/?risiko=tinggi&urut=risiko").content.decode()
    assert '<option value="tinggi" selected>' in html and '<option value="risiko" selected>' in html  # the form shows the URL


def test_queue_pages_keep_the_filters(demo: Any) -> None:
    for _ in range(51):
        officer_report(demo, channel="whatsapp")
    officer_report(demo, channel="surat")
    client = signed_in_client("petugas_pengaduan.hss")
    html = client.get("/lapor/petugas/?kanal=whatsapp&urut=lama").content.decode()
    assert "Halaman 1 dari 2" in html and "?hal=2&amp;kanal=whatsapp&amp;urut=lama" in html
    second = client.get("/lapor/petugas/?hal=2&kanal=whatsapp&urut=lama").content.decode()
    assert "Halaman 2 dari 2" in second


def test_filtered_queue_query_count_is_constant(demo: Any, django_assert_max_num_queries: Any) -> None:
    client = signed_in_client("petugas_pengaduan.hss")
    url = "/lapor/petugas/?status=semua&risiko=belum&periode=30&wilayah=63.06&urut=risiko"
    for _ in range(3):
        officer_report(demo)
    client.get(url)  # warm up session and caches
    with django_assert_max_num_queries(16) as small:
        client.get(url)
    for _ in range(20):
        officer_report(demo, region_id="63.06.05")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('href="/lapor/petugas/') >= 23
