"""Quick exit in a real Chromium (docs/security.md, "Quick exit"): with JavaScript (click, Tab +
Enter, Esc twice) the neutral page replaces the current history entry and nothing typed can be
brought back; without JavaScript the link still leads there and the page says honestly what it
cannot erase; axe-core stays clean on every public page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS, assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

NEUTRAL = "/resep/sayur-asem/"
NEUTRAL_RE = re.compile(r".*/resep/sayur-asem/$")
STORY = "Siti Contoh dipukul oleh suaminya tadi malam."
NAME = "Budi Sintetis"
PUBLIC_PAGES = ["/", "/masuk/", "/statistik/publik/", "/lapor/", "/lapor/status/", "/wilayah/pilih/"]


def _type_report(page: Any) -> None:
    page.fill("textarea[name=story]", STORY)
    page.fill("input[name=reporter_name]", NAME)


def _assert_neutral(page: Any) -> None:
    assert urlsplit(page.url).path == NEUTRAL, page.url
    assert page.title() == "Resep Sayur Asem"
    text = page.inner_text("body")
    assert "Sayur Asem" in text and "Layanan Informasi" not in text and STORY not in text


def _assert_nothing_typed_shows(page: Any) -> None:
    html = page.content()
    assert STORY not in html and NAME not in html, page.url
    if page.locator("textarea[name=story]").count():
        assert page.input_value("textarea[name=story]") == ""
        assert page.input_value("input[name=reporter_name]") == ""


def test_click_replaces_the_history_entry_and_back_shows_nothing_typed(page: Any, live_url: str, demo: Any) -> None:
    page.goto(f"{live_url}/")
    page.goto(f"{live_url}/lapor/")
    _type_report(page)
    page.click("a[data-quick-exit]")
    page.wait_for_url(NEUTRAL_RE)
    _assert_neutral(page)
    page.evaluate("() => history.back()")
    page.wait_for_url(f"{live_url}/")  # the report form's entry was replaced: Back skips it
    _assert_nothing_typed_shows(page)


def test_esc_twice_after_a_failed_submission(page: Any, live_url: str, demo: Any) -> None:
    page.goto(f"{live_url}/lapor/")
    _type_report(page)
    with page.expect_navigation():
        page.click("form.public-form button[type=submit]")  # no kabupaten: re-shown with what was typed
    assert page.input_value("textarea[name=story]") == STORY
    page.focus("textarea[name=story]")
    page.keyboard.press("Escape")  # one Esc (e.g. by accident while typing) does nothing
    page.wait_for_timeout(1700)
    page.keyboard.press("Escape")  # nor does a second one after the 1.5 s window
    page.wait_for_timeout(300)
    assert urlsplit(page.url).path == "/lapor/" and page.input_value("textarea[name=story]") == STORY
    page.keyboard.press("Escape")  # ... but two in a row leave, also from inside the text field
    page.wait_for_url(NEUTRAL_RE)
    _assert_neutral(page)
    # Back reaches the form's first (GET) entry: served again (no-store), nothing restored (autocomplete=off).
    page.go_back()
    assert urlsplit(page.url).path == "/lapor/"
    _assert_nothing_typed_shows(page)


def test_quick_exit_is_the_first_stop_after_the_skip_link(page: Any, live_url: str, demo: Any) -> None:
    page.goto(f"{live_url}/lapor/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-quick-exit')")
    assert page.is_visible("#exit-esc")  # the Esc hint is shown where JavaScript runs
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_RE)
    _assert_neutral(page)


def test_without_javascript(nojs_page: Any, live_url: str, demo: Any) -> None:
    page = nojs_page
    page.goto(f"{live_url}/")
    response = page.goto(f"{live_url}/lapor/")
    assert response is not None and response.headers.get("cache-control") == "no-store"
    notice = page.inner_text("#exit-limits")
    assert "riwayat" in notice and "Kembali" in notice and "samaran" in notice  # what it cannot erase, and what helps
    assert not page.is_visible("#exit-esc")  # no promise about Esc when it cannot work
    assert page.is_visible("a[data-quick-exit]")
    _type_report(page)
    page.click("a[data-quick-exit]")
    page.wait_for_url(NEUTRAL_RE)
    _assert_neutral(page)
    # Honest limit: without JavaScript Back returns to the form, but empty.
    page.go_back()
    assert urlsplit(page.url).path == "/lapor/"
    _assert_nothing_typed_shows(page)


def test_public_pages_accessible_with_quick_exit(page: Any, live_url: str, axe: Any, demo: Any) -> None:
    for path in PUBLIC_PAGES:
        response = page.goto(live_url + path)
        assert response is not None and response.status == 200, path
        assert page.is_visible("a[data-quick-exit]"), path
        assert "SAPA 129" in page.inner_text("aside.safety"), path
        axe(page)
        page.set_viewport_size({"width": 360, "height": 740})
        assert_no_horizontal_overflow(page)
        page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_url + NEUTRAL)
    axe(page)
    assert page.locator("a").count() == 0


@pytest.fixture
def bfcache_page(browser: Any, live_url: str) -> Iterator[Any]:
    """A Chromium with the back-forward cache on, as users have it (Playwright turns it off by default).

    A second browser from the session's Playwright, without request routing (interception keeps
    pages out of the cache); requests to another host are recorded and fail the test."""
    host = urlsplit(live_url).hostname
    foreign: list[str] = []

    def watch(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.hostname not in {host, "localhost", "127.0.0.1"}:
            foreign.append(request.url)

    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    try:
        page = chromium.new_page(locale="id-ID")
        page.on("request", watch)
        yield page
    finally:
        chromium.close()
    assert not foreign, foreign


def _back_to(page: Any, path: str) -> bool:
    """history.back() (Playwright's go_back cannot follow a back-forward cache restore); True when the
    page came from that cache (a marker set on it before leaving survived)."""
    page.evaluate("() => history.back()")
    page.wait_for_function("(p) => location.pathname === p && document.readyState === 'complete'", arg=path)
    return bool(page.evaluate("() => window.__marker === 1"))


def test_back_forward_cache_keeps_nothing_typed(bfcache_page: Any, live_url: str, demo: Any) -> None:
    page = bfcache_page
    # A page that may enter the cache (no no-store): restored from it, with its fields emptied on leaving.
    page.goto(f"{live_url}/wilayah/pilih/")
    page.evaluate("() => { window.__marker = 1; }")
    page.fill("#region-q", "Desa Rahasia")
    page.goto(f"{live_url}{NEUTRAL}")
    assert _back_to(page, "/wilayah/pilih/"), "expected a back-forward cache restore (cache on?)"
    assert page.input_value("#region-q") == ""
    # The report form (no-store): left by an ordinary navigation, Back shows it without what was typed.
    page.goto(f"{live_url}/lapor/")
    page.evaluate("() => { window.__marker = 1; }")
    _type_report(page)
    page.goto(f"{live_url}{NEUTRAL}")
    _back_to(page, "/lapor/")
    _assert_nothing_typed_shows(page)
    # Quick exit: Back does not reach the form at all.
    _type_report(page)
    page.click("a[data-quick-exit]")
    page.wait_for_url(NEUTRAL_RE)
    _back_to(page, "/wilayah/pilih/")  # the form's entry was replaced: Back goes to the page before it
    _assert_nothing_typed_shows(page)
    assert page.input_value("#region-q") == ""
