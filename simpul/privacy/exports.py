"""Access exports and notices as XLSX (openpyxl) and PDF (fpdf2).

Every spreadsheet cell is neutralised against formula injection; PDFs use DejaVuSans
(Unicode) when the font is installed and fall back to a core font with transliteration.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from simpul.core.exports import FONT_FAMILY, new_pdf, safe_cell
from simpul.privacy.registry import Section


def neutralise(value: object) -> str:
    """A cell value that no spreadsheet will evaluate (CSV/formula injection)."""
    return str(safe_cell("" if value is None else str(value)))


def build_xlsx(title: str, intro: Iterable[tuple[str, str]], sections: Iterable[Section]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = neutralise(title)[:31].replace("/", "-") or "Data"
    bold = Font(bold=True)
    ws.append([neutralise(title)])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in intro:
        ws.append([neutralise(label), neutralise(value)])
    for section in sections:
        ws.append([])
        ws.append([neutralise(section.title)])
        ws.cell(row=ws.max_row, column=1).font = bold
        for row in section.rows:
            ws.append([neutralise(row.label), neutralise(row.value)])
    # Every cell is stored as a string: nothing is interpreted as a number, date or formula.
    for row_cells in ws.iter_rows():
        for cell in row_cells:
            if cell.value is not None:
                cell.data_type = "s"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class _Pdf:
    def __init__(self) -> None:
        self.pdf = new_pdf()
        self.family = FONT_FAMILY

    def text(self, value: str) -> str:
        return value

    def heading(self, value: str, size: int = 14) -> None:
        self.pdf.set_font(self.family, size=size)
        self.pdf.multi_cell(0, 8, self.text(value), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def line(self, value: str, size: int = 10) -> None:
        self.pdf.set_font(self.family, size=size)
        self.pdf.multi_cell(0, 5, self.text(value) or " ", new_x="LMARGIN", new_y="NEXT")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def build_pdf(title: str, intro: Iterable[tuple[str, str]], sections: Iterable[Section]) -> bytes:
    doc = _Pdf()
    doc.heading(title)
    for label, value in intro:
        doc.line(f"{label}: {value}")
    for section in sections:
        doc.pdf.ln(3)
        doc.heading(section.title, size=12)
        for row in section.rows:
            doc.line(f"{row.label}: {row.value}")
    return doc.output()


def text_pdf(title: str, body: str) -> bytes:
    doc = _Pdf()
    doc.heading(title)
    for para in body.split("\n"):
        doc.line(para, size=11)
    return doc.output()
