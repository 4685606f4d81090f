"""Browser-test fixtures (Playwright + the Debian Chromium at /usr/bin/chromium).

Contract (see docs/testing.md):

- ``browser``      session-scoped Chromium (headless).
- ``live_url``     base URL of pytest-django's live server.
- ``page``         a fresh context + page per test (1280x800, locale id-ID). At teardown the test
                   FAILS if the page logged a Content-Security-Policy violation or tried to reach a
                   host other than the live server (such requests are also aborted).
- ``mobile_page``  the same at 360x740 (cheap phones); ``nojs_page`` also without JavaScript.
- ``login``        ``login(page, username, password=TEST_PASSWORD)``: real sign-in through
                   /masuk/ then /masuk/2fa/ with the current TOTP code of ``TEST_TOTP_KEY``.
- ``axe``          ``axe(page)``: runs axe-core on the current page and fails on any "serious"
                   or "critical" violation.

Tests using them are marked ``@pytest.mark.browser`` and request the ``demo`` fixture.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM would refuse to run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SIMPUL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
BLOCKING_IMPACTS = ("serious", "critical")


@dataclass
class PageWatch:
    """What a page did that must fail the test: CSP violations and requests leaving the live server."""

    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        out = [f"CSP violation: {m}" for m in self.csp_violations]
        out += [f"request to a foreign host: {u}" for u in self.foreign_requests]
        return out


def _is_csp_message(text: str) -> bool:
    return "Content Security Policy" in text or "Refused to" in text


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        msg = f"Chromium not found at {CHROMIUM} (install it with scripts/system-deps.sh)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        pw.stop()


@pytest.fixture
def live_url(live_server: Any) -> str:
    return str(live_server.url)


def _new_page(
    browser: Any, live_url: str, *, width: int, height: int, is_mobile: bool = False, javascript: bool = True
) -> Iterator[Any]:
    allowed = {urlsplit(live_url).hostname or "127.0.0.1"} | LOCAL_HOSTS
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="id-ID",
        is_mobile=is_mobile,
        has_touch=is_mobile,
        service_workers="block",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    watch = PageWatch()

    def route(route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            route.continue_()
            return
        if parts.hostname not in allowed:
            watch.foreign_requests.append(url)
            route.abort("blockedbyclient")
            return
        route.continue_()

    context.route("**/*", route)

    def on_request(request: Any) -> None:
        # Also catches what routing does not see (e.g. pings, websockets opened by the page).
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in allowed and request.url not in watch.foreign_requests:
            watch.foreign_requests.append(request.url)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            watch.console_errors.append(msg.text)
            if _is_csp_message(msg.text):
                watch.csp_violations.append(msg.text)

    context.on("request", on_request)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    page.simpul_watch = watch  # for tests that want to inspect what was recorded
    try:
        yield page
    finally:
        context.close()
    problems = watch.problems()
    if problems:
        pytest.fail("Browser page misbehaved:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    yield from _new_page(browser, live_url, width=1280, height=800)


@pytest.fixture
def mobile_page(browser: Any, live_url: str) -> Iterator[Any]:
    yield from _new_page(browser, live_url, width=360, height=740, is_mobile=True)


@pytest.fixture
def nojs_page(browser: Any, live_url: str) -> Iterator[Any]:
    """A 360 px page with JavaScript disabled: public pages must work without it."""
    yield from _new_page(browser, live_url, width=360, height=740, is_mobile=True, javascript=False)


def current_totp(key: bytes | None = None) -> str:
    """The current 6-digit TOTP code for ``key`` (default: the demo users' test key)."""
    from django_otp.oath import totp

    from simpul.testing import TEST_TOTP_KEY

    return f"{totp(key if key is not None else TEST_TOTP_KEY, step=30, t0=0, digits=6):06d}"


def _reset_totp_state(username: str) -> None:
    """Let the demo user's TOTP devices accept a code again (a code is single-use per 30 s window)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username=username).update(last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None)


def sign_in(page: Any, live_url: str, username: str, password: str | None = None, *, totp_key: bytes | None = None) -> None:
    """Real sign-in through the UI: password form, then the second factor with the current code."""
    from simpul.testing import TEST_PASSWORD

    page.goto(f"{live_url}/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password if password is not None else TEST_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/masuk/2fa/" not in page.url:
        if "/masuk/" in urlsplit(page.url).path:
            raise AssertionError(f"sign-in as {username} failed: still on {page.url}: {page.inner_text('main')[:300]}")
        return
    for attempt in range(2):
        _reset_totp_state(username)
        page.fill("input[name=code]", current_totp(totp_key))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        if "/masuk/2fa/" not in page.url:
            return
        if attempt == 0:
            # Code rejected (e.g. the window changed between computing and verifying): next window.
            time.sleep(30 - time.time() % 30 + 0.5)
    raise AssertionError(f"second factor for {username} rejected: {page.inner_text('main')[:300]}")


@pytest.fixture
def login(live_url: str) -> Callable[..., None]:
    def _login(page: Any, username: str, password: str | None = None) -> None:
        sign_in(page, live_url, username, password)

    return _login


def format_violations(violations: list[dict[str, Any]], url: str = "") -> str:
    lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {url}"]
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v.get('id')}: {v.get('help')} ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:8]:
            target = ", ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def run_axe(page: Any, *, impacts: tuple[str, ...] = BLOCKING_IMPACTS, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page; return the violations with one of ``impacts``.

    axe is injected through the DevTools protocol (``page.evaluate``), which is not subject to the
    page's Content-Security-Policy — the CSP of the app is left exactly as in production.
    """
    if not AXE_JS.exists():
        raise AssertionError(f"axe-core not found at {AXE_JS}; run `npm ci` (make assets)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    opts = options or {"resultTypes": ["violations"]}
    result = page.evaluate("async (opts) => await window.axe.run(document, opts)", opts)
    return [v for v in result["violations"] if v.get("impact") in impacts]


@pytest.fixture
def axe() -> Callable[..., None]:
    def _axe(page: Any, **kwargs: Any) -> None:
        bad = run_axe(page, **kwargs)
        assert not bad, format_violations(bad, page.url)

    return _axe


def assert_no_horizontal_overflow(page: Any) -> None:
    """At the current viewport the page must not scroll sideways (360 px phones).

    Compared with the layout viewport (``clientWidth``): on a mobile context Chromium widens
    ``window.innerWidth`` to the content (it zooms out), which would hide the overflow.
    """
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth,"
        " Math.min(window.innerWidth, document.documentElement.clientWidth)]"
    )
    if sizes[0] > sizes[1]:
        wide = page.evaluate(
            "(w) => [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > w + 1)"
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
            " + ' (' + Math.round(e.getBoundingClientRect().right) + 'px): ' + (e.textContent || '').trim().slice(0, 40))",
            sizes[1],
        )
        raise AssertionError(
            f"horizontal overflow on {page.url}: scrollWidth {sizes[0]} > viewport {sizes[1]}; widest: {wide}"
        )
