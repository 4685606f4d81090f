"""Intake in a real Chromium: the public report with and without JavaScript, quick exit, the status
check with code + PIN, a relawan's field report, and an officer's triage to "accepted as case"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from simpul.intake.models import Report, Status
from tests.browser_fixtures import CHROMIUM_ARGS, assert_no_horizontal_overflow  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def nojs_page(browser: Any, live_url: str) -> Iterator[Any]:
    """A 360 px page with JavaScript disabled; requests to any other host fail the test."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="id-ID")
    foreign: list[str] = []
    host = urlsplit(live_url).hostname

    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname not in {host, "127.0.0.1", "localhost"}:
            foreign.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
    assert not foreign, foreign


def _fill_public_form(page: Any) -> None:
    page.fill("textarea[name=story]", "Siti Contoh dipukul oleh suaminya tadi malam.")
    page.select_option("select[name=kabupaten]", "63.06")
    page.fill("input[name=wilayah]", "63.06.05")
    page.check("input[name=for_whom][value=diri_sendiri]")
    page.check("input[name=victim_is_child][value=tidak]")
    page.check("input[name=anonymous]")
    page.check("input[name=do_not_contact]")


def _code_pin(page: Any) -> tuple[str, str]:
    return page.inner_text("#tracking-code").strip(), page.inner_text("#tracking-pin").strip()


def test_public_report_without_javascript(nojs_page: Any, live_url: str, demo: Any) -> None:
    page = nojs_page
    page.goto(f"{live_url}/lapor/")
    assert page.title() == "Layanan Informasi"
    assert_no_horizontal_overflow(page)
    # A mistake first: everything typed comes back with the error in Indonesian.
    page.fill("textarea[name=story]", "pendek")
    page.select_option("select[name=kabupaten]", "63.06")
    page.fill("input[name=reporter_name]", "Budi Sintetis")
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")
    assert "Ceritakan sedikit lebih banyak" in page.inner_text("main")
    assert page.input_value("textarea[name=story]") == "pendek"
    assert page.input_value("input[name=reporter_name]") == "Budi Sintetis"
    assert page.input_value("select[name=kabupaten]") == "63.06"
    _fill_public_form(page)
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")
    code, pin = _code_pin(page)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code) and re.fullmatch(r"\d{6}", pin)
    report = Report.objects.get()
    assert report.anonymous and report.do_not_contact and report.organisation == demo["org"]["uptd.hss"]
    # The quick-exit link still leads to the neutral page without JavaScript.
    assert urlsplit(page.url).path == "/lapor/terkirim/"  # post-redirect-get
    page.click("a[data-quick-exit]")
    page.wait_for_url(re.compile(r".*/resep/sayur-asem/$"))
    assert page.title() == "Resep Sayur Asem"
    # Back to the "report sent" page: a plain GET (no "confirm resubmission"), code and PIN gone.
    page.go_back()
    assert urlsplit(page.url).path == "/lapor/terkirim/"
    main = page.inner_text("main")
    assert pin not in main and code not in main and page.locator("#tracking-pin").count() == 0
    assert Report.objects.count() == 1


def test_resubmitted_report_never_shows_the_pin_again(page: Any, live_url: str, demo: Any) -> None:
    """Submit, go back to the form, send the very same form again (same idempotency key, what
    "confirm resubmission" does): the same code, no PIN, no second report."""
    page.goto(f"{live_url}/lapor/")
    _fill_public_form(page)
    key = page.input_value("input[name=idem]")
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")
    code, pin = _code_pin(page)
    page.go_back()
    page.wait_for_url(re.compile(r".*/lapor/$"))
    _fill_public_form(page)
    page.eval_on_selector("input[name=idem]", "(el, key) => { el.value = key; }", key)
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")
    assert page.inner_text("#tracking-code").strip() == code
    assert page.locator("#tracking-pin").count() == 0 and pin not in page.inner_text("main")
    assert page.locator("#pin-once").is_visible()
    assert Report.objects.count() == 1


def test_public_report_with_javascript_then_status_and_message(mobile_page: Any, live_url: str, axe: Any, demo: Any) -> None:
    page = mobile_page
    page.goto(f"{live_url}/lapor/")
    axe(page)
    assert_no_horizontal_overflow(page)
    _fill_public_form(page)
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")
    code, pin = _code_pin(page)
    axe(page)
    report = Report.objects.get()
    from simpul.intake.services import message_post_officer

    officer = demo["user"]["petugas_pengaduan.hss"]
    message_post_officer(actor=officer, report=report, body="Catatan internal sintetis", internal=True)
    message_post_officer(actor=officer, report=report, body="Kami sudah membaca laporan Anda.", internal=False)
    page.goto(f"{live_url}/lapor/status/")
    page.fill("input[name=code]", code.lower())
    page.fill("input[name=pin]", pin)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    main = page.inner_text("main")
    assert "menunggu diperiksa" in main and "Kami sudah membaca laporan Anda." in main
    assert "Catatan internal sintetis" not in main
    axe(page)
    assert_no_horizontal_overflow(page)
    page.fill("textarea[name=body]", "Terima kasih, saya aman.")
    with page.expect_navigation():
        page.click("form[action$='/status/pesan/'] button[type=submit]")
    assert "Terima kasih, saya aman." in page.inner_text("main")
    assert report.messages.filter(author_kind="public").count() == 1


