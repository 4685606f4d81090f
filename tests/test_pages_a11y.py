"""Every page reachable from the header navigation, for each role persona, in a real Chromium:
no serious/critical axe-core violation, no request leaving the live server (the ``page`` fixture
fails the test otherwise), no CSP violation, and no sideways scrolling at 360 px.

Pages added later by other modules are covered automatically once they register a nav entry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser_fixtures import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

PERSONAS = ["admin.hss", "kepala.hss", "petugas_pengaduan.hss", "relawan.hss", "analis.kalsel", "mitra.polres.hss"]


@pytest.mark.parametrize("username", PERSONAS)
def test_nav_pages_accessible(page: Any, live_url: str, login: Any, axe: Any, demo: Any, username: str) -> None:
    login(page, username)
    assert urlsplit(page.url).path == "/beranda/", f"{username} did not land home: {page.url}"
    axe(page)
    hrefs: list[str] = page.eval_on_selector_all("header nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs, f"{username} sees no navigation"
    paths = list(dict.fromkeys(urlsplit(h).path for h in hrefs))
    assert all(not urlsplit(h).netloc for h in hrefs), f"nav links must be local: {hrefs}"
    for path in paths:
        response = page.goto(live_url + path)
        assert response is not None and response.status == 200, f"{username}: {path} -> {response and response.status}"
        assert urlsplit(page.url).path == path, f"{username}: {path} redirected to {page.url}"
        axe(page)
        page.set_viewport_size({"width": 360, "height": 740})
        assert_no_horizontal_overflow(page)
        page.set_viewport_size({"width": 1280, "height": 800})
