"""What every export shares: spreadsheet cells that no spreadsheet will run as a formula, and
PDFs with a Unicode font shipped with Simpul (DejaVu Sans, simpul/core/fonts/, licence beside it),
so names with any letter print the same on every server, with or without system fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
    apostrophe; everything else is returned as it is (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def new_pdf(*, orientation: str = "P", margin: float = 15, size: float = 10, first_page: bool = True) -> Any:
    """An A4 fpdf2 document with DejaVu Sans (regular and bold) set, and its first page."""
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.set_auto_page_break(auto=True, margin=margin)
    pdf.add_font(FONT_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font(FONT_FAMILY, size=size)
    if first_page:
        pdf.add_page()
    return pdf
