"""RAD progress report for the coordination meeting: XLSX (openpyxl) and PDF (fpdf2).
Text cells are neutralised against formula injection; numbers stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from simpul.coordination.models import Plan
from simpul.coordination.selectors import BEHIND, NO_DATA, ON_TRACK, IndicatorRow
from simpul.core.exports import FONT_FAMILY, new_pdf, safe_cell


def neutralise(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return float(value) if isinstance(value, Decimal) else value
    return safe_cell(str(value))


def status_label(status: str) -> str:
    return {ON_TRACK: _("Sesuai target"), BEHIND: _("Tertinggal"), NO_DATA: _("Belum ada data")}[status]


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return "—"
    return f"{v.normalize():f}" if v == v.to_integral() else f"{v:.2f}"


def build_xlsx(plan: Plan, rows: list[IndicatorRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Capaian RAD")[:31]
    ws.append([neutralise(plan.title)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([neutralise(_("Dasar hukum")), neutralise(plan.legal_basis)])
    ws.append([neutralise(_("Periode")), f"{plan.start_year}–{plan.end_year}"])
    ws.append([])
    header = [_("Program"), _("Kegiatan"), _("Indikator"), _("Satuan"), _("Sumber"), _("Tahun"), _("Target"), _("Realisasi"), _("Status")]
    ws.append(header)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for r in rows:
        for cell in r.cells:
            ws.append([
                neutralise(r.programme), neutralise(r.activity), neutralise(r.indicator.name), neutralise(r.indicator.unit),
                neutralise(r.indicator.get_source_display()), cell.year, neutralise(cell.target), neutralise(cell.actual),
                neutralise(status_label(cell.status)),
            ])
    for col, width in zip("ABCDEFGHI", (30, 30, 40, 10, 18, 8, 10, 10, 16), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_pdf(plan: Plan, rows: list[IndicatorRow]) -> bytes:
    pdf = new_pdf(orientation="L", margin=12)
    family = FONT_FAMILY
    t = str
    pdf.set_font(family, size=14)
    pdf.multi_cell(0, 8, t(plan.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=10)
    pdf.multi_cell(0, 6, t(f"{_('Dasar hukum')}: {plan.legal_basis}  ·  {_('Periode')}: {plan.start_year}–{plan.end_year}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    years = plan.years
    pdf.set_font(family, size=8 if len(years) > 4 else 9)
    with pdf.table(col_widths=(70, 18, *([28] * len(years))), text_align="LEFT") as table:
        head = table.row()
        for h in [_("Indikator"), _("Satuan"), *[str(y) for y in years]]:
            head.cell(t(h))
        for r in rows:
            row = table.row()
            row.cell(t(f"{r.programme} / {r.activity}: {r.indicator.name}"))
            row.cell(t(r.indicator.unit))
            for cell in r.cells:
                row.cell(t(f"{_fmt(cell.actual)} / {_fmt(cell.target)}\n{status_label(cell.status)}"))
    pdf.ln(2)
    pdf.set_font(family, size=8)
    pdf.multi_cell(0, 5, t(_("Sel: realisasi / target. Indikator terhitung diperbarui otomatis dari data Simpul.")), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
