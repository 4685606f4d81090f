"""What a signed-in user may read from statistics, scoped by jurisdiction (counts only)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.regions.codes import is_valid
from simpul.regions.models import Region
from simpul.stats import queries, rules
from simpul.stats.policies import stats_regions
from simpul.stats.queries import Period, Scope
from simpul.stats.rules import Cell, Table

# The breakdowns shown on the dashboard (and exported), in order.
DASHBOARD_TABLES: list[tuple[str, str]] = [
    (rules.KASUS, "kelompok_korban"),
    (rules.KASUS, "bentuk"),
    (rules.KASUS, "jenis"),
    (rules.KASUS, "tempat"),
    (rules.KASUS, "REGION"),  # kabupaten or kecamatan, by scope
    (rules.KASUS, "layanan"),
    (rules.KASUS, "tahap"),
    (rules.KASUS, "kanal"),
    (rules.KORBAN, "jenis_kelamin"),
    (rules.KORBAN, "kelompok_umur"),
    (rules.KORBAN, "anak"),
    (rules.KORBAN, "disabilitas"),
    (rules.KORBAN, "pendidikan"),
    (rules.KORBAN, "pekerjaan"),
    (rules.KORBAN, "perkawinan"),
    (rules.PELAKU, "jenis_kelamin"),
    (rules.PELAKU, "hubungan"),
    (rules.LAYANAN, "jenis_layanan"),
]
CHARTED = {
    "kelompok_korban",
    "bentuk",
    "tempat",
    "REGION",
    "kelompok_umur",
    "jenis_kelamin",
    "hubungan",
    "jenis_layanan",
    "disabilitas",
    "pendidikan",
}


def resolve_scope(user: Any, code: str | None) -> Scope:
    """The scope asked for, if the user may read it; the user's widest scope by default.
    A region outside every jurisdiction of the user is hidden (404)."""
    allowed = (
        stats_regions(access.core.actor_for(user))
        if not isinstance(user, access.core.Actor)
        else stats_regions(user)
    )
    if not allowed:
        raise access.AccessDenied()
    code = (code or "").strip()
    if not code:
        return Scope(allowed[0])
    if code == "nasional":
        if None in allowed:
            return Scope(None)
        raise Http404()
    if not is_valid(code) or not access.can(user, "stats.view", code):
        raise Http404()
    return Scope(code)


@dataclass
class TableView:
    key: str
    table: Table
    chart: bool
    links: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.key.replace(".", "-")

    @property
    def rows(self) -> list[tuple[rules.Row, str | None]]:
        return [(r, self.links.get(r.value)) for r in self.table.rows]


def _region_labels(scope: Scope, counts: Counter[Cell]) -> tuple[str, dict[str, str]]:
    dim_key = scope.child_dimension
    codes = [v for (u, d, v) in counts if u == rules.KASUS and d == dim_key]
    return dim_key, dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def case_list_url(user: Any, scope: Scope, period: Period, basis: str, **extra: str) -> str | None:
    """Link to the (scoped) case list behind a number: only for users who may list cases,
    and only under the report-date basis (the list filters by report date)."""
    if basis != rules.BASIS_REPORT or not access.can(user, "cases.list"):
        return None
    try:
        base = reverse("cases:list")
    except NoReverseMatch:
        return None
    params = {"status": "all", "date_from": period.start.isoformat(), "date_to": period.end.isoformat()}
    if scope.code:
        params["region"] = scope.code
    params.update(extra)
    return base + "?" + urlencode(params)


def tables_for(
    counts: Counter[Cell],
    scope: Scope,
    *,
    user: Any = None,
    period: Period | None = None,
    basis: str = rules.BASIS_REPORT,
) -> list[TableView]:
    dim_key, names = _region_labels(scope, counts)
    out = []
    for unit, key in DASHBOARD_TABLES:
        real_key = dim_key if key == "REGION" else key
        dim = rules.dimension(unit, real_key)
        table = rules.build_table(dim, counts, names if key == "REGION" else None)
        if key == "REGION":
            table.rows = [r for r in table.rows if r.count or r.value in names]
        tv = TableView(f"{unit}.{real_key}", table, key in CHARTED)
        if user is not None and period is not None and unit == rules.KASUS:
            for r in table.rows:
                link = None
                if real_key == "bentuk" and r.value in {
                    "fisik",
                    "psikis",
                    "seksual",
                    "eksploitasi",
                    "trafficking",
                    "penelantaran",
                }:
                    link = case_list_url(user, scope, period, basis, form=r.value)
                elif real_key == "tahap":
                    link = case_list_url(user, scope, period, basis, stage=r.value)
                elif key == "REGION" and r.value != rules.UNKNOWN:
                    link = case_list_url(user, Scope(r.value), period, basis)
                if link:
                    tv.links[r.value] = link
        out.append(tv)
    return out


def trend(scope: Scope, basis: str, today: dt.date | None = None) -> dict[str, Any]:
    """Cases by month for this year and the two before (this year to date)."""
    today = today or timezone.localdate()
    first = today.year - 2
    span = Period(dt.date(first, 1, 1), today, "custom")
    by_month = queries.group_by_month(queries.monthly_totals(scope, span, basis))
    years = list(range(first, today.year + 1))
    return {
        "years": years,
        "totals": [sum(by_month.get(y, {}).values()) for y in years],
        "months": {y: [by_month.get(y, {}).get(m, 0) for m in range(1, 13)] for y in years},
        "rows": [
            (y, [by_month.get(y, {}).get(m, 0) for m in range(1, 13)], sum(by_month.get(y, {}).values()))
            for y in years
        ],
        "to_date": today.isoformat(),
    }


def dashboard(user: Any, *, scope: Scope, period: Period, basis: str) -> dict[str, Any]:
    counts = queries.counts(scope, period, basis)
    tables = tables_for(counts, scope, user=user, period=period, basis=basis)
    funnel = []
    stage_counts = {r.value: r.count for tv in tables if tv.key == "kasus.tahap" for r in tv.table.rows}
    remaining = sum(stage_counts.values())
    for tv in tables:
        if tv.key == "kasus.tahap":
            for r in tv.table.rows:
                funnel.append((r.label, remaining))
                remaining -= r.count
    return {
        "counts": counts,
        "total_cases": counts.get((rules.KASUS, rules.TOTAL, rules.ALL), 0),
        "total_victims": counts.get((rules.KORBAN, rules.TOTAL, rules.ALL), 0),
        "total_perpetrators": counts.get((rules.PELAKU, rules.TOTAL, rules.ALL), 0),
        "total_services": counts.get((rules.LAYANAN, rules.TOTAL, rules.ALL), 0),
        "reconciliation": rules.victim_reconciliation(counts),
        "tables": tables,
        "trend": trend(scope, basis),
        "open_by_age": queries.open_cases_by_age(scope),
        "referrals": queries.referral_turnaround(scope, period),
        "compliance": queries.response_compliance(scope, period),
        "funnel": funnel,
        "unknown_incident": queries.unknown_incident_dates(scope) if basis == rules.BASIS_INCIDENT else 0,
        "path": "ringkasan" if queries.use_summary(scope, period) else "langsung",
        "total_link": case_list_url(user, scope, period, basis),
    }


def chart_data(ctx: dict[str, Any]) -> dict[str, Any]:
    """Data for the Chart.js charts (read by stats/dashboard.js from a json_script block)."""
    charts = []
    t = ctx["trend"]
    months = [dt.date(2000, m, 1).strftime("%b") for m in range(1, 13)]
    charts.append(
        {
            "id": "trend-months",
            "type": "line",
            "title": _("Kasus per bulan"),
            "labels": months,
            "datasets": [{"label": str(y), "data": t["months"][y]} for y in t["years"]],
        }
    )
    charts.append(
        {
            "id": "trend-years",
            "type": "bar",
            "title": _("Kasus per tahun"),
            "labels": [str(y) for y in t["years"]],
            "datasets": [{"label": _("kasus"), "data": t["totals"]}],
        }
    )
    for tv in ctx["tables"]:
        if tv.chart:
            charts.append(
                {
                    "id": tv.id,
                    "type": "bar",
                    "title": tv.table.title,
                    "labels": [r.label for r in tv.table.rows],
                    "datasets": [{"label": tv.table.unit_label, "data": [r.count for r in tv.table.rows]}],
                }
            )
    return {"charts": charts}


def export_rows(
    ctx: dict[str, Any], scope_label: str, period: Period, basis: str
) -> list[tuple[str, list[list[Any]]]]:
    """Every aggregate table as (sheet title, rows) for CSV/XLSX."""
    head = [
        _("Wilayah"),
        scope_label,
        _("Periode"),
        period.label,
        _("Dasar tanggal"),
        str(rules.BASES[basis]),
    ]
    sheets: list[tuple[str, list[list[Any]]]] = []
    summary = [
        head,
        [],
        [_("Satuan"), _("Jumlah")],
        [str(rules.UNITS[rules.KASUS]), ctx["total_cases"]],
        [str(rules.UNITS[rules.KORBAN]), ctx["total_victims"]],
        [str(rules.UNITS[rules.PELAKU]), ctx["total_perpetrators"]],
        [str(rules.UNITS[rules.LAYANAN]), ctx["total_services"]],
    ]
    sheets.append((_("Ringkasan"), summary))
    t = ctx["trend"]
    trend_rows: list[list[Any]] = [head, [], [_("Tahun")] + list(range(1, 13)) + [_("Jumlah")]]
    for y in t["years"]:
        trend_rows.append([y] + t["months"][y] + [sum(t["months"][y])])
    sheets.append((_("Tren"), trend_rows))
    for tv in ctx["tables"]:
        rows: list[list[Any]] = [
            head,
            [tv.table.title, tv.table.unit_label],
            [_("Kategori"), _("Kode"), _("Jumlah")],
        ]
        rows += [[r.label, r.value, r.count] for r in tv.table.rows]
        rows.append([_("Total"), "", tv.table.total])
        rows.append([tv.table.note])
        sheets.append((tv.key, rows))
    return sheets
