"""CSV, XLSX and PDF output of aggregate tables (counts only), and the Simfoni PPA recap."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from simpul.core.exports import new_pdf, safe_cell
from simpul.stats import rules
from simpul.stats.rules import Cell

neutralise = safe_cell  # the one formula-safe cell rule (simpul.core.exports)


def to_csv(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def to_xlsx(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for title, rows in sheets:
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
        base, n = name, 2
        while name in used:
            name = f"{base[:28]}-{n}"
            n += 1
        used.add(name)
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([neutralise(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- Simfoni PPA recap -------------------------------------------------------------------------

SIMFONI_SECTIONS: list[tuple[str, str, str]] = [
    (rules.KASUS, rules.TOTAL, "Jumlah kasus"),
    (rules.KORBAN, rules.TOTAL, "Jumlah korban"),
    (rules.PELAKU, rules.TOTAL, "Jumlah pelaku"),
    (rules.KASUS, "bentuk", "Bentuk kekerasan"),
    (rules.KASUS, "tempat", "Tempat kejadian"),
    (rules.PELAKU, "hubungan", "Hubungan pelaku-korban"),
    (rules.KORBAN, "kelompok_umur", "Kelompok umur korban"),
    (rules.KORBAN, "jenis_kelamin", "Jenis kelamin korban"),
    (rules.PELAKU, "jenis_kelamin", "Jenis kelamin pelaku"),
    (rules.KORBAN, "pendidikan", "Pendidikan korban"),
    (rules.KORBAN, "pekerjaan", "Pekerjaan korban"),
    (rules.KORBAN, "perkawinan", "Status perkawinan korban"),
    (rules.KORBAN, "disabilitas", "Disabilitas korban"),
    (rules.KASUS, "layanan", "Layanan yang diterima"),
]


def simfoni_recap(counts: Counter[Cell], header: list[Any]) -> list[list[Any]]:
    """The recap in Simfoni PPA's categories (DOMAIN.md section 1): one line per category."""
    rows: list[list[Any]] = [header, [], ["bagian", "kategori", "kode", "satuan", "jumlah"]]
    for unit, key, section in SIMFONI_SECTIONS:
        dim = rules.dimension(unit, key)
        table = rules.build_table(dim, counts)
        for r in table.rows:
            rows.append([section, r.label, r.value, str(rules.UNITS[unit]), r.count])
    return rows


# --- PDF -----------------------------------------------------------------------------------------


def _pdf() -> Any:
    return new_pdf(first_page=False)  # the report adds its pages itself


def _font(pdf: Any, style: str = "", size: int = 10) -> None:
    pdf.set_font(pdf.font_family, style, size)


def report_pdf(title: str, subtitle: str, ctx: dict[str, Any], progress: Any = None) -> bytes:
    """A report with the totals, the reconciliation, the yearly trend and every table drawn as bars."""
    pdf = _pdf()
    pdf.add_page()
    _font(pdf, "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    _font(pdf, "", 10)
    pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    rec = ctx["reconciliation"]
    lines = [
        _("Kasus: %(n)s · korban: %(v)s · pelaku: %(p)s · layanan diberikan: %(s)s")
        % {
            "n": ctx["total_cases"],
            "v": ctx["total_victims"],
            "p": ctx["total_perpetrators"],
            "s": ctx["total_services"],
        },
        _(
            "Rekonsiliasi: %(t)s kasus = %(a)s anak saja + %(w)s perempuan dewasa saja + %(b)s keduanya + %(o)s lainnya/tidak diketahui"
        )
        % {
            "t": rec["total"],
            "a": rec["g_anak"],
            "w": rec["g_perempuan_dewasa"],
            "b": rec["keduanya"],
            "o": rec["lainnya"],
        },
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    tables = ctx["tables"]
    t = ctx["trend"]
    trend_rows = [(str(y), n) for y, n in zip(t["years"], t["totals"], strict=True)]
    _bars(pdf, _("Kasus per tahun (sampai %(d)s)") % {"d": t["to_date"]}, trend_rows)
    for i, tv in enumerate(tables):
        _bars(
            pdf,
            f"{tv.table.title} ({tv.table.unit_label})",
            [(r.label, r.count) for r in tv.table.rows],
            note=tv.table.note,
        )
        if progress:
            progress(30 + int(60 * (i + 1) / len(tables)))
    return bytes(pdf.output())


def _bars(pdf: Any, title: str, rows: list[tuple[str, int]], note: str = "") -> None:
    if pdf.get_y() > 240:
        pdf.add_page()
    pdf.ln(3)
    _font(pdf, "B", 11)
    pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    _font(pdf, "", 9)
    top = max((n for _l, n in rows), default=0) or 1
    label_w, num_w = 70, 18
    bar_w = pdf.epw - label_w - num_w
    for label, n in rows:
        if pdf.get_y() > 275:
            pdf.add_page()
        y = pdf.get_y()
        pdf.cell(label_w, 5, label[:40])
        pdf.cell(num_w, 5, str(n), align="R")
        pdf.set_fill_color(10, 110, 106)
        if n:
            pdf.rect(pdf.get_x() + 2, y + 1, max(0.5, bar_w * n / top - 2), 3, style="F")
        pdf.ln(5)
    if note:
        _font(pdf, "", 8)
        pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
