from __future__ import annotations

from typing import Any

from simpul.testing import ANON, UrlSpec

# Statistics: kepala, manajer_kasus and analis (of their jurisdiction); everyone else 403.
STATS = {ANON: 302, "kepala": 200, "manajer_kasus": 200, "analis": 200}


def _job(world: dict[str, Any]) -> dict[str, Any]:
    from simpul.stats.models import ReportJob

    job, _created = ReportJob.objects.get_or_create(
        region_code="63.06",
        year=2025,
        kind="yearly",
        requested_by=world["user"]["kepala.hss"],
        defaults={"status": "done", "progress": 100, "pdf": b"%PDF-1.4 test"},
    )
    return {"uid": job.uid}


SPECS = [
    UrlSpec("stats:dashboard", expect=STATS, default=403),
    UrlSpec("stats:table_csv", query="tabel=kasus.bentuk", expect=STATS, default=403),
    UrlSpec("stats:tables_xlsx", expect=STATS, default=403),
    UrlSpec("stats:simfoni", expect=STATS, default=403),
    UrlSpec(
        "stats:report_create",
        method="POST",
        data={"jenis": "yearly", "tahun": "2025", "wilayah": "63.06"},
        expect={ANON: 302, "kepala": 302, "manajer_kasus": 302, "analis": 302, "manajer_kasus.okus": 404},  # 63.06 is not OKU Selatan
        default=403,
    ),
    # A report belongs to whoever asked for it: others who may see statistics get 404.
    UrlSpec(
        "stats:report_detail",
        kwargs=_job,
        expect={ANON: 302, "kepala": 200, "manajer_kasus": 404, "analis": 404},
        default=403,
    ),
    UrlSpec(
        "stats:report_download",
        kwargs=_job,
        expect={ANON: 302, "kepala": 200, "manajer_kasus": 404, "analis": 404},
        default=403,
    ),
    # Open data: no sign-in.
    UrlSpec("stats:public", expect={}, default=200),
    UrlSpec("stats:public_csv", expect={}, default=200),
    UrlSpec("stats:public_json", expect={}, default=200),
]

# The API operations of this module (simpul/stats/api.py).
from simpul.stats.tests.api_access_spec import SPECS as _API_SPECS  # noqa: E402

SPECS += _API_SPECS
