"""The guide as a short training handout (fpdf2, DejaVuSans like the other PDFs of Simpul)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from simpul.core.exports import FONT_FAMILY, new_pdf
from simpul.guide.content import Section


def build_pdf(sections: list[Section]) -> bytes:
    pdf = new_pdf(margin=14)
    family = FONT_FAMILY

    def t(text: object) -> str:
        return str(text)

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
