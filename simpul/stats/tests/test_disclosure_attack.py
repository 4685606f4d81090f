"""The open data as an outsider sees it: seed a realistic database, fetch the release exactly as
the public page, CSV and JSON publish it, and attack it by linear programming (``attacker.py``,
independent of the protection code). No hidden cell may be pinned down inside its protection
interval. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import csv
import io
import re
import time
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from simpul.stats import public
from simpul.stats.tests import attacker
from simpul.synth.generate import generate

THRESHOLD = 5


def _truth(settings: Any) -> dict[str, Any]:
    """The same tables with nothing hidden (threshold 1: no cell is small)."""
    settings.SIMPUL_SUPPRESSION_THRESHOLD = 1
    try:
        return public.build()
    finally:
        settings.SIMPUL_SUPPRESSION_THRESHOLD = THRESHOLD


def _html_values(html: str) -> dict[str, list[str]]:
    """Table id -> every number cell of the public page in reading order ('*' = hidden)."""
    out: dict[str, list[str]] = {}
    for m in re.finditer(r'<section class="panel" id="tabel-([\w-]+)">(.*?)</section>', html, re.S):
        cells = re.findall(r"<td>(.*?)</td>", m.group(2), re.S)
        out[m.group(1)] = ["*" if "*" in c else unescape(c).strip() for c in cells]
    return out


@pytest.mark.slow
def test_seeded_release_resists_the_lp_attack(demo: dict[str, Any], client: Any, settings: Any) -> None:
    import datetime as dt

    from simpul.regions.loader import load

    settings.SIMPUL_SUPPRESSION_THRESHOLD = THRESHOLD
    load()  # every kabupaten/kota (the test database holds only the demo's regions)
    # A few thousand cases over Kalsel's 13 kabupaten/kota (uneven weights: some small) and OKU Selatan.
    generate(3000, seed=12, region="63,16.09", today=dt.date(2025, 11, 30))
    t0 = time.perf_counter()
    data = client.get(reverse("stats:public_json")).json()
    build_seconds = time.perf_counter() - t0
    # The three formats carry the same release.
    page = client.get(reverse("stats:public")).content.decode()
    csv_rows = list(csv.reader(io.StringIO(client.get(reverse("stats:public_csv")).content.decode())))
    html = _html_values(page)
    by_csv: dict[str, list[str]] = {}
    for row in csv_rows[1:]:
        by_csv.setdefault(row[0], []).append("*" if row[6] == "1" else row[5])
    for t in data["tables"]:
        if t["withheld"]:
            assert t["id"] not in by_csv and t["withheld_note"] in page
            continue
        flat = [c for r in t["rows"] for c in r["cells"] + [r["total"]]] + t["totals"] + [t["grand_total"]]
        shown = ["*" if v is None else str(v) for v in flat]
        assert by_csv[t["id"]] == shown
        assert html[t["id"]] == shown

    truth_data = _truth(settings)
    grids, codes = attacker.grids_from_release(data)
    tgrids, tcodes = attacker.grids_from_release(truth_data)
    truth: dict[attacker.Key, int] = {}
    for tid, g in grids.items():
        assert tcodes[tid] == codes[tid]
        for i, grow in enumerate(g):
            for j, v in enumerate(grow):
                tv = tgrids[tid][i][j]
                assert tv is not None
                if v is None:
                    truth[(tid, i, j)] = tv
                else:
                    assert v == tv  # what is published is true
    # A hidden mark never says "at least one": no published zero in a line holding a hidden entry.
    for tid, g in grids.items():
        lines = [list(r) for r in g] + [list(c) for c in zip(*g, strict=True)]
        for line in lines:
            if None in line:
                assert 0 not in line, tid
    small = sum(1 for v in truth.values() if 0 < v < THRESHOLD)
    assert small > 50  # the seeded data really has small cells to protect
    assert len(grids["kasus_kabupaten_tahun"]) == 15  # 14 kabupaten/kota and the totals
    found = attacker.bounds(grids, attacker.release_links(grids, codes, data))
    bad = attacker.violations(found, truth, THRESHOLD)
    print(
        f"\nopen data attack: {len(truth)} hidden entries ({small} small), {len(bad)} below protection; "
        f"withheld {[t['id'] for t in data['tables'] if t['withheld']]}; release build {build_seconds:.2f} s"
    )
    assert bad == []
