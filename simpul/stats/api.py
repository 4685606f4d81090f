"""Statistics over the API: the same aggregates as the dashboard (``selectors.dashboard``), for a
jurisdiction the caller may read (``stats.view``; a region outside it is a 404), and the public
open data with its small-cell suppression (``public.public_data``).

Counts only, never case content. Signed-in roles with statistics (kepala, manajer_kasus, analis)
see the dashboard's numbers unsuppressed, as on the page; the open data is suppressed for everyone.
"""

import datetime as dt
import json
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.stats import public, rules, selectors
from simpul.stats.queries import Period

API_PREFIX = "stats"
router = Router(tags=["statistik"])


class RowOut(Schema):
    value: str
    label: str
    count: int


class TableOut(Schema):
    key: str = Field(..., description="satuan.dimensi, mis. kasus.bentuk, korban.kelompok_umur")
    title: str
    unit: str
    total: int
    multi: bool = Field(..., description="Satu satuan dapat masuk lebih dari satu baris")
    rows: list[RowOut]


class PeriodOut(Schema):
    kind: str
    start: dt.date
    end: dt.date


class TrendOut(Schema):
    years: list[int]
    totals: list[int]
    months: dict[str, list[int]]
    to_date: dt.date


class AgeOut(Schema):
    label: str
    count: int


class DashboardOut(Schema):
    region: str | None = Field(..., description="Kode wilayah; null: nasional")
    basis: str = Field(..., description="r: menurut tanggal lapor; i: menurut tanggal kejadian")
    period: PeriodOut
    total_cases: int
    total_victims: int
    total_perpetrators: int
    total_services: int
    tables: list[TableOut]
    trend: TrendOut
    open_by_age: list[AgeOut]
    referrals: dict[str, Any] | None
    response_compliance: dict[str, Any] | None
    source: str = Field(..., description="ringkasan (tabel ringkasan) atau langsung")


class DashboardQuery(Schema):
    region: Annotated[str, v.text(20)] = Field("", description="Kode wilayah (mis. 63.06) atau `nasional`; kosong: wilayah terluas Anda")
    period: Annotated[str, v.text(10)] = Field("year", description="year, quarter, month, custom")
    year: Annotated[int, v.integer(2000, 2100, strict=False)] | None = None
    quarter: Annotated[int, v.integer(1, 4, strict=False)] | None = None
    month: Annotated[int, v.integer(1, 12, strict=False)] | None = None
    start: v.EventDate | None = Field(None, description="Untuk period=custom")
    end: v.EventDate | None = Field(None, description="Untuk period=custom")
    basis: Annotated[str, v.text(1)] = Field(rules.DEFAULT_BASIS, description="r atau i")


def _period(q: DashboardQuery) -> Period:
    params = {"periode": q.period, "tahun": q.year, "triwulan": q.quarter, "bulan": q.month,
              "dari": q.start.isoformat() if q.start else None, "sampai": q.end.isoformat() if q.end else None}
    return Period.parse({k: str(val) for k, val in params.items() if val is not None})


@router.get("/dashboard", response=DashboardOut, url_name="api_stats_dashboard")
@require_scope("stats:read")
def dashboard(request: HttpRequest, q: Query[DashboardQuery]) -> dict[str, Any]:
    """Angka dasbor statistik untuk satu wilayah dan periode (hanya agregat)."""
    access.check(request.user, "stats.view")
    scope = selectors.resolve_scope(request.user, q.region)
    period = _period(q)
    basis = q.basis if q.basis in rules.BASES else rules.DEFAULT_BASIS
    ctx = selectors.dashboard(request.user, scope=scope, period=period, basis=basis)
    trend = ctx["trend"]
    return {
        "region": scope.code, "basis": basis, "period": {"kind": period.kind, "start": period.start, "end": period.end},
        "total_cases": ctx["total_cases"], "total_victims": ctx["total_victims"],
        "total_perpetrators": ctx["total_perpetrators"], "total_services": ctx["total_services"],
        "tables": [
            {"key": tv.key, "title": tv.table.title, "unit": tv.table.unit_label, "total": tv.table.total, "multi": tv.table.dim.multi,
             "rows": [{"value": r.value, "label": str(r.label), "count": r.count} for r in tv.table.rows]}
            for tv in ctx["tables"]
        ],
        "trend": {"years": trend["years"], "totals": trend["totals"], "months": {str(y): m for y, m in trend["months"].items()},
                  "to_date": trend["to_date"]},
        "open_by_age": [{"label": str(label), "count": n} for label, n in ctx["open_by_age"]],
        "referrals": json.loads(json.dumps(ctx["referrals"], default=str)) if ctx["referrals"] is not None else None,
        "response_compliance": ctx["compliance"],
        "source": ctx["path"],
    }


@router.get("/open-data", response=dict[str, Any], auth=None, url_name="api_stats_open_data")
def open_data(request: HttpRequest) -> Any:
    """Data terbuka (tanpa masuk): hitungan per provinsi/kabupaten dengan penyamaran sel kecil,
    sama dengan halaman data terbuka."""
    return json.loads(json.dumps(public.public_data(), default=str))
