"""Officer work on a report: completing it, triage, and the decisions (accept as a case, attach
to a case, refer, close, merge). Accepting hands the report's typed facts to the cases module."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Organisation, OrgType
from simpul.audit import services as audit
from simpul.cases import services as case_services
from simpul.cases.models import Case
from simpul.cases.seams import ReportFacts
from simpul.intake.models import (
    JenisKasus,
    Kewenangan,
    Report,
    Risk,
    Status,
)
from simpul.intake.services.common import (
    _clean_fields,
    _event,
    _mark_action,
    _refresh_indexes,
    _route,
    _set_due,
)
from simpul.intake.triage import FACTOR_KEYS, compute_risk

# --- officer work ------------------------------------------------------------------------------

def _sync_victim_person(report: Report) -> None:
    if not (report.victim_name or report.victim_nik):
        return
    from simpul.people.models import Person
    from simpul.people.services import person_save

    person = report.victim_person or Person(organisation=report.organisation)
    report.victim_person = person_save(
        person,
        full_name=report.victim_name or None,
        nik=report.victim_nik or None,
        birth_date=report.victim_birth_date,
        phone=report.victim_phone or None,
    )


@transaction.atomic
def report_update(*, actor: Any, report: Report, changes: dict[str, Any]) -> Report:
    """Complete or correct a report (the rest later). Re-routes when the region changes."""
    access.check(actor, "edit", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani dan tidak dapat diubah lagi."))
    changes = _clean_fields(changes)
    changed = [k for k, v in changes.items() if getattr(report, k) != v]
    for key in changed:
        setattr(report, key, changes[key])
    if "region_id" in changed:
        _route(report)
    _refresh_indexes(report)
    if any(k in changed for k in ("victim_name", "victim_nik", "victim_birth_date", "victim_phone")):
        _sync_victim_person(report)
    _set_due(report)
    report.save()
    names = sorted(changed)
    _event(report, "edited", actor, fields=names)
    audit.record("intake.update", actor=actor, obj=report, organisation_id=report.organisation_id, fields=names)
    return report


@transaction.atomic
def report_triage(
    *,
    actor: Any,
    report: Report,
    jenis_kasus: str,
    ampk_category: str = "",
    checklist: list[str] | None = None,
    risk_override: str = "",
    override_reason: str = "",
    kewenangan: str = Kewenangan.KAB_KOTA,
) -> Report:
    access.check(actor, "triage", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani."))
    errors: dict[str, str] = {}
    if jenis_kasus not in JenisKasus.values:
        errors["jenis_kasus"] = _("Pilih jenis kasus.")
    if jenis_kasus == JenisKasus.AMPK and not ampk_category:
        errors["ampk_category"] = _("Untuk AMPK, pilih kategorinya (UU 35/2014 Pasal 59 ayat 2).")
    if kewenangan not in Kewenangan.values:
        errors["kewenangan"] = _("Pilih kewenangan.")
    checklist = sorted(set(checklist or []))
    if set(checklist) - FACTOR_KEYS:
        errors["checklist"] = _("Faktor risiko tidak dikenal.")
    computed = compute_risk(checklist)
    final = risk_override or computed
    if final not in Risk.values:
        errors["risk_override"] = _("Tingkat risiko tidak dikenal.")
    elif final != computed and not override_reason.strip():
        errors["override_reason"] = _("Tuliskan alasan bila risiko berbeda dari hasil daftar periksa.")
    if errors:
        raise ValidationError(errors)
    old_org = report.organisation_id
    before = report.status
    report.jenis_kasus = jenis_kasus
    report.ampk_category = ampk_category if jenis_kasus == JenisKasus.AMPK else ""
    report.risk_checklist = checklist
    report.risk_computed = computed
    report.risk = final
    report.risk_override_reason = override_reason.strip() if final != computed else None
    report.kewenangan = kewenangan
    report.triaged_at = timezone.now()
    if report.status == Status.BARU:
        report.status = Status.DITRIASE
    _route(report)
    _set_due(report)
    _mark_action(report)
    report.save()
    _event(
        report, "triaged", actor, from_status=before, to_status=report.status,
        jenis_kasus=jenis_kasus, risk=final, risk_computed=computed, kewenangan=kewenangan,
    )
    extra: dict[str, Any] = {"risk": final, "kewenangan": kewenangan, "jenis_kasus": jenis_kasus}
    if report.organisation_id != old_org:
        extra["routed_to"] = report.organisation_id
        _event(report, "routed", actor, organisation_id=report.organisation_id, flag_pusat=report.flag_pusat)
    audit.record("intake.triage", actor=actor, obj=report, organisation_id=old_org, fields=["risk_checklist"], extra=extra)
    return report


def _decide(report: Report, actor: Any, to_status: str, kind: str, **detail: Any) -> None:
    before = report.status
    report.status = to_status
    report.closed_at = timezone.now()
    _mark_action(report)
    report.save()
    _event(report, kind, actor, from_status=before, to_status=to_status, **detail)


def _ensure_decidable(actor: Any, report: Report) -> None:
    access.check(actor, "decide", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani."))


def report_facts(report: Report) -> ReportFacts:
    """The typed facts of ``report`` that the case service opens a case from."""
    if report.organisation is None:
        raise ValidationError(_("Laporan tidak memiliki organisasi penerima."))
    return ReportFacts(
        uid=report.uid,
        organisation=report.organisation,
        region_code=report.region_id,
        jenis_kasus=report.jenis_kasus,
        risk=report.risk,
        kewenangan=report.kewenangan,
        channel=report.channel,
        received_on=timezone.localdate(report.received_at),
        story=report.story,
        ampk_category=report.ampk_category,
        victim_person=report.victim_person,
        victim_name=report.victim_name,
        victim_nik=report.victim_nik,
        victim_birth_date=report.victim_birth_date,
        victim_phone=report.victim_phone,
        reporter_person=report.reporter_person,
    )


@transaction.atomic
def report_accept_as_case(*, actor: Any, report: Report) -> Case:
    _ensure_decidable(actor, report)
    if report.risk == "" or report.jenis_kasus == "":
        raise ValidationError(_("Lakukan triase dulu sebelum menerima sebagai kasus."))
    case = case_services.case_open_from_report(actor=actor, facts=report_facts(report))
    report.refresh_from_db()
    report.case_id = case.pk
    _decide(report, actor, Status.DITERIMA, "accepted", case_id=case.pk)
    audit.record("intake.accept", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"case_id": case.pk})
    return case


@transaction.atomic
def report_attach_to_case(*, actor: Any, report: Report, case: Case) -> Case:
    _ensure_decidable(actor, report)
    case_services.case_attach_report(actor=actor, report_uid=report.uid, case=case)
    report.refresh_from_db()
    report.case_id = case.pk
    _decide(report, actor, Status.DIGABUNG_KASUS, "attached", case_id=case.pk)
    audit.record("intake.attach", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"case_id": case.pk})
    return case


@transaction.atomic
def report_refer(*, actor: Any, report: Report, organisation: Organisation, reason: str) -> Report:
    """Refer onward. To another UPTD PPA this is a hand-over: the report joins that queue."""
    _ensure_decidable(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan rujukan.")})
    if organisation.pk == report.organisation_id:
        raise ValidationError({"organisation": _("Pilih organisasi lain.")})
    old_org = report.organisation_id
    report.referred_to = organisation
    report.closure_reason = reason.strip()
    if organisation.type == OrgType.UPTD_PPA:
        before = report.status
        report.organisation = organisation
        report.status = Status.BARU
        report.flag_pusat = False
        _mark_action(report)
        _set_due(report)
        report.save()
        _event(report, "handed_over", actor, from_status=before, to_status=Status.BARU, organisation_id=organisation.pk)
    else:
        _decide(report, actor, Status.DIRUJUK, "referred", organisation_id=organisation.pk)
    audit.record(
        "intake.refer", actor=actor, obj=report, organisation_id=old_org, fields=["closure_reason"],
        extra={"to_organisation_id": organisation.pk},
    )
    return report


@transaction.atomic
def report_close(*, actor: Any, report: Report, reason: str) -> Report:
    _ensure_decidable(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penutupan wajib diisi.")})
    report.closure_reason = reason.strip()
    _decide(report, actor, Status.DITUTUP, "closed")
    audit.record("intake.close", actor=actor, obj=report, organisation_id=report.organisation_id, fields=["closure_reason"])
    return report


@transaction.atomic
def report_merge(*, actor: Any, report: Report, into: Report) -> Report:
    """Merge a duplicate into another report of the same organisation."""
    _ensure_decidable(actor, report)
    access.check(actor, "view", into)
    if into.pk == report.pk:
        raise ValidationError({"into": _("Pengaduan tidak dapat digabung dengan dirinya sendiri.")})
    while into.merged_into_id is not None:
        into = into.merged_into  # type: ignore[assignment]
    if into.pk == report.pk:
        raise ValidationError({"into": _("Pengaduan tidak dapat digabung dengan dirinya sendiri.")})
    report.merged_into = into
    _decide(report, actor, Status.DUPLIKAT, "merged", into=into.pk)
    _event(into, "merged_from", actor, from_report=report.pk)
    audit.record("intake.merge", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"into": into.pk})
    return report
