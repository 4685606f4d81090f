"""Opening a case (numbering, directly or from an intake report), editing its identification,
assigning the lead caseworker, timeline entries of other modules."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.roles import Role
from simpul.audit.services import record
from simpul.cases.models import (
    Case,
    CaseAssignment,
    CaseCounter,
    CaseNote,
    CaseParty,
    CaseReport,
    Channel,
    JenisKasus,
    Kewenangan,
    PartyRole,
    Risk,
    Stage,
)
from simpul.cases.rules import case_number
from simpul.cases.seams import ReportFacts
from simpul.cases.services.parties import _refresh_party_ages, recompute_flags
from simpul.cases.writes import StaleCase, _event, _today, _touch, _validate_choice
from simpul.people.models import Person
from simpul.people.services import person_save
from simpul.regions.models import Region

# --- Numbering -------------------------------------------------------------------------


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
    return counter.last, case_number(organisation.region_id, year, counter.last)


# --- Opening ---------------------------------------------------------------------------




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


@transaction.atomic
def case_open_from_report(*, actor: Any, facts: ReportFacts) -> Case:
    """Create the case of an accepted intake report from its typed facts (organisation, region,
    jenis kasus, risk, kewenangan, channel, people, story); links the report by uid. The intake
    module calls this. Opening the same report twice returns the existing case."""
    organisation = facts.organisation
    access.check(actor, "case.open", organisation.pk)
    existing = Case.objects.filter(organisation=organisation, source_report_uid=facts.uid).first()
    if existing is not None:
        return existing
    case = _create_case(
        actor=actor,
        organisation=organisation,
        region=facts.region_code or organisation.region_id or "",
        jenis_kasus=facts.jenis_kasus or JenisKasus.LAINNYA,
        risk=facts.risk or Risk.SEDANG,
        kewenangan=facts.kewenangan or Kewenangan.KAB_KOTA,
        reported_at=facts.received_on,
        channel=facts.channel or Channel.LAINNYA,
        source_report_uid=facts.uid,
    )
    _copy_report_people(case, facts)
    if facts.story:
        CaseNote.objects.create(case=case, author=None, text=_("Kronologi dari pengaduan: %(s)s") % {"s": facts.story})
    return case


def _copy_report_people(case: Case, facts: ReportFacts) -> None:
    """Victim and reporter of the intake report become parties (existing persons are reused)."""
    victim = facts.victim_person
    if victim is None and facts.victim_name:
        victim = person_save(
            Person(organisation=case.organisation),
            full_name=facts.victim_name,
            nik=facts.victim_nik or None,
            birth_date=facts.victim_birth_date,
            phone=facts.victim_phone or None,
        )
    if victim is not None:
        CaseParty.objects.get_or_create(
            case=case, person=victim, role=PartyRole.KORBAN, defaults={"ampk_category": facts.ampk_category or ""},
        )
    reporter = facts.reporter_person
    if reporter is not None and reporter != victim:
        CaseParty.objects.get_or_create(case=case, person=reporter, role=PartyRole.PELAPOR)
    _refresh_party_ages(case)
    recompute_flags(case)


@transaction.atomic
def case_attach_report(*, actor: Any, report_uid: uuid.UUID, case: Case) -> Case:
    """Link a further intake report (e.g. a second complaint about the same events) to a case."""
    access.check(actor, "edit", case)
    if case.source_report_uid is None:
        case.source_report_uid = report_uid
        case.save(update_fields=["source_report_uid", "updated_at"])
    CaseReport.objects.get_or_create(case=case, report_uid=report_uid)
    _event(case, actor, "case.report_attached", report=str(report_uid))
    record("case.attach_report", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"report": str(report_uid)})
    return case




EDITABLE_FIELDS = ("region", "jenis_kasus", "risk", "kewenangan", "channel", "reported_at", "summary")


@transaction.atomic
def case_update(*, actor: Any, case: Case, expected_version: int, **changes: Any) -> list[str]:
    """Edit the identification of a case. ``expected_version`` is the version the form was
    loaded with; if someone saved in between, :class:`StaleCase` is raised and nothing is written."""
    access.check(actor, "edit", case)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Kolom tidak dikenal."))
    for name, choices in (("jenis_kasus", JenisKasus), ("risk", Risk), ("kewenangan", Kewenangan), ("channel", Channel)):
        if name in changes:
            _validate_choice(changes[name], choices, name)
    if "reported_at" in changes and changes["reported_at"] > _today():
        raise ValidationError({"reported_at": _("Tanggal lapor tidak boleh di masa depan.")})
    changed: list[str] = []
    for name, value in changes.items():
        current = case.region_id if name == "region" else getattr(case, name)
        new = value.code if name == "region" and isinstance(value, Region) else value
        if (current or None) != (new or None):
            changed.append(name)
    if "region" in changes:
        code = changes["region"].code if isinstance(changes["region"], Region) else changes["region"]
        if not code or code.count(".") < 1 or not Region.objects.filter(code=code).exists():
            raise ValidationError({"region": _("Pilih wilayah kejadian sampai kabupaten/kota atau lebih rinci.")})
    if not changed:
        # Still refuse a stale form: the user must see what changed.
        if Case.objects.filter(pk=case.pk).values_list("version", flat=True).first() != expected_version:
            raise StaleCase(Case.objects.get(pk=case.pk), expected_version)
        return []
    # Re-read under lock, then compare-and-set.
    locked = Case.objects.select_for_update(no_key=True).get(pk=case.pk)
    if locked.version != expected_version:
        raise StaleCase(locked, expected_version)
    for name in changed:
        if name == "region":
            code = changes["region"].code if isinstance(changes["region"], Region) else changes["region"]
            locked.region_id = code
        else:
            setattr(locked, name, changes[name])
    locked.version = expected_version + 1
    locked.save()
    case.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    if "risk" in changed or "jenis_kasus" in changed:
        recompute_flags(locked)
    _event(locked, actor, "case.update", fields=sorted(changed))
    record("case.update", actor=actor, obj=locked, organisation_id=locked.organisation_id, fields=changed)
    return changed




# --- Assignment ---------------------------------------------------------------------------------


@transaction.atomic
def case_assign(*, actor: Any, case: Case, user: Any, reason: str = "") -> CaseAssignment:
    """Assign ``user`` (a pendamping/manajer of the case's organisation) as lead caseworker.
    The previous lead assignment is ended and kept (history)."""
    access.check(actor, "assign", case)
    from simpul.accounts.models import Membership

    if not Membership.objects.filter(
        user=user, organisation_id=case.organisation_id, role__in=[Role.PENDAMPING, Role.MANAJER_KASUS, Role.KEPALA], is_active=True
    ).exists():
        raise ValidationError({"user": _("Petugas harus pendamping atau manajer kasus di organisasi ini.")})
    now = timezone.now()
    current = case.assignments.filter(ended_at__isnull=True, is_lead=True).first()
    if current and current.user_id == user.pk:
        raise ValidationError({"user": _("Petugas ini sudah menjadi pendamping kasus.")})
    if current:
        current.ended_at = now
        current.end_reason = reason[:200]
        current.save(update_fields=["ended_at", "end_reason"])
    assignment = CaseAssignment.objects.create(case=case, user=user, assigned_by=actor, is_lead=True)
    _touch(case)
    _event(case, actor, "case.assign", user=user.pk, previous=current.user_id if current else None)
    record("case.assign", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"user": user.pk})
    return assignment




def attachment_added(*, actor: Any, case: Case, attachment_id: int) -> None:
    """Timeline entry for a file stored by the files module (which audits the upload itself)."""
    _event(case, actor, "attachment.add", attachment=attachment_id)
