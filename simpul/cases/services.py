"""Every write on case files. Each service takes the acting user (``actor``), checks access,
validates, runs in one transaction, writes a timeline event (``CaseEvent``) and an audit row
(ids and field names only)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit.services import record
from simpul.cases.models import (
    Case,
    CaseCounter,
    CaseEvent,
    CaseReport,
    Channel,
    JenisKasus,
    Kewenangan,
    Risk,
    Stage,
)
from simpul.regions.models import Region


def _event(case: Case, actor: Any, kind: str, **data: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor if getattr(actor, "pk", None) else None, kind=kind, data=data)


def _today() -> dt.date:
    return timezone.localdate()


# --- Numbering -------------------------------------------------------------------------


def _number_prefix(organisation: Any) -> str:
    return organisation.region_id or "00"


def next_case_number(organisation: Any, year: int) -> tuple[int, str]:
    """Take the next number of ``organisation`` in ``year``. Must run inside the creating
    transaction: the counter row stays locked until it commits, so numbers are gapless
    (a rolled-back creation gives its number back) and never given twice."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_case_number must run inside a transaction")
    counter = CaseCounter.objects.select_for_update().filter(organisation=organisation, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                CaseCounter.objects.create(organisation=organisation, year=year, last=0)
        except IntegrityError:
            pass  # created concurrently; lock it below
        counter = CaseCounter.objects.select_for_update().get(organisation=organisation, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{_number_prefix(organisation)}/{year}/{counter.last:04d}"


# --- Opening ---------------------------------------------------------------------------


def _validate_choice(value: str, choices: Any, field: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Pilihan tidak valid.")})


def _create_case(
    *,
    actor: Any,
    organisation: Any,
    region: Region | str,
    jenis_kasus: str,
    risk: str,
    kewenangan: str = Kewenangan.KAB_KOTA,
    reported_at: dt.date | None = None,
    channel: str = Channel.LANGSUNG,
    summary: str | None = None,
    source_report_uid: uuid.UUID | None = None,
) -> Case:
    _validate_choice(jenis_kasus, JenisKasus, "jenis_kasus")
    _validate_choice(risk, Risk, "risk")
    _validate_choice(kewenangan, Kewenangan, "kewenangan")
    _validate_choice(channel, Channel, "channel")
    region_code = region.code if isinstance(region, Region) else str(region or "")
    if not region_code or region_code.count(".") < 1 or not Region.objects.filter(code=region_code).exists():
        raise ValidationError({"region": _("Pilih wilayah kejadian sampai kabupaten/kota atau lebih rinci.")})
    reported_at = reported_at or _today()
    if reported_at > _today():
        raise ValidationError({"reported_at": _("Tanggal lapor tidak boleh di masa depan.")})
    year = reported_at.year
    seq, number = next_case_number(organisation, year)
    case = Case(
        number=number,
        year=year,
        seq=seq,
        organisation=organisation,
        region_id=region_code,
        jenis_kasus=jenis_kasus,
        risk=risk,
        kewenangan=kewenangan,
        channel=channel,
        reported_at=reported_at,
        summary=summary or None,
        source_report_uid=source_report_uid,
        stage=Stage.IDENTIFIKASI,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    case.save()
    if source_report_uid is not None:
        CaseReport.objects.create(case=case, report_uid=source_report_uid)
    _event(case, actor, "case.open", number=number, report=str(source_report_uid) if source_report_uid else None)
    record(
        "case.open",
        actor=actor,
        obj=case,
        organisation_id=organisation.pk,
        fields=["region", "jenis_kasus", "risk", "kewenangan", "reported_at"] + (["summary"] if summary else []),
        extra={"number": number, "report": str(source_report_uid) if source_report_uid else ""},
    )
    return case


@transaction.atomic
def case_open(
    *,
    actor: Any,
    organisation: Any,
    region: Region | str,
    jenis_kasus: str,
    risk: str,
    kewenangan: str = Kewenangan.KAB_KOTA,
    reported_at: dt.date | None = None,
    channel: str = Channel.LANGSUNG,
    summary: str | None = None,
) -> Case:
    """Open a case directly (outreach, referral received): kepala or manajer_kasus."""
    access.check(actor, "case.open_direct", organisation.pk)
    return _create_case(
        actor=actor,
        organisation=organisation,
        region=region,
        jenis_kasus=jenis_kasus,
        risk=risk,
        kewenangan=kewenangan,
        reported_at=reported_at,
        channel=channel,
        summary=summary,
    )


def _report_attr(report: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        value = getattr(report, name, None)
        if value not in (None, ""):
            return value
    return default


def _report_date(report: Any) -> dt.date:
    value = _report_attr(report, "reported_at", "received_at", "created_at")
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    return _today()


@transaction.atomic
def case_open_from_report(*, actor: Any, report: Any) -> Case:
    """Create the case of an accepted intake report: copies organisation, region, jenis kasus,
    risk, kewenangan and channel; links the report by uid. The intake module calls this and
    may then add parties with :func:`case_party_add`. Opening the same report twice returns
    the existing case."""
    organisation = _report_attr(report, "organisation")
    if organisation is None:
        raise ValidationError(_("Laporan tidak memiliki organisasi penerima."))
    access.check(actor, "case.open", organisation.pk)
    report_uid = _report_attr(report, "uid")
    if report_uid is not None:
        existing = Case.objects.filter(organisation=organisation, source_report_uid=report_uid).first()
        if existing is not None:
            return existing
    region = _report_attr(report, "incident_region_id", "region_id", "incident_region", "region")
    if isinstance(region, Region):
        region = region.code
    jenis = _report_attr(report, "jenis_kasus", "case_type", default=JenisKasus.LAINNYA)
    risk = _report_attr(report, "risk", "risiko", default=Risk.SEDANG)
    kewenangan = _report_attr(report, "kewenangan", default=Kewenangan.KAB_KOTA)
    channel = _report_attr(report, "channel", "kanal", default=Channel.LANGSUNG)
    if channel not in Channel.values:
        channel = Channel.LAINNYA
    if jenis not in JenisKasus.values:
        jenis = JenisKasus.LAINNYA
    if region is None:
        region = organisation.region_id
    return _create_case(
        actor=actor,
        organisation=organisation,
        region=region,
        jenis_kasus=jenis,
        risk=risk,
        kewenangan=kewenangan,
        reported_at=_report_date(report),
        channel=channel,
        source_report_uid=report_uid,
    )


@transaction.atomic
def case_attach_report(*, actor: Any, report: Any, case: Case) -> Case:
    """Link a further intake report (e.g. a second complaint about the same events) to a case."""
    access.check(actor, "edit", case)
    report_uid = _report_attr(report, "uid")
    if report_uid is None:
        raise ValidationError(_("Laporan tidak dikenal."))
    if case.source_report_uid is None:
        case.source_report_uid = report_uid
        case.save(update_fields=["source_report_uid", "updated_at"])
    CaseReport.objects.get_or_create(case=case, report_uid=report_uid)
    _event(case, actor, "case.report_attached", report=str(report_uid))
    record("case.attach_report", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"report": str(report_uid)})
    return case
