"""Assessment and the legal process."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit.services import record
from simpul.cases.models import (
    AbhRole,
    Assessment,
    Case,
    DiversionStatus,
    LegalProcess,
    LegalStage,
    Risk,
    Stage,
)
from simpul.cases.services.consent import case_consent_record
from simpul.cases.writes import _bump, _event, _today, _touch, _validate_choice

# --- Assessment, legal process ---------------------------------------------------------------


ASSESSMENT_FIELDS = ("fisik", "psikologis", "sosial", "ekonomi", "pendidikan", "safety_plan")


@transaction.atomic
def assessment_add(
    *,
    actor: Any,
    case: Case,
    risk: str,
    informed_consent: bool = False,
    given_by: str = "",
    how: str = "",
    guardian_name: str | None = None,
    witness_name: str | None = None,
    **texts: Any,
) -> Assessment:
    """Record an assessment. An informed consent answered "yes" is recorded as consent of the
    victims through the privacy core (basis "consent", for case handling and referral), with who
    gave it and how: a child's consent must come from a parent or guardian."""
    access.check(actor, "assess", case)
    _validate_choice(risk, Risk, "risk")
    if set(texts) - set(ASSESSMENT_FIELDS):
        raise ValidationError(_("Kolom tidak dikenal."))
    if not any((texts.get(f) or "").strip() for f in ASSESSMENT_FIELDS[:5]):
        raise ValidationError(_("Isi minimal satu aspek asesmen (fisik, psikologis, sosial, ekonomi, pendidikan)."))
    a = Assessment.objects.create(case=case, risk=risk, informed_consent=informed_consent, author=actor, **{k: (v or None) for k, v in texts.items()})
    if informed_consent:
        if not given_by:
            raise ValidationError({"given_by": [_("Pilih siapa yang memberikan persetujuan.")]})
        case_consent_record(
            actor=actor, case=case, given_by=given_by, how=how, guardian_name=guardian_name, witness_name=witness_name,
            note=_("Informed consent pada asesmen"),
        )
    old_risk = case.risk
    if case.stage in {Stage.PENGADUAN, Stage.IDENTIFIKASI}:
        case.stage = Stage.ASESMEN
    case.risk = risk
    _bump(case, None, ["risk", "stage"])
    _event(case, actor, "assessment.add", assessment=a.pk, risk_from=old_risk, risk_to=risk)
    record("case.assessment_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=[k for k, v in texts.items() if v] + ["risk"], extra={"assessment": a.pk})
    return a


@transaction.atomic
def legal_save(
    *,
    actor: Any,
    case: Case,
    legal: LegalProcess | None = None,
    police_report_number: str | None = None,
    police_report_date: dt.date | None = None,
    stage: str = LegalStage.LAPORAN,
    stage_date: dt.date | None = None,
    diversion: str = "",
    verdict_notes: str | None = None,
) -> LegalProcess:
    access.check(actor, "legal", case)
    _validate_choice(stage, LegalStage, "stage")
    if diversion and diversion not in DiversionStatus.values:
        raise ValidationError({"diversion": _("Pilihan tidak valid.")})
    if diversion and not case.parties.filter(abh_role=AbhRole.BERKONFLIK).exists():
        raise ValidationError({"diversion": _("Diversi hanya untuk anak berkonflik dengan hukum (catat pihaknya dahulu).")})
    for d, name in ((police_report_date, "police_report_date"), (stage_date, "stage_date")):
        if d and d > _today():
            raise ValidationError({name: _("Tanggal tidak boleh di masa depan.")})
    if legal is None:
        legal = LegalProcess(case=case)
    elif legal.case_id != case.pk:
        raise ValidationError(_("Proses hukum bukan milik kasus ini."))
    moved = legal.stage != stage or legal.pk is None
    legal.police_report_number = police_report_number or None
    legal.police_report_date = police_report_date
    legal.stage = stage
    legal.stage_date = stage_date
    legal.diversion = diversion
    legal.verdict_notes = verdict_notes or None
    legal.updated_by = actor
    if moved:
        legal.history = [*legal.history, {"stage": stage, "date": stage_date.isoformat() if stage_date else None}]
    legal.save()
    _touch(case)
    _event(case, actor, "legal.save", legal=legal.pk, stage=stage, diversion=diversion)
    record("case.legal_save", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["police_report_number", "stage"], extra={"legal": legal.pk})
    return legal
