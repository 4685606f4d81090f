"""A privacy officer's day in a real Chromium: record a data-subject request, identify the person,
download the access export, record a suspected breach and download the Pasal 46 draft. axe-core
on every page; the request page at 360 px without horizontal scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.privacy.models import Breach, SubjectRequest
from simpul.privacy.tests.factories import make_person
from tests.browser_fixtures import assert_no_horizontal_overflow, sign_in

pytestmark = pytest.mark.browser


def test_officer_handles_an_access_request_and_a_breach(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    person = make_person(demo["org"]["uptd.hss"], full_name="Siti Contoh Sintetis")
    login(page, "kepala.hss")
    page.locator("header nav").get_by_role("link", name="Privasi").click()
    assert page.locator("h1").inner_text().startswith("Privasi")
    axe(page)

    page.goto(f"{live_url}/privasi/permintaan/baru/")
    axe(page)
    page.select_option("select[name=kind]", "access")
    page.fill("textarea[name=notes]", "Datang ke kantor bersama ibunya")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    req = SubjectRequest.objects.get()
    assert str(req.uid) in page.url
    axe(page)

    page.fill("input[name=nik]", "6306054501900001")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Cari").click()
    assert "S. C. S." in page.inner_text("main") and "Siti Contoh" not in page.inner_text("main")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ini orangnya").click()
    req.refresh_from_db()
    assert req.person_id == person.pk
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    axe(page)

    page.goto(f"{live_url}/privasi/permintaan/")
    axe(page)

    page.goto(f"{live_url}/privasi/kebocoran/baru/")
    axe(page)
    page.fill("textarea[name=description]", "Laptop kantor hilang")
    page.fill("input[name=suspect_username]", "pendamping.hss")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert Breach.objects.count() == 1
    assert "Sisa waktu pemberitahuan" in page.inner_text("main")
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh draf (teks)").click()
    assert download.value.suggested_filename.endswith(".txt")


def test_request_page_fits_a_phone(mobile_page: Any, live_url: str, demo: Any) -> None:
    from simpul.privacy import services

    person = make_person(demo["org"]["uptd.hss"])
    req = services.request_create(actor=demo["user"]["manajer_kasus.hss"], organisation=demo["org"]["uptd.hss"], kind="restriction", person=person)
    sign_in(mobile_page, live_url, "manajer_kasus.hss")
    mobile_page.goto(f"{live_url}/privasi/permintaan/{req.uid}/")
    assert_no_horizontal_overflow(mobile_page)
    mobile_page.goto(f"{live_url}/privasi/permintaan/")
    assert_no_horizontal_overflow(mobile_page)
