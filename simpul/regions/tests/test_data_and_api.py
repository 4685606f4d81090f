"""The full Kemendagri 2025 code list (idn-area-data@4.0.1), loaded once for this module, checked
against the reference subset, and served by the public API."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from simpul.regions import loader
from simpul.regions.models import Region

REFERENCE = Path("/work/shared/reference/wilayah_63_1609.csv")
if not REFERENCE.exists():  # a fresh clone has shared/ beside it
    REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "wilayah_63_1609.csv"


@pytest.fixture(scope="module")
def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[int, int]]:
    """Load every region once, inside a transaction rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = loader.load()
        yield counts
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_full_load_counts_and_idempotence(loaded: dict[int, int]) -> None:
    expected = {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert loaded == expected
    assert {lv: Region.objects.filter(level=lv).count() for lv in expected} == expected
    before = list(Region.objects.order_by("code").values_list("code", "name", "level", "parent_id")[:: 997])
    total = Region.objects.count()
    assert loader.load() == expected  # twice: nothing added, nothing changed
    assert Region.objects.count() == total == sum(expected.values())
    assert list(Region.objects.order_by("code").values_list("code", "name", "level", "parent_id")[:: 997]) == before


def test_every_reference_row_matches(loaded: dict[int, int]) -> None:
    with REFERENCE.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 2000
    db = {code: (name, level) for code, name, level in Region.objects.filter(code__in=[r["kode"] for r in rows]).values_list("code", "name", "level")}
    problems = []
    for row in rows:
        got = db.get(row["kode"])
        if got is None:
            problems.append(f"{row['kode']} missing")
        elif got != (row["nama"], int(row["level"])):
            problems.append(f"{row['kode']}: {got} != {(row['nama'], int(row['level']))}")
    assert not problems, problems[:20]


def test_parents_are_consistent(loaded: dict[int, int]) -> None:
    assert not Region.objects.filter(level__gt=1, parent__isnull=True).exists()
    assert Region.objects.get(code="63.06.05.1001").parent_id == "63.06.05"
    assert Region.objects.get(code="63.06").parent_id == "63"


def test_children_of_hss_are_its_11_kecamatan(loaded: dict[int, int], django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        response = Client().get("/api/v1/regions/63.06/children")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 11
    assert all(r["level"] == 3 and r["code"].startswith("63.06.") for r in body)
    assert [r["code"] for r in body] == sorted(r["code"] for r in body)
    assert {"code": "63.06.05", "name": "Kandangan", "level": 3} in body


def test_children_of_oku_selatan_are_19_kecamatan(loaded: dict[int, int]) -> None:
    body = Client().get("/api/v1/regions/16.09/children").json()
    assert len(body) == 19
    assert body[0] == {"code": "16.09.01", "name": "Muara Dua", "level": 3}


def test_roots_and_detail(loaded: dict[int, int]) -> None:
    roots = Client().get("/api/v1/regions/").json()
    assert len(roots) == 38
    detail = Client().get("/api/v1/regions/63.06").json()
    assert detail == {"code": "63.06", "name": "Kabupaten Hulu Sungai Selatan", "level": 2}
    villages = Client().get("/api/v1/regions/63.06.05/children").json()
    assert villages and all(r["level"] == 4 for r in villages)
    assert Client().get("/api/v1/regions/63.06.05.1001/children").json() == []


@pytest.mark.parametrize("code", ["6306", "63.6", "63.06.05.1", "abc", "63..06", "63.06.", "%20", "63.06.05.10011", "ⅵ3"])
def test_malformed_code_is_422_in_indonesian(loaded: dict[int, int], code: str) -> None:
    for url in (f"/api/v1/regions/{code}/children", f"/api/v1/regions/{code}"):
        response = Client().get(url)
        assert response.status_code == 422, (url, response.status_code)
        assert "Kode wilayah tidak sah" in response.json()["message"]


@pytest.mark.parametrize("code", ["99", "63.99", "63.06.99", "63.06.05.9999"])
def test_unknown_code_is_404(loaded: dict[int, int], code: str) -> None:
    response = Client().get(f"/api/v1/regions/{code}/children")
    assert response.status_code == 404
    assert code in response.json()["message"] and "tidak dikenal" in response.json()["message"]
    assert Client().get(f"/api/v1/regions/{code}").status_code == 404


def test_english_error_message(loaded: dict[int, int]) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/regions/99/children")
    assert response.status_code == 404
    assert response.json()["message"] == "Region code 99 is unknown."


def test_search_over_the_full_list(loaded: dict[int, int]) -> None:
    html = Client().get("/wilayah/cari/?q=kandangan&within=63.06", HTTP_HX_REQUEST="true").content.decode()
    assert "63.06.05" in html and "Kandangan" in html
    assert "16.09" not in html
    html = Client().get("/wilayah/cari/?q=muara%20dua&within=16.09&level=3&min_level=3", HTTP_HX_REQUEST="true").content.decode()
    assert "16.09.01" in html and "Desa/Kelurahan" not in html


def test_loader_refuses_a_missing_source(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="npm ci"):
        loader.load(source_dir=tmp_path)
