"""The whole path in a real browser: an accepted intake report becomes a case -> assessment ->
intervention plan approved -> referral to Unit PPA Polres HSS accepted by its mitra user ->
service recorded -> termination approved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


def _logout(page: Any) -> None:
    with page.expect_navigation():
        page.click("header form button:has-text('Keluar')")


def _submit(page: Any, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def test_case_from_report_to_termination(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.cases.models import Case, Referral
    from simpul.intake import services as intake

    report = intake.report_record(
        actor=demo["user"]["petugas_pengaduan.hss"],
        data={"channel": "telepon", "story": "Siti Contoh dipukul (cerita sintetis).", "region_id": "63.06.05"},
    )
    intake.report_triage(actor=demo["user"]["petugas_pengaduan.hss"], report=report, jenis_kasus="ktp", checklist=[])

    # 1. The intake officer accepts the report as a case (intake page).
    login(page, "petugas_pengaduan.hss")
    page.goto(f"{live_url}/lapor/petugas/{report.uid}/")
    _submit(page, "button:has-text('Terima sebagai kasus')")
    case = Case.objects.get(source_report_uid=report.uid)
    _logout(page)

    # 2. The case manager completes identification and the assessment, then proposes the plan.
    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/kasus/")
    axe(page)
    with page.expect_navigation():
        page.click(f"text={case.number}")
    axe(page)
    page.click("a:has-text('Tambah pihak')")
    page.wait_for_url("**/pihak/")
    page.select_option("select[name=role]", "korban")
    page.fill("input[name=full_name]", "Siti Contoh")
    page.fill("input[name=nik]", "6306054405900001")
    page.fill("input[name=birth_date]", "1990-05-05")  # NIK says 04-05-1990: a warning, not a correction
    page.select_option("select[name=sex]", "P")
    axe(page)
    _submit(page)
    assert "berbeda dengan tanggal lahir pada NIK" in page.inner_text("main")
    page.click("a:has-text('Catat kejadian')")
    page.wait_for_url("**/kejadian/")
    page.fill("input[name=date]", (timezone.localdate() - dt.timedelta(days=2)).isoformat())
    page.select_option("select[name=place]", "rumah_tangga")
    page.check("input[name=forms][value=fisik]")
    page.fill("textarea[name=chronology]", "Kronologi sintetis.")
    axe(page)
    _submit(page)
    page.click("a:has-text('Isi asesmen')")
    page.wait_for_url("**/asesmen/")
    page.fill("textarea[name=fisik]", "Memar (sintetis)")
    page.fill("textarea[name=psikologis]", "Cemas")
    page.select_option("select[name=risk]", "tinggi")
    page.fill("textarea[name=safety_plan]", "Tinggal di rumah keluarga")
    axe(page)
    _submit(page)
    assert "Asesmen" in page.inner_text("#case-stage")
    _submit(page, "button:has-text('Lanjut ke tahap rencana intervensi')")
    page.click("a:has-text('Ajukan rencana intervensi')")
    page.wait_for_url("**/persetujuan/plan/")
    page.fill("textarea[name=content]", "Pendampingan hukum dan psikologis.")
    _submit(page)
    assert "Menunggu persetujuan Anda" not in page.inner_text("main")  # no self-approval
    _logout(page)

    # 3. The head approves the plan and refers the case to the Polres PPA unit.
    login(page, "kepala.hss")
    page.goto(f"{live_url}/kasus/{case.uid}/")
    assert "Menunggu persetujuan Anda" in page.inner_text("main")
    axe(page)
    _submit(page, "button:has-text('Simpan keputusan')")
    assert "Pelaksanaan" in page.inner_text("#case-stage")
    page.click("main a[href$='/rujuk/']")
    page.wait_for_url("**/rujuk/")
    assert "Tidak ada persetujuan rujukan yang tercatat" in page.inner_text("main")
    page.select_option("select[name=to_org]", str(demo["org"]["polres.hss"].pk))
    page.select_option("select[name=service_type]", "penegakan_hukum")
    page.fill("textarea[name=reason]", "Mohon proses laporan polisi.")
    axe(page)
    _submit(page)
    assert page.url.endswith("/rujuk/")  # refused: no consent and no override basis
    assert "pilih dasar pemrosesan lain" in page.inner_text("main")
    assert page.input_value("textarea[name=reason]") == "Mohon proses laporan polisi."  # input kept
    page.select_option("select[name=override_basis]", "vital_interest")
    page.fill("textarea[name=override_reason]", "Korban dalam bahaya.")
    _submit(page)
    ref = Referral.objects.get(case=case)
    assert ref.without_consent
    _logout(page)

    # 4. The Polres partner accepts, records the service and completes the referral.
    login(page, "mitra.polres.hss")
    page.goto(f"{live_url}/kasus/rujukan/masuk/")
    axe(page)
    with page.expect_navigation():
        page.click(f"text={case.number}")
    text = page.inner_text("main")
    assert "Siti Contoh" in text and "Kronologi sintetis." in text and "Memar" not in text  # asesmen not shared
    axe(page)
    _submit(page, "button:has-text('Kirim tanggapan')")
    assert page.inner_text("#ref-status") == "Diterima"
    page.fill("textarea[name=text]", "BAP korban dilakukan.")
    _submit(page, "button:has-text('Simpan tindakan')")
    _submit(page, "button:has-text('Simpan layanan')")
    page.fill("textarea[name=outcome]", "Berkas dilimpahkan.")
    _submit(page, "button:has-text('Selesaikan')")
    assert page.inner_text("#ref-status") == "Selesai"
    response = page.goto(f"{live_url}/kasus/{case.uid}/")
    assert response is not None and response.status == 404  # the partner never sees the case file
    _logout(page)

    # 5. The case manager asks for termination; the head approves; the case is closed.
    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/kasus/{case.uid}/")
    assert "Penegakan hukum" in page.inner_text("main")  # the partner's service is on the case
    page.click("a:has-text('Ajukan terminasi')")
    page.wait_for_url("**/persetujuan/termination/")
    page.fill("textarea[name=content]", "Tujuan intervensi tercapai.")
    _submit(page)
    _logout(page)
    login(page, "kepala.hss")
    page.goto(f"{live_url}/kasus/{case.uid}/")
    _submit(page, "button:has-text('Simpan keputusan')")
    assert "Ditutup" in page.inner_text("#case-status") and "Terminasi" in page.inner_text("#case-stage")
    axe(page)
    case.refresh_from_db()
    assert case.status == "closed"


def test_case_pages_fit_a_360px_phone(mobile_page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.cases.tests.access_spec import build_world
    from tests.browser_fixtures import assert_no_horizontal_overflow

    world = dict(demo)
    build_world(world)
    case = world["case"]
    login(mobile_page, "manajer_kasus.hss")
    for path in ("/kasus/", f"/kasus/{case.uid}/", f"/kasus/{case.uid}/pihak/", f"/kasus/{case.uid}/rujuk/"):
        mobile_page.goto(f"{live_url}{path}")
        assert_no_horizontal_overflow(mobile_page)
        axe(mobile_page)


class Clicks:
    """Counts what a person does with the mouse (click, tick, choose); typing is not counted."""

    def __init__(self, page: Any) -> None:
        self.page, self.n = page, 0

    def click(self, selector: str, *, navigates: bool = True) -> None:
        self.n += 1
        if navigates:
            with self.page.expect_navigation():
                self.page.click(selector)
        else:
            self.page.click(selector)

    def check(self, selector: str) -> None:
        self.n += 1
        self.page.check(selector)

    def select(self, selector: str, value: str) -> None:
        self.n += 1
        self.page.select_option(selector, value)


def test_guided_flow_case_to_accepted_referral_counts_clicks(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    """Issue 13: from the case page, the guided next step leads through the assessment (with
    informed consent, which records consent) and the plan to a referral sent WITH consent;
    the partner accepts it. The clicks from the case page to the sent referral are counted
    (18 before the guided flow)."""
    from simpul.cases import services
    from simpul.cases.models import Referral
    from simpul.cases.tests.factories import open_case

    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo, risk="tinggi")
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Rina Contoh", sex="P", age_estimate=30)
    services.incident_add(actor=mk, case=case, date=dt.date(2025, 2, 1), forms=["fisik"], place="rumah_tangga")

    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/kasus/{case.uid}/")
    assert page.inner_text("#next-step") == "Tetapkan pendamping"  # a high-risk case without a caseworker
    assert "urgent" in (page.get_attribute("#next-step", "class") or "")
    services.case_assign(actor=mk, case=case, user=demo["user"]["pendamping.hss"])
    page.goto(f"{live_url}/kasus/{case.uid}/")
    axe(page)
    c = Clicks(page)
    # 1. The next step is the assessment; informed consent is given there.
    assert page.inner_text("#next-step") == "Isi asesmen"
    c.click("#next-step")
    page.fill("textarea[name=fisik]", "Memar (sintetis)")
    c.select("select[name=risk]", "tinggi")
    c.check("input[name=informed_consent]")
    c.select("select[name=given_by]", "self")
    c.select("select[name=how]", "written")
    axe(page)
    c.click("main form button[type=submit]")
    # 2. Consent is now recorded: the next step moves on to the plan.
    assert "Catat persetujuan korban" not in page.inner_text("#next-step")
    assert page.inner_text("#next-step") == "Lanjut ke tahap rencana intervensi"
    c.click("#next-step")
    assert page.inner_text("#next-step") == "Ajukan rencana intervensi"
    c.click("#next-step")
    page.fill("textarea[name=content]", "Pendampingan hukum dan psikologis.")
    c.click("main form button[type=submit]")
    # 3. The plan waits for the head; the next step is the referral, with consent on record.
    assert page.inner_text("#next-step") == "Rujuk ke mitra"
    c.click("#next-step")
    assert "Persetujuan korban/wali untuk rujukan tercatat." in page.inner_text("main")
    assert page.locator("select[name=override_basis]").count() == 0  # nobody is pushed to "vital interest"
    c.select("select[name=to_org]", str(demo["org"]["polres.hss"].pk))
    c.select("select[name=service_type]", "penegakan_hukum")
    page.fill("textarea[name=reason]", "Mohon proses laporan polisi.")
    axe(page)
    c.click("main form button[type=submit]")
    ref = Referral.objects.get(case=case)
    assert not ref.without_consent and ref.consent_basis == "consent"
    clicks = c.n
    print(f"\nclicks from the case page to the sent referral: {clicks}")
    assert clicks < 18
    with page.expect_navigation():
        page.click("header form button:has-text('Keluar')")

    # 4. The partner accepts it from the paged inbox.
    login(page, "mitra.polres.hss")
    page.goto(f"{live_url}/kasus/rujukan/masuk/")
    axe(page)
    with page.expect_navigation():
        page.click(f"text={case.number}")
    with page.expect_navigation():
        page.click("button:has-text('Kirim tanggapan')")
    assert page.inner_text("#ref-status") == "Diterima"
