"""A cheap phone (360 px): the case list shows every column without sideways scrolling (rows
stack), and the controls of the main content are at least 24 x 24 px (WCAG 2.2, 2.5.8)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_fixtures import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

MIN_TARGET = 24

# Visible buttons, form controls and links of the main content with a box smaller than 24 x 24 px.
# A link inside a sentence (its parent has other text) is exempt, as in WCAG 2.5.8.
SMALL_TARGETS_JS = """(min) => [...document.querySelectorAll(
    'main a[href], main button, main summary, main select, main input:not([type=hidden]), main textarea')]
  .filter(e => e.offsetParent !== null)
  .filter(e => {
    if (e.tagName === 'A') {
      const own = (e.textContent || '').trim();
      const around = (e.parentElement.textContent || '').replace(own, '').trim();
      if (around.length > 0 && /[A-Za-z]{3}/.test(around) && !e.closest('td, nav, .actions')) { return false; }
    }
    if (e.type === 'checkbox' || e.type === 'radio') { return false; }  // their label is the target
    const r = e.getBoundingClientRect();
    return r.width < min - 0.5 || r.height < min - 0.5;
  })
  .map(e => e.tagName.toLowerCase() + ' "' + (e.textContent || e.name || '').trim().slice(0, 30) + '" '
       + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))"""


def small_targets(page: Any) -> list[str]:
    return list(page.evaluate(SMALL_TARGETS_JS, MIN_TARGET))


def test_case_list_on_a_phone(mobile_page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.cases.bulk import bulk_cases

    bulk_cases(demo["org"]["uptd.hss"], 30, assign_to=demo["user"]["pendamping.hss"])
    page = mobile_page
    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/kasus/?antrian=team")
    rows = page.locator("table.cases tbody tr")
    assert rows.count() >= 20
    assert_no_horizontal_overflow(page)
    # Risk and caseworker are on screen, inside the phone's width, labelled.
    first = rows.first
    for label in ("Risiko", "Pendamping"):
        cell = first.locator(f"td[data-label='{label}']")
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, (label, box)
        assert cell.is_visible()
    shown_labels = page.evaluate(
        "() => [...document.querySelectorAll('table.cases tbody tr:first-child td')]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )
    assert '"Risiko"' in shown_labels and '"Pendamping"' in shown_labels, shown_labels
    assert not small_targets(page), small_targets(page)
    page.click("main details summary")  # the filters
    assert not small_targets(page), small_targets(page)
    axe(page)


def test_case_page_targets_on_a_phone(mobile_page: Any, live_url: str, login: Any, demo: Any) -> None:
    from simpul.cases.tests.factories import open_case

    case = open_case(demo)
    page = mobile_page
    login(page, "manajer_kasus.hss")
    page.goto(f"{live_url}/kasus/{case.uid}/")
    assert_no_horizontal_overflow(page)
    assert not small_targets(page), small_targets(page)


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("kepala.hss", ["/beranda/", "/statistik/", "/lapor/petugas/", "/kasus/rujukan/masuk/"]),
        ("admin.hss", ["/organisasi/", "/akun/"]),
    ],
)
def test_main_content_targets_on_a_phone(
    mobile_page: Any, live_url: str, login: Any, demo: Any, username: str, paths: list[str]
) -> None:
    page = mobile_page
    login(page, username)
    for path in paths:
        response = page.goto(live_url + path)
        assert response is not None and response.status == 200, path
        assert_no_horizontal_overflow(page)
        assert not small_targets(page), (path, small_targets(page))
