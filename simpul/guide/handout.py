"""The guide as a short training handout (fpdf2, DejaVuSans like the other PDFs of Simpul)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from simpul.guide.content import Section

UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def build_pdf(sections: list[Section]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_page()
    unicode = UNICODE_FONT.exists()
    if unicode:
        pdf.add_font("DejaVu", "", str(UNICODE_FONT))
        family = "DejaVu"
    else:
        family = "Helvetica"

    def t(text: object) -> str:
        s = str(text)
        return s if unicode else s.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font(family, size=16)
    pdf.multi_cell(0, 9, t(_("Panduan pengguna Simpul")), new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.ln(3)
        pdf.set_font(family, size=12)
        pdf.multi_cell(0, 7, t(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=9)
        pdf.multi_cell(0, 5, t(section.intro), new_x="LMARGIN", new_y="NEXT")
        for i, step in enumerate(section.steps, 1):
            pdf.multi_cell(0, 5, t(f"{i}. {step}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
