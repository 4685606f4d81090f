"""The one formula-safe cell rule and the one PDF builder with its shipped font."""

from __future__ import annotations

from simpul.core.exports import FONT_DIR, new_pdf, safe_cell


def test_formula_cells_are_neutralised_and_numbers_stay_numbers() -> None:
    for bad in ("=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("Siti") == "Siti" and safe_cell(5) == 5 and safe_cell(None) is None and safe_cell(2.5) == 2.5


def test_pdfs_use_the_font_shipped_with_simpul() -> None:
    assert (FONT_DIR / "DejaVuSans.ttf").is_file() and (FONT_DIR / "DejaVuSans-Bold.ttf").is_file()
    assert (FONT_DIR / "LICENSE-DejaVu.txt").is_file()
    pdf = new_pdf()
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, "Ñoño · Łukasz · “kutip” · Ä · é", new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    assert data.startswith(b"%PDF") and b"DejaVuSans" in data
