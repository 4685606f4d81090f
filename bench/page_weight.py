"""Page weight and the statistics dashboard on slow 3G, in a real Chromium against `simpul serve`.

    .venv/bin/python bench/page_weight.py            # fresh demo instance in a temp dir (about 1.5 min)
    .venv/bin/python bench/page_weight.py --json     # the same, figures as JSON

Builds a production-like instance: `simpul demo --no-serve --cases 300` (demo organisations and
users, 300 synthetic cases), `collectstatic` (fingerprinted names, gzip and brotli copies), then
`simpul serve --workers 2` (gunicorn, WhiteNoise, the production settings in demo mode) on a free
loopback port. Chromium (/usr/bin/chromium, through Playwright) signs in as kepala.hss and measures,
with the DevTools protocol:

- first load: bytes transferred (compressed bodies + headers) for a staff page with an empty cache;
- later pages: bytes transferred for the next staff pages, the browser cache kept as it is;
- the dashboard on slow 3G (``Network.emulateNetworkConditions``: 400 kbit/s each way, 400 ms
  round trip) with an empty cache: time until it is usable (``domContentLoadedEventEnd``: the
  headline numbers are on screen and the page's deferred scripts have run), the load event, and the
  time until the charts of the "Rincian" section are drawn after it is opened.

Budgets (issue 13): first load <= 150 KB, each later page <= 30 KB, dashboard usable < 3 s.
``tests/test_page_weight.py`` runs the same and asserts them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import os
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import PY, ROOT, bench_env, drop_pg, serving  # noqa: E402

PASSWORD = "bench-Pass-13-weight"  # noqa: S105 - a throwaway demo instance
USER = "kepala.hss"
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
FIRST_PAGE = "/kasus/"
LATER_PAGES = ["/beranda/", "/lapor/petugas/", "/kasus/?antrian=team", "/statistik/"]
DASHBOARD = "/statistik/"
BUDGET_FIRST_KB = 150
BUDGET_LATER_KB = 30
BUDGET_USABLE_S = 3.0
CHROMIUM = os.environ.get("SIMPUL_CHROMIUM", "/usr/bin/chromium")
PG_DB = "simpul_bench_weight"


@dataclass
class Load:
    path: str
    bytes: int = 0
    requests: int = 0
    from_cache: int = 0
    items: list[tuple[str, int]] = field(default_factory=list)

    @property
    def kb(self) -> float:
        return round(self.bytes / 1024, 1)


@dataclass
class Result:
    first: Load
    later: list[Load]
    dashboard_cold: Load
    usable_s: float
    load_s: float
    charts_s: float
    html_encoding: str
    static_cache_control: str
    static_encoding_br: str


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "-m", "simpul.cli", *args], env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603


@contextlib.contextmanager
def instance() -> Iterator[tuple[str, Path]]:
    """A fresh demo instance served by gunicorn; yields (base URL, var dir)."""
    env = bench_env("simpul-weight-", PG_DB, SIMPUL_DEMO_PASSWORD=PASSWORD)
    var = Path(env["SIMPUL_VAR_DIR"])
    try:
        _run(env, "demo", "--no-serve", "--cases", "300")
        _run(env, "collectstatic", "--noinput", "-v0")
        with serving(env, workers=2) as base:
            yield base, var
    finally:
        drop_pg(PG_DB)


class _Meter:
    """Bytes transferred per navigation, from the DevTools protocol's loadingFinished events."""

    def __init__(self, cdp: Any) -> None:
        self.cdp = cdp
        self.urls: dict[str, str] = {}
        self.done: dict[str, int] = {}
        self.cached: set[str] = set()
        cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", lambda e: self.done.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        cdp.send("Network.enable")

    def reset(self) -> None:
        self.urls.clear()
        self.done.clear()
        self.cached.clear()

    def load(self, path: str) -> Load:
        out = Load(path)
        for rid, url in self.urls.items():
            if url.startswith("data:"):
                continue
            out.requests += 1
            if rid in self.cached:
                out.from_cache += 1
                continue
            n = self.done.get(rid, 0)
            out.bytes += n
            out.items.append((url.split("/", 3)[-1], n))
        return out


def totp(key: bytes, at: float | None = None) -> int:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as django-otp computes it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000


