"""A real browser draws the dashboard charts (Chart.js from our static files, no inline script)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.browser
def test_dashboard_charts_render_with_tables(
    page: Any, live_url: str, login: Any, axe: Any, stats_world: Any
) -> None:
    login(page, "analis.kalsel")
    page.goto(f"{live_url}/statistik/?tahun=2025")
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
def test_public_open_data_works_without_javascript(
    browser: Any, live_url: str, stats_world: Any, axe: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{live_url}/statistik/publik/")
    assert p.locator("table").count() >= 1
    assert p.locator("td abbr").count() >= 1  # suppressed cells are marked (page language follows the browser)
    context.close()
