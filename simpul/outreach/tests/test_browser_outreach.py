"""A case manager dispatches the Molin PPA for outreach linked to a case; the crew member then sees
the pickup place, contact and safety notes, and nothing of the case file."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

pytestmark = pytest.mark.browser


def _open_case(demo: Any) -> Any:
    from simpul.cases import services as case_services

    return case_services.case_open(
        actor=demo["user"]["manajer_kasus.hss"], organisation=demo["org"]["uptd.hss"], region="63.06.05",
        jenis_kasus="ktp", risk="tinggi", summary="Ringkasan rahasia kasus uji",
    )


def test_dispatch_for_outreach_crew_sees_no_case_details(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    org = demo["org"]["uptd.hss"]
    case = _open_case(demo)
    vehicle = Vehicle.objects.create(organisation=org, name="Molin PPA HSS")
    crew = CrewMember.objects.create(organisation=org, user=demo["user"]["pendamping.hss"], duty="pendamping")

    login(page, "manajer_kasus.hss")
    page.locator("header nav").get_by_role("link", name="Molin PPA").click()
    axe(page)
    page.goto(f"{live_url}/molin/permintaan/baru/?purpose=penjangkauan&case_uid={case.uid}")
    axe(page)
    page.fill("input[name=window_start]", "2026-03-02T08:00")
    page.fill("input[name=window_end]", "2026-03-02T12:00")
    page.fill("input[name=area]", "Kecamatan Kandangan")
    page.fill("textarea[name=pickup_place]", "Rumah kerabat di belakang pasar (uji)")
    page.fill("input[name=contact]", "0812-3456-7890")
    page.fill("textarea[name=safety_notes]", "Jangan parkir di depan rumah (uji)")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    req = DispatchRequest.objects.get()
    assert req.case_uid == case.uid
    axe(page)
    page.select_option("select[name=vehicle]", str(vehicle.pk))
    page.check(f"input[name=crew][value='{crew.pk}']")
    page.fill("input[name=start_at]", "2026-03-02T08:00")
    page.fill("input[name=end_at]", "2026-03-02T11:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Jadwalkan").click()
    trip = Trip.objects.get()
    assert f"/molin/perjalanan/{trip.pk}/" in page.url

    # A second booking of the same vehicle at an overlapping time is refused with a clear message.
    page.goto(f"{live_url}/molin/permintaan/{req.pk}/")
    page.select_option("select[name=vehicle]", str(vehicle.pk))
    page.check(f"input[name=crew][value='{crew.pk}']")
    page.fill("input[name=start_at]", "2026-03-02T10:00")
    page.fill("input[name=end_at]", "2026-03-02T13:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Jadwalkan").click()
    assert "sudah dipesan pada" in page.inner_text("main")
    assert Trip.objects.count() == 1

    page.context.clear_cookies()
    login(page, "pendamping.hss")
    page.goto(f"{live_url}/molin/perjalanan-saya/")
    axe(page)
    page.locator("main table a").first.click()
    page.wait_for_url(f"**/molin/perjalanan/{trip.pk}/")
    axe(page)
    text = page.inner_text("main")
    assert "Rumah kerabat di belakang pasar (uji)" in text and "0812-3456-7890" in text and "Jangan parkir" in text
    html = page.inner_html("main")
    for secret in (str(case.uid), case.number, "Ringkasan rahasia kasus uji", "/kasus/"):
        assert secret not in html, secret
    page.goto(f"{live_url}/molin/permintaan/{req.pk}/")
    assert page.locator("h1").count() == 0 or "Permintaan" not in page.inner_text("h1")
