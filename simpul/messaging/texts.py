"""The message texts an officer may choose from. Reviewed for a shared phone: none names the
sender's office, the reporter, the case, violence or a tracking code; each says only that there
is news and where to look (the status page asks for the code and PIN the reporter kept).
Texts are Bahasa Indonesia on every phone (the reporter's language, not the officer's)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FREE_TEXT = "bebas"


@dataclass(frozen=True)
class Template:
    code: str
    label: Promise  # what the officer sees in the list
    text: str  # what is sent, always Indonesian


TEMPLATES: dict[str, Template] = {
    t.code: t
    for t in (
        Template("balasan", _("Ada balasan (netral, bawaan)"), "Ada balasan untuk laporan Anda. Buka halaman status dengan kode Anda."),
        Template("kabar", _("Ada kabar terbaru (netral)"), "Ada kabar terbaru untuk laporan Anda. Buka halaman status dengan kode Anda."),
        Template(
            "waktu",
            _("Minta waktu yang aman untuk dihubungi (netral)"),
            "Kami ingin berbicara dengan Anda. Bila aman, balas pesan ini dengan waktu yang cocok.",
        ),
    )
}
DEFAULT = "balasan"
STATUS = "kabar"


def text_of(code: str) -> str:
    return TEMPLATES[code].text
