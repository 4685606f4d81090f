"""Load Kemendagri 2025 region codes from the npm package idn-area-data@4.0.1 (data: ODbL).

Idempotent: rows are upserted by code; names that changed are updated; codes that
disappeared from the source are kept (old records may still point at them).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction

from simpul.regions.models import Region

SOURCE_DIR = Path(settings.BASE_DIR) / "node_modules" / "idn-area-data" / "data"
FILES = [
    (1, "provinces.csv", None),
    (2, "regencies.csv", "province_code"),
    (3, "districts.csv", "regency_code"),
    (4, "villages.csv", "district_code"),
]
BATCH = 5000


def _rows(path: Path, parent_col: str | None, level: int) -> Iterator[Region]:
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            yield Region(
                code=row["code"].strip(),
                name=name,
                level=level,
                parent_id=row[parent_col].strip() if parent_col else None,
                search_name=name.upper(),
            )


def load(source_dir: Path | None = None, progress: Callable[[str], None] | None = None) -> dict[int, int]:
    """Upsert all four levels; returns the number of rows read per level."""
    source_dir = source_dir or SOURCE_DIR
    if not (source_dir / "provinces.csv").exists():
        raise FileNotFoundError(
            f"{source_dir} has no provinces.csv: run `npm ci` first (package idn-area-data@4.0.1)."
        )
    counts: dict[int, int] = {}
    for level, filename, parent_col in FILES:
        batch: list[Region] = []
        n = 0
        for region in _rows(source_dir / filename, parent_col, level):
            batch.append(region)
            if len(batch) >= BATCH:
                _upsert(batch)
                n += len(batch)
                batch = []
        if batch:
            _upsert(batch)
            n += len(batch)
        counts[level] = n
        if progress:
            progress(f"{filename}: {n}")
    return counts


def _upsert(batch: list[Region]) -> None:
    with transaction.atomic():
        Region.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent", "search_name"],
        )
