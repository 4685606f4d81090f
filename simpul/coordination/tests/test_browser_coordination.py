"""A computed RAD indicator changes when the underlying data changes (no manual entry)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from simpul.coordination.models import Indicator, Plan, PlanActivity, Programme, Target
from simpul.prevention import services as prevention_services
from simpul.regions.models import Region

pytestmark = pytest.mark.browser


def test_computed_indicator_follows_prevention_data(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    year = dt.date.today().year - 1  # noqa: DTZ011 - a past year: the target applies in full
    plan = Plan.objects.create(organisation=demo["org"]["dinas.hss"], title="RAD PPA HSS (uji)", legal_basis="Perbup uji",
                               region=Region.objects.get(code="63.06"), start_year=year, end_year=year + 1)
    act = PlanActivity.objects.create(programme=Programme.objects.create(plan=plan, name="Pencegahan"), name="Sosialisasi")
    ind = Indicator.objects.create(activity=act, name="Orang terjangkau sosialisasi", unit="orang", source="computed", computed_key="sosialisasi_reach")
    Target.objects.create(indicator=ind, year=year, value=Decimal(50))

    login(page, "admin.hss")
    page.locator("header nav").get_by_role("link", name="Koordinasi & RAD").click()
    axe(page)
    page.get_by_role("link", name="Capaian").first.click()
    axe(page)
    assert "Tertinggal" in page.inner_text("main")
    page.goto(f"{live_url}/koordinasi/rad/indikator/{ind.pk}/")
    axe(page)
    assert page.inner_text(f"[data-testid=actual-{year}]").strip() == "0"

    admin = demo["user"]["admin.hss"]
    activity = prevention_services.activity_create(actor=admin, organisation=demo["org"]["dinas.hss"], data={
        "title": "Sosialisasi desa (uji)", "type": "sosialisasi", "main_topic": "ktpa", "start_date": dt.date(year, 8, 1),
        "end_date": dt.date(year, 8, 1), "region": Region.objects.get(code="63.06.05")})
    prevention_services.count_set(actor=admin, activity=activity, group=None, sex="X", age_group="x", count=64)
    page.reload()
    assert page.inner_text(f"[data-testid=actual-{year}]").strip() == "64"
    page.goto(f"{live_url}/koordinasi/rad/{plan.pk}/capaian/")
    assert "Sesuai target" in page.inner_text("main")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Unduh PDF").click()
    assert open(dl.value.path(), "rb").read(4) == b"%PDF"  # noqa: PTH123, SIM115
