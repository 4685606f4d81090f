"""Public open data: aggregate counts by kabupaten/kota, year, form of violence, sex and age
group. All tables of a release are protected together (``disclosure.py``: threshold rule,
complementary suppression, hidden zeros, then a linear-programming audit of the whole release;
a table that cannot pass is withheld). The page, the CSV and the JSON all serve this one release.
No identifying data: only counts from the summary tables. Cached; the cache key carries the data
version, so any change or rebuild of the summaries publishes fresh numbers."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul.regions.models import Region
from simpul.stats import disclosure, rules
from simpul.stats.models import DataVersion, YearlyCount
from simpul.stats.suppression import suppress

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600


def threshold() -> int:
    return int(getattr(settings, "SIMPUL_SUPPRESSION_THRESHOLD", 5))


def _version() -> tuple[int, str]:
    row = DataVersion.objects.values_list("version", "updated_at").first()
    if not row:
        return 0, ""
    return int(row[0]), row[1].isoformat() if row[1] else ""


def _key(version: int) -> str:
    return f"stats:public:v{version}:t{threshold()}:{translation.get_language() or 'id'}"


def cache_key() -> str:
    return _key(_version()[0])


def invalidate() -> None:
    version, _at = _version()
    for lang, _name in settings.LANGUAGES:
        base = f"stats:public:v{version}:t{threshold()}:{lang}"
        cache.delete_many([base, base + ":html"])


class _Spec:
    """One public table before protection: labels and the true extended matrix."""

    def __init__(
        self,
        table_id: str,
        title: str,
        unit: str,
        row_header: str,
        rows: list[tuple[str, str]],
        columns: list[tuple[str, str]],
        values: dict[tuple[str, str], int],
        note: str = "",
    ) -> None:
        self.id, self.title, self.unit, self.row_header, self.note = table_id, title, unit, row_header, note
        self.rows, self.columns = rows, columns
        self.cells = [[values.get((r, c), 0) for c, _l in columns] for r, _rl in rows]
        self.ext = disclosure.extend(self.cells) if self.cells and columns else []


def _publish(spec: _Spec, release: disclosure.Release) -> dict[str, Any]:
    withheld = spec.id in release.withheld
    out: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "unit": spec.unit,
        "row_header": spec.row_header,
        "columns": [],
        "rows": [],
        "totals": [],
        "grand_total": None,
        "note": spec.note,
        "withheld": withheld,
    }
    if withheld:
        out["withheld_note"] = _(
            "Tabel ini tidak diterbitkan: pemeriksaan perlindungan sel kecil tidak dapat dipenuhi untuk tabel ini."
        )
    if not spec.ext or withheld:
        return out
    ext = spec.ext
    hidden = release.hidden.get(spec.id, set())
    nr, nc = len(ext) - 1, len(ext[0]) - 1

    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else ext[i][j]

    out["columns"] = [{"code": c, "label": label} for c, label in spec.columns]
    out["rows"] = [
        {
            "code": spec.rows[i][0],
            "label": spec.rows[i][1],
            "cells": [shown(i, j) for j in range(nc)],
            "total": shown(i, nc),
        }
        for i in range(nr)
    ]
    out["totals"] = [shown(nr, j) for j in range(nc)]
    out["grand_total"] = shown(nr, nc)
    return out


def _links(years_spec: _Spec, forms_specs: dict[int, _Spec]) -> list[disclosure.Link]:
    """What anyone knows between the cases table and the forms tables of the same release: every
    case has at least one and at most len(FORMS) forms, so for each kabupaten/kota (and the totals
    row) and year: cases of one form <= cases <= mentions <= len(FORMS) x cases."""
    links: list[disclosure.Link] = []
    if not years_spec.ext:
        return links
    col_of = {code: j for j, (code, _l) in enumerate(years_spec.columns)}
    for year, spec in forms_specs.items():
        if not spec.ext or str(year) not in col_of:
            continue
        b = col_of[str(year)]
        nf = len(spec.columns)
        for a in range(len(spec.ext)):  # same row order (kabupaten/kota, then totals)
            cases = (years_spec.id, a, b)
            mentions = (spec.id, a, nf)
            for f in range(nf):
                links.append(disclosure.Link([((spec.id, a, f), 1.0), (cases, -1.0)]))
            links.append(disclosure.Link([(cases, 1.0), (mentions, -1.0)]))
            links.append(disclosure.Link([(mentions, 1.0), (cases, -float(len(rules.FORMS)))]))
    return links


def protect_release(specs: list[_Spec], links: list[disclosure.Link]) -> disclosure.Release:
    """All tables of the release protected together (see ``disclosure.py``); fails closed."""
    release = disclosure.Release({s.id: s.ext for s in specs if s.ext}, links)
    for s in specs:
        if s.ext:
            # stage 1: threshold rule and complementary suppression (cheap); the LP audit follows
            release.hidden[s.id] = set(suppress(s.cells, threshold())[1])
    try:
        disclosure.protect(release, threshold())
    except Exception:  # fail closed: nothing is published unaudited
        logger.exception("open data: protection failed, every table withheld")
        release.withheld |= set(release.tables)
    return release


def build() -> dict[str, Any]:
    """Every public table, freshly computed from the summary (report-date basis)."""
    version, updated = _version()
    base = YearlyCount.objects.filter(basis=rules.BASIS_REPORT, year__isnull=False)
    by_kab_year: dict[tuple[str, str], int] = defaultdict(int)
    forms: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    sex_age: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        base.filter(unit=rules.KASUS, dimension__in=[rules.TOTAL, "bentuk"])
        .values_list("kabupaten_code", "year", "dimension", "value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    kabs: set[str] = set()
    years: set[int] = set()
    for kab, year, dim, value, n in rows:
        kabs.add(kab)
        years.add(year)
        if dim == rules.TOTAL:
            by_kab_year[(kab, str(year))] += n
        else:
            forms[year][(kab, value)] += n
    for year, value, n in (
        base.filter(unit=rules.KORBAN, dimension="jk_umur")
        .values_list("year", "value")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        sex, age = value.split("|", 1)
        sex_age[year][(sex, age)] += n
    names = dict(Region.objects.filter(code__in=kabs).values_list("code", "name"))
    kab_rows = [(k, names.get(k, k)) for k in sorted(kabs)]
    year_cols = [(str(y), str(y)) for y in sorted(years)]
    form_dim = rules.dimension(rules.KASUS, "bentuk")
    form_cols = [(f, rules.value_label(form_dim, f)) for f in rules.FORMS]
    sex_dim = rules.dimension(rules.KORBAN, "jenis_kelamin")
    sex_rows = [(s, rules.value_label(sex_dim, s)) for s in rules.SEXES]
    age_cols = [(a, a if a != rules.UNKNOWN else _("Tidak diketahui")) for a in rules.AGE_VALUES]
    years_spec = _Spec(
        "kasus_kabupaten_tahun",
        _("Kasus menurut kabupaten/kota dan tahun lapor"),
        _("kasus"),
        _("Kabupaten/kota"),
        kab_rows,
        year_cols,
        by_kab_year,
    )
    specs = [years_spec]
    forms_specs: dict[int, _Spec] = {}
    for y in sorted(years, reverse=True):
        forms_specs[y] = _Spec(
            f"kasus_bentuk_{y}",
            _("Kasus menurut bentuk kekerasan dan kabupaten/kota, %(y)s") % {"y": y},
            _("kasus"),
            _("Kabupaten/kota"),
            kab_rows,
            form_cols,
            forms[y],
            note=_(
                "Satu kasus dapat mengalami lebih dari satu bentuk kekerasan: jumlah baris dan kolom adalah jumlah penyebutan, bukan jumlah kasus."
            ),
        )
        specs.append(forms_specs[y])
        specs.append(
            _Spec(
                f"korban_jk_umur_{y}",
                _("Korban menurut jenis kelamin dan kelompok umur, %(y)s") % {"y": y},
                _("korban"),
                _("Jenis kelamin"),
                sex_rows,
                age_cols,
                sex_age[y],
            )
        )
    release = protect_release(specs, _links(years_spec, forms_specs))
    tables = [_publish(s, release) for s in specs]
    return {
        "title": _("Data terbuka kekerasan terhadap perempuan dan anak"),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "data_updated_at": updated,
        "data_version": version,
        "threshold": threshold(),
        "note": _(
            "Angka adalah jumlah kasus yang dicatat UPTD PPA pengguna Simpul menurut tanggal lapor, korban menurut usia saat kejadian. "
            "Sel dengan nilai 1 sampai %(t)s dikosongkan. Sel lain ikut dikosongkan (termasuk angka nol di baris atau kolom yang sama) "
            "sampai pemeriksaan dengan program linear atas semua tabel sekaligus memastikan tidak ada sel kecil yang dapat diperkirakan "
            "dari angka yang diterbitkan lebih sempit dari nilainya ± maks(3, 50%%), untuk melindungi korban. Tidak ada data identitas."
        )
        % {"t": threshold() - 1},
        "protection": {
            "method": "lp-audit",
            "threshold": threshold(),
            "protection_min": disclosure.PROTECTION_MIN,
            "protection_share": disclosure.PROTECTION_SHARE,
            "withheld": sorted(release.withheld),
        },
        "tables": tables,
    }


def public_data() -> dict[str, Any]:
    version, _at = _version()
    key = _key(version)
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, CACHE_SECONDS)
    return data


def as_csv_rows(data: dict[str, Any]) -> list[list[Any]]:
    """Long format: one line per published cell (empty value = suppressed)."""
    out: list[list[Any]] = [["tabel", "satuan", "kode_baris", "baris", "kolom", "nilai", "disembunyikan"]]
    for t in data["tables"]:
        if t.get("withheld") or not t["rows"]:
            continue
        cols = [c["code"] for c in t["columns"]] + ["jumlah"]
        for r in t["rows"]:
            for col, v in zip(cols, r["cells"] + [r["total"]], strict=True):
                out.append(
                    [
                        t["id"],
                        t["unit"],
                        r["code"],
                        r["label"],
                        col,
                        "" if v is None else v,
                        "1" if v is None else "0",
                    ]
                )
        for col, v in zip(cols, t["totals"] + [t["grand_total"]], strict=True):
            out.append(
                [
                    t["id"],
                    t["unit"],
                    "jumlah",
                    _("Jumlah"),
                    col,
                    "" if v is None else v,
                    "1" if v is None else "0",
                ]
            )
    return out