def _sign_in(page: Any, base: str, var: Path) -> None:
    key = bytes.fromhex((var / "demo_totp_key").read_text().strip())
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", USER)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/masuk/2fa/" in page.url:
        time.sleep(max(0.0, 1.0 - time.time() % 30))  # not at the very end of a 30 s window
        page.fill("input[name=code]", f"{totp(key):06d}")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    if "/masuk/" in page.url:
        raise SystemExit(f"sign-in failed: {page.url}")


def _navigate(page: Any, meter: _Meter, base: str, path: str, *, settle: bool = True) -> Load:
    meter.reset()
    page.goto(base + path, wait_until="load")
    if settle:
        page.wait_for_timeout(300)  # requests started by the page's scripts
    return meter.load(path)


def measure(base: str, var: Path, browser: Any = None) -> Result:
    """Measure with ``browser`` (a Playwright Chromium, e.g. the test session's), or a new one."""
    if browser is not None:
        return _measure(browser, base, var)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        own = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
        )
        try:
            return _measure(own, base, var)
        finally:
            own.close()


def _measure(browser: Any, base: str, var: Path) -> Result:
    import urllib.request

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    meter = _Meter(cdp)
    _sign_in(page, base, var)

    # First load of a staff page: empty cache, signed in.
    cdp.send("Network.clearBrowserCache")
    first = _navigate(page, meter, base, FIRST_PAGE)
    later = [_navigate(page, meter, base, p) for p in LATER_PAGES]

    # The dashboard on slow 3G with an empty cache.
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    meter.reset()
    page.goto(base + DASHBOARD, wait_until="load")
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n.domContentLoadedEventEnd, n.loadEventEnd]; }"
    )
    assert page.locator(".stat-cards").is_visible()
    dashboard_cold = meter.load(DASHBOARD)
    t0 = time.perf_counter()
    if page.locator("a[href='#rincian']").count():
        page.click("a[href='#rincian']")
        page.wait_for_selector("#rincian canvas[data-drawn='1']", timeout=60_000)
    else:  # a dashboard without sections (before issue 13) draws every chart at once
        page.wait_for_selector("canvas[data-drawn='1']", timeout=60_000)
    charts_s = time.perf_counter() - t0
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    # Headers, straight from the server.
    static_url = page.evaluate("() => document.querySelector('script[src*=\"/static/vendor/htmx/\"]').src")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    req = urllib.request.Request(base + FIRST_PAGE, headers={"Accept-Encoding": "gzip, br", "Cookie": cookies})
    with urllib.request.urlopen(req) as r:  # noqa: S310 - loopback
        html_encoding = r.headers.get("Content-Encoding", "")
    req = urllib.request.Request(static_url, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(req) as r:  # noqa: S310 - loopback
        cache_control = r.headers.get("Cache-Control", "")
        static_br = r.headers.get("Content-Encoding", "")
    context.close()
    return Result(
        first=first, later=later, dashboard_cold=dashboard_cold,
        usable_s=round(timing[0] / 1000, 2), load_s=round(timing[1] / 1000, 2), charts_s=round(charts_s, 2),
        html_encoding=html_encoding, static_cache_control=cache_control, static_encoding_br=static_br,
    )


def report(res: Result) -> str:
    lines = [
        f"first load {res.first.path}: {res.first.kb} KB in {res.first.requests} requests (budget {BUDGET_FIRST_KB} KB)",
        *(f"  {name}: {n / 1024:.1f} KB" for name, n in res.first.items),
        *(f"later page {ld.path}: {ld.kb} KB, {ld.requests} requests, {ld.from_cache} from cache (budget {BUDGET_LATER_KB} KB)" for ld in res.later),
        f"dashboard on slow 3G, empty cache: usable (DOMContentLoaded) {res.usable_s} s (budget {BUDGET_USABLE_S} s), "
        f"load event {res.load_s} s, {res.dashboard_cold.kb} KB in {res.dashboard_cold.requests} requests; "
        f"charts of 'Rincian' drawn {res.charts_s} s after opening it (Chart.js fetched then)",
        f"HTML Content-Encoding: {res.html_encoding}; static: {res.static_encoding_br}, Cache-Control: {res.static_cache_control}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with instance() as (base, var):
        res = measure(base, var)
    print(json.dumps(asdict(res), indent=2) if args.json else report(res))
    ok = (
        res.first.kb <= BUDGET_FIRST_KB
        and all(ld.kb <= BUDGET_LATER_KB for ld in res.later)
        and res.usable_s < BUDGET_USABLE_S
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
