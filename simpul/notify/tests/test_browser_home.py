"""The officer's day in a real browser: sign in, see what waits on Beranda, click through to the
list, search by NIK from the header, see the bell and open the notification."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


def test_home_search_and_bell(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.cases import services as cases
    from simpul.notify.tests.helpers import VICTIM_NAME, VICTIM_NIK, case_with_victim

    mk, pendamping = demo["user"]["manajer_kasus.hss"], demo["user"]["pendamping.hss"]
    case = case_with_victim(demo)
    hidden = case_with_victim(demo)  # same person, not assigned to the pendamping: never found
    cases.case_assign(actor=mk, case=case, user=pendamping)  # -> a notification (after commit, by the task)
    cases.task_add(actor=mk, case=case, title="Kunjungan (sintetis)", due_date=timezone.localdate() - dt.timedelta(days=1), assignee=pendamping)

    login(page, "pendamping.hss")
    page.goto(f"{live_url}/beranda/")
    axe(page)
    item = page.locator("li.work-item", has_text="kasus ditugaskan kepada saya")
    assert item.locator(".work-count").inner_text() == "1"
    late = page.locator("li.work-item", has_text="tugas saya terlambat")
    assert late.locator(".work-count").inner_text() == "1" and "perlu segera" in late.inner_text()
    assert page.locator("#bell .badge").inner_text() == "1"

    with page.expect_navigation():
        item.locator("a").click()
    assert "antrian=mine" in page.url and case.number in page.inner_text("main")

    page.fill("#q-top", VICTIM_NIK)
    with page.expect_navigation():
        page.press("#q-top", "Enter")
    axe(page)
    results = page.inner_text("#search-results")
    assert case.number in results and hidden.number not in results
    assert "6306********0001" in results and VICTIM_NAME not in page.inner_text("main")
    with page.expect_navigation():
        page.click(f"#search-results a:has-text('{case.number}')")
    assert f"/kasus/{case.uid}/" in page.url
    assert VICTIM_NIK not in page.url

    with page.expect_navigation():
        page.click("#bell")
    axe(page)
    assert "Anda ditugaskan pada sebuah kasus" in page.inner_text("main")
    with page.expect_navigation():
        page.click("main button:has-text('Buka')")
    assert f"/kasus/{case.uid}/" in page.url
    assert page.locator("#bell .badge").count() == 0


def test_home_and_search_fit_a_360px_phone(mobile_page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.notify.tests.helpers import case_with_victim
    from tests.browser_fixtures import assert_no_horizontal_overflow

    case_with_victim(demo, risk="tinggi")
    login(mobile_page, "kepala.hss")
    for path in ("/beranda/", "/cari/", "/notifikasi/", "/notifikasi/pengaturan/"):
        mobile_page.goto(f"{live_url}{path}")
        if path == "/cari/":
            mobile_page.fill("#q-page", "6306054501900001")
            with mobile_page.expect_navigation():
                mobile_page.press("#q-page", "Enter")
            assert mobile_page.locator("#search-results").count() == 1
        assert_no_horizontal_overflow(mobile_page)
        axe(mobile_page)
    mobile_page.goto(f"{live_url}/beranda/")
    assert "Beban kerja tim" in mobile_page.inner_text("main")
