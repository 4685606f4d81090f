"""A programme officer records a sosialisasi with its participant groups and sees it in the reach statistics."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.prevention.models import Activity
from simpul.prevention.reference import ensure_stakeholder_groups

pytestmark = pytest.mark.browser


def test_record_sosialisasi_and_see_it_in_reach_statistics(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    ensure_stakeholder_groups()
    login(page, "admin.hss")
    page.locator("header nav").get_by_role("link", name="Pencegahan").click()
    axe(page)
    page.get_by_role("link", name="Catat kegiatan").click()
    axe(page)
    page.select_option("select[name=organisation]", str(demo["org"]["dinas.hss"].pk))
    page.fill("input[name=title]", "Sosialisasi pencegahan TPPO di Kandangan (uji)")
    page.select_option("select[name=type]", "sosialisasi")
    page.select_option("select[name=main_topic]", "tppo")
    page.fill("input[name=start_date]", "2025-12-05")
    page.fill("input[name=end_date]", "2025-12-05")
    page.fill("input[name=venue]", "Aula Kecamatan Kandangan")
    page.select_option("select[name=region]", "63.06.05")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    act = Activity.objects.get(title__startswith="Sosialisasi pencegahan TPPO")
    assert f"/pencegahan/kegiatan/{act.pk}/" in page.url
    axe(page)

    for group, sex, age, n in (("Pelajar SMP", "P", "anak", "14"), ("Organisasi keagamaan", "L", "dewasa", "9")):
        page.select_option("select[name=group]", label=group)
        page.select_option("select[name=sex]", sex)
        page.select_option("select[name=age_group]", age)
        page.fill("input[name=count]", n)
        with page.expect_navigation():
            page.get_by_role("button", name="Simpan jumlah").click()
    assert "Pelajar SMP" in page.inner_text("#main") and "23" in page.inner_text("tfoot")

    page.goto(f"{live_url}/pencegahan/")
    page.get_by_role("link", name="Statistik jangkauan").click()
    axe(page)
    text = page.inner_text("main")
    assert "23 orang terjangkau dari 1 kegiatan" in text
    kec = page.locator("table", has=page.locator("caption", has_text="Kecamatan"))
    assert "Kandangan" in kec.inner_text() and "23" in kec.inner_text()
    group_table = page.locator("table", has=page.locator("caption", has_text="Kelompok peserta"))
    assert "Pelajar SMP" in group_table.inner_text() and "14" in group_table.inner_text()
    with page.expect_download() as dl:
        page.get_by_role("link", name="Unduh CSV").click()
    content = open(dl.value.path(), encoding="utf-8").read()  # noqa: PTH123, SIM115
    assert "total,,Jumlah,23" in content
