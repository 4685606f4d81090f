"""200 concurrent public submissions against the live server are each stored exactly once."""

from __future__ import annotations

import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.test import override_settings

from simpul.intake.models import Report
from simpul.intake.tests.helpers import public_data

pytestmark = [pytest.mark.slow]


def _csrf(base: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{base}/lapor/", timeout=30) as resp:  # noqa: S310 - loopback
        cookie = resp.headers.get("Set-Cookie", "")
        html = resp.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    cookie_value = re.search(r"csrftoken=([^;]+)", cookie).group(1)  # type: ignore[union-attr]
    return token, cookie_value


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(base: str, token: str, cookie: str, key: str) -> tuple[int, str]:
    """POST the form (303 to the done page, post-redirect-get), then GET the done page with the
    session the POST set: (status of the POST, tracking code shown)."""
    data = public_data(idem=key)
    data["csrfmiddlewaretoken"] = token
    req = urllib.request.Request(  # noqa: S310 - loopback
        f"{base}/lapor/", data=urllib.parse.urlencode(data).encode(), method="POST",
        headers={"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        _OPENER.open(req, timeout=60)
        raise AssertionError("expected a redirect")
    except urllib.error.HTTPError as exc:
        status, location, set_cookie = exc.code, exc.headers.get("Location", ""), exc.headers.get("Set-Cookie", "")
    session = re.search(r"simpul_session=([^;]+)", set_cookie)
    done = urllib.request.Request(f"{base}{location}", headers={"Cookie": f"simpul_session={session.group(1) if session else ''}"})  # noqa: S310
    with urllib.request.urlopen(done, timeout=60) as resp:  # noqa: S310 - loopback
        code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', resp.read().decode())
        return status, code.group(1) if code else ""


@override_settings(SIMPUL_INTAKE_RATE_IP=100_000, SIMPUL_INTAKE_RATE_GLOBAL=100_000)
def test_200_concurrent_submissions_are_stored_exactly_once(transactional_db: Any, demo: Any, live_server: Any) -> None:
    base = live_server.url
    token, cookie = _csrf(base)
    keys = [secrets.token_urlsafe(24) for _ in range(200)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda k: _post(base, token, cookie, k), keys))
    assert all(status == 303 for status, _code in results)
    codes = [code for _status, code in results]
    assert len(set(codes)) == 200 and all(codes)
    assert Report.objects.count() == 200
    assert Report.objects.values("tracking_code").distinct().count() == 200
    # The same key again (e.g. resubmission, even concurrently) returns the same report.
    with ThreadPoolExecutor(max_workers=8) as pool:
        again = list(pool.map(lambda _i: _post(base, token, cookie, keys[0]), range(8)))
    assert {code for _s, code in again} == {codes[0]}
    assert Report.objects.count() == 200