def test_quick_exit_leaves_no_way_back(page: Any, live_url: str, demo: Any) -> None:
    page.goto(f"{live_url}/lapor/")
    page.click("a[data-quick-exit]")
    page.wait_for_url(re.compile(r".*/resep/sayur-asem/$"))
    assert page.title() == "Resep Sayur Asem"
    page.go_back()
    assert page.url == "about:blank", page.url  # the portal page was replaced, not kept behind
    # The in-portal links do not add history either: status -> form -> quick exit -> back: not the portal.
    page.goto(f"{live_url}/lapor/status/")
    page.click("a[data-replace]:has-text('Buat laporan baru')")
    page.wait_for_url(re.compile(r".*/lapor/$"))
    page.click("a[data-quick-exit]")
    page.wait_for_url(re.compile(r".*/resep/sayur-asem/$"))
    page.go_back()
    assert not urlsplit(page.url).path.startswith("/lapor/") or page.title() == "Resep Sayur Asem", page.url
    assert page.title() != "Layanan Informasi"


def test_relawan_field_report(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    login(page, "relawan.hss")
    page.goto(f"{live_url}/lapor/lapangan/baru/")
    axe(page)
    page.fill("textarea[name=story]", "Anak perempuan tetangga tidak sekolah dan akan dinikahkan.")
    page.select_option("select[name=wilayah]", "63.06.05")
    page.check("input[name=at_risk][value=anak_perempuan]")
    page.check("input[name=urgency][value=perlu]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert urlsplit(page.url).path == "/lapor/lapangan/"
    report = Report.objects.get()
    assert report.display_code in page.inner_text("main")
    assert "dinikahkan" not in page.inner_text("main")
    axe(page)


def test_officer_triage_to_accepted_case(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.intake.services import report_submit_public

    report = report_submit_public(
        data={"story": "Siti Contoh diancam oleh mantan suaminya.", "region_id": "63.06.05", "for_whom": "diri_sendiri",
              "victim_is_child": "tidak"},
        idempotency_key="b" * 24,
    ).report
    assert report is not None
    login(page, "petugas_pengaduan.hss")
    page.goto(f"{live_url}/lapor/petugas/")
    axe(page)
    with page.expect_navigation():
        page.click(f"text={report.display_code}")
    axe(page)
    with page.expect_navigation():
        page.click("a:has-text('Triase')")
    page.select_option("select[name=jenis_kasus]", "ktp")
    page.check("input[name=checklist][value=ancaman]")
    axe(page)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.inner_text("#report-status") == "Ditriase"
    report.refresh_from_db()
    assert report.risk == "sedang"
    with page.expect_navigation():
        page.click("button:has-text('Terima sebagai kasus')")
    report.refresh_from_db()
    assert report.status == Status.DITERIMA and report.case_id


class Clicks:
    """Counts what the officer does with the mouse: each link, button, checkbox or choice in a list."""

    def __init__(self, page: Any) -> None:
        self.page, self.count = page, 0

    def click(self, selector: str, *, navigates: bool = True) -> None:
        self.count += 1
        if navigates:
            with self.page.expect_navigation():
                self.page.click(selector)
        else:
            self.page.click(selector)

    def choose(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.select_option(selector, value)


def test_officers_day_public_report_to_assigned_caseworker(page: Any, browser: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    """Public report -> triage (the story beside the form, the child factor already ticked from the
    report) -> accept as case -> the case page prompts "Tetapkan pendamping" -> assigned; clicks counted."""
    from simpul.cases.models import Case

    public = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID").new_page()
    public.goto(f"{live_url}/lapor/")
    public.fill("textarea[name=story]", "Anak tetangga kami dipukul ayah tirinya setiap malam, tadi malam sampai berdarah.")
    public.select_option("select[name=kabupaten]", "63.06")
    public.fill("input[name=wilayah]", "63.06.05")
    public.check("input[name=period][value=berlangsung]")
    public.check("input[name=for_whom][value=orang_lain]")
    public.check("input[name=victim_is_child][value=ya]")
    public.check("input[name=anonymous]")
    with public.expect_navigation():
        public.click("form.public-form button[type=submit]")
    code = public.inner_text("#tracking-code").strip()
    public.context.close()

    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/lapor/petugas/")
    clicks = Clicks(page)
    clicks.click(f"a:has-text('{code}')")  # newest first: at the top of the queue
    clicks.click("a:has-text('Triase')")
    assert "dipukul ayah tirinya" in page.inner_text("#report-story")  # the story beside the form
    assert page.is_checked("input[name=checklist][value=korban_anak_disabilitas]")  # from the report
    assert "dari laporan" in page.inner_text("#from-report").lower()
    axe(page)
    clicks.choose("select[name=jenis_kasus]", "ampk")
    clicks.choose("select[name=ampk_category]", "i")
    clicks.click("input[name=checklist][value=luka_berat]", navigates=False)
    clicks.click("main form button[type=submit]")
    assert page.inner_text("#report-status") == "Ditriase"
    clicks.click("button:has-text('Terima sebagai kasus')")
    triage_to_case = clicks.count
    case = Case.objects.get()
    assert urlsplit(page.url).path == f"/kasus/{case.uid}/"
    assert case.number in page.inner_text(".messages")
    # The case page's one next step (the guided flow): assign a caseworker, urgent for a high risk.
    assert "tetapkan pendamping" in page.inner_text("#next-step").lower()
    assert "urgent" in (page.get_attribute("#next-step", "class") or "")
    axe(page)
    clicks.click("#next-step")
    clicks.choose("select[name=user]", str(demo["user"]["pendamping.hss"].pk))
    clicks.click("main form button[type=submit]")
    assert urlsplit(page.url).path == f"/kasus/{case.uid}/"
    assert "tetapkan pendamping" not in page.inner_text("#next-step").lower()  # the next step moved on
    assert case.assignments.filter(user=demo["user"]["pendamping.hss"], ended_at=None).exists()
    print(f"\nCLICKS queue->case accepted: {triage_to_case}; queue->caseworker assigned: {clicks.count}")
    assert triage_to_case <= 7 and clicks.count <= 10
