"""The guide's screenshots, taken by walking the main screens as each role would (so they never go
stale): each shot of ``content.SECTIONS`` at 360 px and 1024 px, reduced to a small palette PNG,
saved into simpul/guide/static/guide/img/. ``test_guide`` fails when a referenced file is missing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from simpul.guide import content

IMG = Path(__file__).resolve().parent.parent / "static" / "guide" / "img"
HEIGHT = 640


def _small_png(raw: bytes) -> bytes:
    from PIL import Image

    img = Image.open(io.BytesIO(raw)).convert("RGB").quantize(colors=64)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


@pytest.mark.browser
def test_walk_the_main_screens_and_save_the_guide_screenshots(
    demo: dict[str, Any], page: Any, live_url: str, login: Any
) -> None:
    from simpul.synth.demo import demo_reports
    from simpul.synth.generate import generate

    generate(60, seed=13, region="63.06", org_for=lambda _k: demo["org"]["uptd.hss"].pk)
    demo_reports(13, demo["org"]["uptd.hss"], per_org=15)
    IMG.mkdir(parents=True, exist_ok=True)
    for shot in content.all_shots():
        page.context.clear_cookies()
        login(page, shot.username)
        for width, rel in shot.files():
            page.set_viewport_size({"width": width, "height": HEIGHT})
            response = page.goto(f"{live_url}{shot.path}")
            assert response is not None and response.status == 200, (shot.path, shot.username)
            # The help link of the header leads to this page's guide section.
            assert page.locator("header a.help").count() == 1
            data = _small_png(page.screenshot(full_page=False))
            assert len(data) < 200_000
            (IMG / Path(rel).name).write_bytes(data)
    page.goto(f"{live_url}/panduan/")
    assert page.locator("section.guide-section").count() == len(content.SECTIONS)
