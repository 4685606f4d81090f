"""The risk checklist and how the risk level follows from it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from simpul.intake.models import Period, Risk, Urgency, YesNoUnknown

# (key, label, level): any "tinggi" factor makes the risk high; otherwise any "sedang" factor medium.
RISK_FACTORS: list[tuple[str, object, str]] = [
    ("bahaya_nyawa", _("Ancaman terhadap nyawa, senjata, atau percobaan pembunuhan"), Risk.TINGGI),
    ("luka_berat", _("Luka yang butuh pertolongan medis segera"), Risk.TINGGI),
    ("kekerasan_seksual_72jam", _("Kekerasan seksual dalam 72 jam terakhir"), Risk.TINGGI),
    ("pelaku_bersama_korban", _("Pelaku masih bersama atau mudah menjangkau korban"), Risk.TINGGI),
    ("disekap_diperdagangkan", _("Korban disekap, dibawa pergi, atau sedang diperdagangkan"), Risk.TINGGI),
    ("ingin_bunuh_diri", _("Korban berpikir atau mencoba bunuh diri"), Risk.TINGGI),
    ("anak_tanpa_pengasuh_aman", _("Anak tanpa pengasuh yang aman"), Risk.TINGGI),
    ("kekerasan_berulang", _("Kekerasan berulang atau meningkat"), Risk.SEDANG),
    ("ancaman", _("Ada ancaman dari pelaku"), Risk.SEDANG),
    ("korban_anak_disabilitas", _("Korban anak, lanjut usia, atau penyandang disabilitas"), Risk.SEDANG),
    ("korban_hamil", _("Korban sedang hamil"), Risk.SEDANG),
    ("tanpa_dukungan", _("Korban tanpa dukungan keluarga atau tempat tinggal aman"), Risk.SEDANG),
    ("perkawinan_akan_terjadi", _("Perkawinan anak akan segera dilangsungkan"), Risk.SEDANG),
]
FACTOR_KEYS = {key for key, _label, _level in RISK_FACTORS}


def compute_risk(checklist: list[str]) -> str:
    levels = {level for key, _label, level in RISK_FACTORS if key in set(checklist)}
    if Risk.TINGGI in levels:
        return Risk.TINGGI
    if Risk.SEDANG in levels:
        return Risk.SEDANG
    return Risk.RENDAH


# A child victim: the checklist's child factor (the only fact of a report that names one).
CHILD_FACTOR = "korban_anak_disabilitas"


def from_report(report: object) -> tuple[list[str], str]:
    """What the report itself says, for the triage form to start from ("dari laporan"): the
    checklist factors it establishes and a risk suggestion from the reporter's urgency (the same
    rule as the provisional clock). The officer confirms or unticks; nothing is saved unasked."""
    factors = [CHILD_FACTOR] if getattr(report, "victim_is_child", "") == YesNoUnknown.YA else []
    urgency, period = getattr(report, "urgency", ""), getattr(report, "period", "")
    suggestion: str
    if urgency == Urgency.SEGERA or period == Period.BERLANGSUNG:
        suggestion = Risk.TINGGI
    elif urgency == Urgency.PERLU:
        suggestion = Risk.SEDANG
    elif urgency == Urgency.TIDAK_MENDESAK:
        suggestion = Risk.RENDAH
    else:
        suggestion = ""
    return factors, suggestion
