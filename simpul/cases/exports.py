"""XLSX export of a case list (masked, formula injection neutralised) and PDFs
(case summary, surat rujukan) with fpdf2 and DejaVuSans when available."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.cases.models import Case, Referral, SharedSet
from simpul.core.exports import FONT_FAMILY, new_pdf, safe_cell

neutralise = safe_cell  # the one formula-safe cell rule (simpul.core.exports)


def cases_xlsx(rows: list[Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Kasus"
    header = [_("Nomor"), _("Tanggal lapor"), _("Jenis kasus"), _("Tahap"), _("Risiko"), _("Wilayah"), _("Korban (inisial)"), _("Kelompok umur"), _("Bentuk kekerasan"), _("Pendamping")]
    ws.append(header)
    for r in rows:
        c = r.case
        ws.append(
            [
                neutralise(v)
                for v in (
                    c.number,
                    c.reported_at.isoformat(),
                    c.get_jenis_kasus_display(),
                    c.get_stage_display(),
                    c.get_risk_display(),
                    f"{c.region_id} {c.region.name}",
                    "; ".join(v["initials"] for v in r.victims),
                    "; ".join(v["age_band"] for v in r.victims),
                    ", ".join(r.forms),
                    r.caseworker,
                )
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf() -> Any:
    pdf = new_pdf()
    pdf.simpul_font = FONT_FAMILY
    return pdf


def _text(value: Any) -> str:
    s = "" if value is None else str(value)
    return s


def _h(pdf: Any, text: str, size: int = 12) -> None:
    pdf.set_font(pdf.simpul_font, "B", size)
    pdf.multi_cell(0, 7, _text(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.simpul_font, "", 10)


def _p(pdf: Any, text: Any) -> None:
    pdf.multi_cell(0, 5, _text(text), new_x="LMARGIN", new_y="NEXT")


def referral_letter_pdf(referral: Referral) -> bytes:
    case = referral.case
    pdf = _pdf()
    _h(pdf, referral.from_org.name, 13)
    _h(pdf, _("SURAT RUJUKAN"), 14)
    _p(pdf, _("Nomor kasus: %(n)s") % {"n": case.number})
    _p(pdf, _("Tanggal: %(d)s") % {"d": timezone.localtime(referral.sent_at).strftime("%d-%m-%Y")})
    _p(pdf, _("Kepada: %(o)s") % {"o": referral.to_org.name})
    _p(pdf, _("Layanan yang diminta: %(s)s") % {"s": referral.get_service_type_display()})
    _p(pdf, _("Mohon tanggapan paling lambat: %(d)s") % {"d": referral.due_date.strftime("%d-%m-%Y")})
    pdf.ln(3)
    _h(pdf, _("Alasan dan permintaan"), 11)
    _p(pdf, referral.reason)
    _h(pdf, _("Data yang dibagikan"), 11)
    _p(pdf, ", ".join(str(SharedSet(s).label) for s in referral.shared_sets))
    _p(pdf, _("Dasar pemrosesan: %(b)s") % {"b": referral.get_consent_basis_display()})
    pdf.ln(3)
    _p(pdf, _("Rincian data korban hanya dapat dilihat oleh mitra penerima di Simpul. Dokumen ini bersifat RAHASIA (UU 27/2022, UU 12/2022)."))
    return bytes(pdf.output())


def case_summary_pdf(case: Case, detail: dict[str, Any]) -> bytes:
    pdf = _pdf()
    _h(pdf, _("RINGKASAN KASUS — RAHASIA"), 14)
    _p(pdf, f"{case.number} · {case.organisation.name}")
    _p(pdf, _("Jenis: %(j)s · Risiko: %(r)s · Tahap: %(t)s · Status: %(s)s") % {
        "j": case.get_jenis_kasus_display(), "r": case.get_risk_display(), "t": case.get_stage_display(), "s": case.get_status_display()
    })
    _p(pdf, _("Tanggal lapor: %(d)s · Wilayah: %(w)s") % {"d": case.reported_at.strftime("%d-%m-%Y"), "w": f"{case.region_id} {case.region.name}"})
    if case.summary:
        _p(pdf, case.summary)
    _h(pdf, _("Pihak"), 11)
    for p in detail["parties"]:
        _p(pdf, f"{p.get_role_display()}: {p.person.full_name or '—'} ({p.person.get_sex_display()}, {p.age_at_incident if p.age_at_incident is not None else '—'})")
    _h(pdf, _("Kejadian"), 11)
    for i in detail["incidents"]:
        _p(pdf, f"{i.date or '—'} · {i.get_place_display()} · {', '.join(f.get_form_display() for f in i.forms.all())}")
        if i.chronology:
            _p(pdf, i.chronology)
    _h(pdf, _("Layanan"), 11)
    for s in detail["services"]:
        _p(pdf, f"{s.get_service_type_display()} · {s.provider or s.provider_name or '—'} · {s.start_date} · {s.get_outcome_display()}")
    _h(pdf, _("Rujukan"), 11)
    for r in detail["referrals"]:
        _p(pdf, f"{r.to_org} · {r.get_service_type_display()} · {r.get_status_display()}")
    return bytes(pdf.output())
