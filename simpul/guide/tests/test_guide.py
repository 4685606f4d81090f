"""The user guide: role order, the header's help link per page, screenshots present, PDF handout."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from simpul.guide import content
from simpul.testing import signed_in_client


def _section_ids(html: str) -> list[str]:
    return re.findall(r'<section id="([a-z_]+)" class="guide-section">', html)


def test_every_section_once_and_the_users_role_first(demo: dict[str, Any]) -> None:
    page = signed_in_client("relawan.hss").get(reverse("guide:index"))
    assert page.status_code == 200
    ids = _section_ids(page.content.decode())
    assert sorted(ids) == sorted(s.key for s in content.SECTIONS)
    assert ids[0] == "lapangan"
    mitra = _section_ids(signed_in_client("mitra.polres.hss").get(reverse("guide:index")).content.decode())
    assert mitra[0] == "mitra"
    petugas = _section_ids(signed_in_client("petugas_pengaduan.hss").get(reverse("guide:index")).content.decode())
    assert petugas[0] == "triase"


def test_anonymous_is_sent_to_sign_in(db: Any) -> None:
    response = Client().get(reverse("guide:index"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_help_link_points_to_the_section_of_the_page(demo: dict[str, Any]) -> None:
    cases = signed_in_client("manajer_kasus.hss").get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("guide:index")}#kasus"' in cases
    stats = signed_in_client("kepala.hss").get(reverse("stats:dashboard")).content.decode()
    assert f'href="{reverse("guide:index")}#dasbor"' in stats
    field = signed_in_client("relawan.hss").get(reverse("intake:field_new")).content.decode()
    assert f'href="{reverse("guide:index")}#lapangan"' in field
    inbox = signed_in_client("mitra.polres.hss").get(reverse("cases:inbox")).content.decode()
    assert f'href="{reverse("guide:index")}#mitra"' in inbox


def test_help_map_names_real_sections_and_urls() -> None:
    from django.urls import get_resolver

    names = set()
    for ns, (_prefix, resolver) in get_resolver().namespace_dict.items():
        names |= {f"{ns}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
    for key, section in content.HELP_FOR.items():
        assert section in content.BY_KEY, key
        if ":" in key:
            assert key in names, f"HELP_FOR names an unknown URL {key}"
    assert content.section_for(None) == "umum"
    assert content.section_for("core:home") == "umum"


def test_every_referenced_screenshot_exists_and_is_small(demo: dict[str, Any]) -> None:
    html = signed_in_client("kepala.hss").get(reverse("guide:index")).content.decode()
    assert content.all_shots()
    for shot in content.all_shots():
        for width, path in shot.files():
            found = finders.find(path)
            assert found, f"screenshot {path} missing: run the browser test simpul/guide/tests/test_screenshots.py"
            with open(found, "rb") as fh:
                data = fh.read()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 200_000, path
            assert int.from_bytes(data[16:20], "big") == width, path
    # Light page: every image lazy-loaded with its size.
    for img in re.findall(r"<img [^>]*>", html):
        assert 'loading="lazy"' in img and "width=" in img and "height=" in img


def test_handout_pdf(demo: dict[str, Any]) -> None:
    response = signed_in_client("pendamping.hss").get(reverse("guide:pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_english_guide(demo: dict[str, Any]) -> None:
    client = signed_in_client("pendamping.hss")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("guide:index")).content.decode()
    assert "User guide" in html and "Opening and running a case" in html
