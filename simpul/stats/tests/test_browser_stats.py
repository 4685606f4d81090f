"""A real browser draws the dashboard charts (Chart.js from our static files, no inline script)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.browser
def test_dashboard_charts_render_with_tables(
    page: Any, live_url: str, login: Any, axe: Any, stats_world: Any
) -> None:
    login(page, "analis.kalsel")
    page.goto(f"{live_url}/statistik/?periode=2025")
    # Numbers first; no chart and no Chart.js until a section with charts is opened.
    assert page.locator(".stat-cards").is_visible() and page.locator("#rincian").is_hidden()
    assert page.evaluate("() => typeof window.Chart") == "undefined"
    page.click("a[href='#rincian']")
    page.wait_for_selector("#chart-kasus-bentuk[data-drawn='1']")
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-drawn="1"]')].map(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let ink = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) ink++; }
            return [c.id, c.width > 0 && c.height > 0, ink];
        })"""
    )
    assert len(drawn) >= 8
    assert all(ok and ink > 50 for _id, ok, ink in drawn), drawn
    assert page.locator("#t-kasus-bentuk table tbody tr").count() >= 7
    assert "menurut tanggal lapor" in page.inner_text("main")
    axe(page)
    # Province -> kabupaten drill-down keeps working.
    page.click("#t-kasus-kabupaten a >> nth=0")
    page.wait_for_selector("canvas[data-drawn='1']")
    assert "wilayah=63.0" in page.url
    axe(page)


@pytest.mark.browser
def test_dashboard_period_control_without_and_with_javascript(
    browser: Any, page: Any, live_url: str, login: Any, stats_world: Any
) -> None:
    login(page, "analis.kalsel")
    page.goto(f"{live_url}/statistik/?periode=2025")
    assert page.locator("#custom-range").is_hidden()
    page.select_option("#f-periode", "custom")
    assert page.locator("#f-dari").is_visible() and page.locator("#f-sampai").is_visible()
    page.fill("#f-dari", "2025-03-01")
    page.fill("#f-sampai", "2025-03-31")
    with page.expect_navigation():
        page.click(".stats-filter button[type=submit]")
    assert "2025-03-01 – 2025-03-31" in page.inner_text("main")
    # Without JavaScript: the same single select; the range appears when chosen (CSS), every
    # section is on the page one after another.
    context = browser.new_context(java_script_enabled=False, locale="id-ID", storage_state=page.context.storage_state())
    nojs = context.new_page()
    nojs.goto(f"{live_url}/statistik/?periode=2025")
    assert nojs.locator("#custom-range").is_hidden()
    nojs.select_option("#f-periode", "custom")
    assert nojs.locator("#f-dari").is_visible()
    nojs.select_option("#f-periode", "2024")
    with nojs.expect_navigation():
        nojs.click(".stats-filter button[type=submit]")
    assert "Periode 2024" in nojs.inner_text("main")
    assert nojs.locator("#rincian table").first.is_visible()
    context.close()


@pytest.mark.browser
def test_public_open_data_works_without_javascript(
    browser: Any, live_url: str, stats_world: Any, axe: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{live_url}/statistik/publik/")
    assert p.locator("table").count() >= 1
    assert p.locator("td abbr").count() >= 1  # suppressed cells are marked (page language follows the browser)
    context.close()
