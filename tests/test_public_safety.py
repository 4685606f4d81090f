"""Quick exit and safety notice on every public page; the neutral landing page; no-store and
autocomplete="off" where a survivor types (docs/security.md, "Quick exit").

The page walk reuses the access matrix: every URL pattern has a spec (tests/test_access_matrix.py
fails otherwise), so every page an anonymous visitor can reach is requested here as anonymous, and
every HTML answer that is not a redirect must carry the quick exit. A new public page without it
fails this test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from simpul.testing import ANON, UrlSpec, signed_in_client
from tests.test_access_matrix import SPECS

pytestmark = pytest.mark.django_db

NEUTRAL = "/resep/sayur-asem/"
UNTRUE = ("tidak disimpan di riwayat", "tidak tersimpan di riwayat", "tanpa jejak", "not saved in history")
EXIT_LINK = re.compile(r'<a class="button quick-exit" href="([^"]+)" data-quick-exit>')


def _value(value: Any, world: dict[str, Any]) -> Any:
    return value(world) if callable(value) else value


def _request_as_anonymous(spec: UrlSpec, demo: dict[str, Any]) -> Any:
    world = dict(demo)
    if spec.setup:
        spec.setup(world)
    url = reverse(spec.name, kwargs=_value(spec.kwargs, world))
    if spec.query:
        url = f"{url}?{spec.query}"
    data = _value(spec.data, world) if spec.data is not None else None
    client = Client()
    if spec.content_type == "application/json":
        return client.generic(spec.method, url, json.dumps(data or {}), content_type="application/json")
    return getattr(client, spec.method.lower())(url, **({"data": data} if data is not None else {}))


def assert_public_page_is_safe(html: str, where: str) -> None:
    links = EXIT_LINK.findall(html)
    assert links == [NEUTRAL], f"{where}: quick exit missing or not to the neutral page: {links}"
    assert 'src="/static/simpul/quickexit.js"' in html, f"{where}: quick-exit script missing"
    assert 'class="safety"' in html and 'id="exit-limits"' in html, f"{where}: safety notice missing"
    assert 'href="tel:112"' in html and 'href="tel:129"' in html and "08111-129-129" in html, where
    assert "/lapor/keluar/" not in html, f"{where}: links to the old exit address"
    lowered = html.lower()
    assert not any(claim in lowered for claim in UNTRUE), f"{where}: an untrue claim about history"


def test_every_anonymous_html_page_has_the_quick_exit(demo: dict[str, Any]) -> None:
    checked: list[str] = []
    for spec in SPECS:
        if spec.status_for(ANON) in (301, 302, 401):
            continue
        response = _request_as_anonymous(spec, demo)
        if not response["Content-Type"].startswith("text/html") or 300 <= response.status_code < 400:
            continue
        if spec.name == "core:neutral":
            continue  # the landing page itself: tested below
        assert_public_page_is_safe(response.content.decode(), f"{spec.id} ({response.status_code})")
        checked.append(spec.id)
    # The walk really reached the public pages (not vacuously green).
    for expected in ("GET core:index", "GET accounts:login", "GET stats:public", "GET intake:public_report",
                     "POST intake:public_report", "GET intake:public_status", "POST intake:public_message",
                     "GET regions:picker?kode=63.06"):
        assert expected in checked, (expected, checked)
    # Error pages a visitor can land on.
    assert_public_page_is_safe(Client().get("/tidak-ada/").content.decode(), "404 page")


def test_no_template_links_to_the_old_exit_address() -> None:
    root = Path(__file__).resolve().parent.parent / "simpul"
    offenders = [str(p.relative_to(root)) for p in root.glob("*/templates/**/*.html")
                 if "intake:quick_exit" in (text := p.read_text(encoding="utf-8")) or "/lapor/keluar/" in text]
    assert not offenders, offenders


def test_old_exit_address_redirects_to_the_neutral_page(demo: dict[str, Any]) -> None:
    response = Client().get("/lapor/keluar/")
    assert response.status_code == 302 and response["Location"] == NEUTRAL


def test_neutral_page_is_neutral_and_light(demo: dict[str, Any]) -> None:
    assert reverse("core:neutral") == NEUTRAL
    response = Client().get(NEUTRAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Resep Sayur Asem</title>" in html
    lowered = html.lower()
    for word in (r"\blapor", r"\bkeluar\b", "kekerasan", "simpul", r"\bppa\b", "perlindungan", r"\bsapa\b", "korban", r"\baman\b"):
        assert not re.search(word, lowered), word
    assert "<script" not in lowered and "<a " not in lowered and "<form" not in lowered  # nothing to follow back
    assert '<link rel="icon" href="data:,">' in html  # not the service's favicon
    total = len(response.content)
    for asset in re.findall(r'href="(/static/[^"]+)"', html):
        found = finders.find(urlsplit(asset).path.removeprefix("/static/"))
        assert found, asset
        total += Path(found).stat().st_size
    assert total < 20_000, total
    # The same for a signed-in user (the access matrix checks the status for every role).
    assert "Resep Sayur Asem" in signed_in_client("pendamping.hss").get(NEUTRAL).content.decode()


def test_pages_with_typed_content_are_not_stored(demo: dict[str, Any]) -> None:
    client = Client()
    typed = {"story": "Cerita sintetis yang diketik", "reporter_name": "Budi Sintetis"}
    responses = {
        "form": client.get("/lapor/"),
        "form with errors": client.post("/lapor/", {**typed, "idem": "x"}),
        "status form": client.get("/lapor/status/"),
        "status form with errors": client.post("/lapor/status/", {"code": "AAAA-AAAA", "pin": "123456"}),
        "message": client.post("/lapor/status/pesan/", {"token": "x", "body": "halo"}),
        "sign-in": client.get("/masuk/"),
    }
    assert "Cerita sintetis yang diketik" in responses["form with errors"].content.decode()  # re-shown: so no-store matters
    for name, response in responses.items():
        assert response["Cache-Control"] == "no-store", name


def test_identity_fields_are_not_remembered_by_the_browser(demo: dict[str, Any]) -> None:
    html = Client().get("/lapor/").content.decode()
    form = re.search(r'<form method="post"[^>]*class="public-form"[^>]*>', html)
    assert form and 'autocomplete="off"' in form.group(0)
    for name in ("story", "location_text", "reporter_name", "reporter_contact", "safe_times"):
        tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
        assert tag and 'autocomplete="off"' in tag.group(0), name
    status = Client().get("/lapor/status/").content.decode()
    for name in ("code", "pin"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', status)
        assert tag and 'autocomplete="off"' in tag.group(0), name


def test_portal_shows_quick_exit_to_signed_in_users_too_but_staff_pages_do_not(demo: dict[str, Any]) -> None:
    client = signed_in_client("relawan.hss")
    assert_public_page_is_safe(client.get("/lapor/").content.decode(), "portal, signed in")
    home = client.get("/beranda/").content.decode()
    assert "data-quick-exit" not in home and 'class="safety"' not in home


def test_quick_exit_lands_on_the_neutral_page_half_way_through_sign_in(demo: dict[str, Any]) -> None:
    """Someone who typed a password but not yet the second factor, then leaves in a hurry, must
    land on the neutral page, not on the second-factor page."""
    from simpul.testing import TEST_PASSWORD

    client = Client()
    client.post("/masuk/", {"username": "pendamping.hss", "password": TEST_PASSWORD})
    assert client.get("/beranda/")["Location"] == "/masuk/2fa/"
    response = client.get(reverse("core:neutral"))
    assert response.status_code == 200 and b"Sayur Asem" in response.content
