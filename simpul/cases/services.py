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
from simpul.access.core import AccessDenied
from simpul.access.roles import Role
from simpul.accounts.models import OrgType
from simpul.audit.services import record
from simpul.cases.models import (
    OPEN_REFERRAL_STATUSES,
    TPKS_FORMS,
    AbhRole,
    AmpkCategory,
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Assessment,
    Case,
    CaseAssignment,
    CaseCounter,
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseReport,
    CaseTask,
    Channel,
    ConsentBasis,
    DatePrecision,
    DiversionStatus,
    Form,
    Incident,
    IncidentForm,
    JenisKasus,
    Kewenangan,
    LegalProcess,
    LegalStage,
    PartyRole,
    Place,
    Referral,
    ReferralAction,
    ReferralStatus,
    Relation,
    RelationDetail,
    Relationship,
    Risk,
    ServiceDelivery,
    ServiceOutcome,
    ServiceType,
    SharedSet,
    Stage,
    Status,
    TaskStatus,
    TppoAct,
    TppoMeans,
    TppoPurpose,
)
from simpul.people.models import Person
from simpul.people.nik import check_nik
from simpul.people.services import person_save
from simpul.regions.models import Region


def _event(case: Case, actor: Any, event_kind: str, **data: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor if getattr(actor, "pk", None) else None, kind=event_kind, data=data)


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
    if risk not in Risk.values:
        risk = Risk.SEDANG
    if kewenangan not in Kewenangan.values:
        kewenangan = Kewenangan.KAB_KOTA
    if region is None:
        region = organisation.region_id
    case = _create_case(
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
    _copy_report_people(case, report)
    story = _report_attr(report, "story")
    if story:
        CaseNote.objects.create(case=case, author=None, text=_("Kronologi dari pengaduan: %(s)s") % {"s": story})
    return case


def _copy_report_people(case: Case, report: Any) -> None:
    """Victim and reporter of the intake report become parties (existing persons are reused)."""
    victim = _report_attr(report, "victim_person")
    if victim is None and _report_attr(report, "victim_name"):
        victim = person_save(
            Person(organisation=case.organisation),
            full_name=report.victim_name,
            nik=_report_attr(report, "victim_nik"),
            birth_date=_report_attr(report, "victim_birth_date"),
            phone=_report_attr(report, "victim_phone"),
        )
    if victim is not None:
        CaseParty.objects.get_or_create(
            case=case, person=victim, role=PartyRole.KORBAN,
            defaults={"ampk_category": _report_attr(report, "ampk_category", default="") or ""},
        )
    reporter = _report_attr(report, "reporter_person")
    if reporter is not None and reporter != victim:
        CaseParty.objects.get_or_create(case=case, person=reporter, role=PartyRole.PELAPOR)
    _refresh_party_ages(case)
    recompute_flags(case)


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


# --- Optimistic locking ------------------------------------------------------------------


class StaleCase(Exception):
    """The case changed since the form was loaded (``expected`` version) and the save was refused."""

    def __init__(self, case: Case, expected: int) -> None:
        super().__init__(_("Kasus ini sudah diubah orang lain sejak Anda membukanya."))
        self.case = case
        self.expected = expected


def _bump(case: Case, expected_version: int | None = None, fields: list[str] | None = None) -> None:
    """Write ``fields`` of ``case`` and raise its version in one UPDATE. With
    ``expected_version`` the write happens only if the row still carries that version
    (compare-and-set); otherwise :class:`StaleCase` is raised and nothing is written."""
    from django.db.models import F

    values = {f: getattr(case, f) for f in fields or []}
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if not qs.update(version=F("version") + 1, updated_at=timezone.now(), **values):
        raise StaleCase(Case.objects.get(pk=case.pk), expected_version or case.version)
    case.version = Case.objects.filter(pk=case.pk).values_list("version", flat=True).get()


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


def _touch(case: Case) -> None:
    """Any change to a case's content raises its version (so open edit forms notice)."""
    from django.db.models import F

    Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
    case.version += 1


# --- Parties ---------------------------------------------------------------------------


def age_on(person: Any, on: dt.date | None) -> int | None:
    """Age in whole years on ``on`` from the birth date, else the birth year, else the estimate."""
    if on is None:
        on = _today()
    if person.birth_date:
        b = person.birth_date
        if b > on:  # born after the incident (a typo in one of the dates): the age is unknown, not negative
            return None
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))
    if person.age_estimate is not None:
        ref = person.age_estimated_on or on
        return max(0, person.age_estimate + (on.year - ref.year))
    if person.birth_year:
        return max(0, on.year - person.birth_year)
    return None


def _first_incident_date(case: Case) -> dt.date | None:
    return case.incidents.exclude(date__isnull=True).order_by("date").values_list("date", flat=True).first()


def _refresh_party_ages(case: Case) -> None:
    on = _first_incident_date(case) or case.reported_at
    for party in case.parties.select_related("person").filter(role=PartyRole.KORBAN):
        age = age_on(party.person, on)
        is_child = age is not None and age < 18
        if party.age_at_incident != age or party.is_child != is_child:
            party.age_at_incident = age
            party.is_child = is_child
            party.save(update_fields=["age_at_incident", "is_child"])


PERSON_FIELDS = (
    "full_name",
    "nik",
    "phone",
    "birth_date",
    "age_estimate",
    "sex",
    "disabilities",
    "education",
    "occupation",
    "marital_status",
    "nationality",
    "address_region",
    "address_detail",
)


def nik_warnings(nik: str | None, *, birth_date: dt.date | None, sex: str | None) -> tuple[list[str], list[str]]:
    """(errors, warnings) of a NIK against the form. Mismatches are warnings: the NIK is kept
    as typed, never corrected."""
    if not nik:
        return [], []
    result = check_nik(nik, birth_date=birth_date, sex=sex)
    return result.errors, result.warnings


@transaction.atomic
def case_party_add(
    *,
    actor: Any,
    case: Case,
    role: str,
    person: Person | None = None,
    ampk_category: str = "",
    abh_role: str = "",
    unknown: bool = False,
    **person_fields: Any,
) -> tuple[CaseParty, list[str]]:
    """Add a party. Either an existing ``person`` (a person can be in several cases and roles)
    or new person fields. Returns the party and the NIK warnings to show."""
    access.check(actor, "add_party", case)
    _validate_choice(role, PartyRole, "role")
    if ampk_category and ampk_category not in AmpkCategory.values:
        raise ValidationError({"ampk_category": _("Pilihan tidak valid.")})
    if abh_role and abh_role not in AbhRole.values:
        raise ValidationError({"abh_role": _("Pilihan tidak valid.")})
    extra = set(person_fields) - set(PERSON_FIELDS)
    if extra:
        raise ValidationError(_("Kolom tidak dikenal."))
    warnings: list[str] = []
    if person is None:
        nik = (person_fields.get("nik") or "").strip() or None
        person_fields["nik"] = nik
        errors, warnings = nik_warnings(nik, birth_date=person_fields.get("birth_date"), sex=person_fields.get("sex"))
        if errors:
            raise ValidationError({"nik": errors})
        if person_fields.get("age_estimate") is not None:
            person_fields["age_estimated_on"] = _today()
        if not person_fields.get("full_name") and not (role == PartyRole.PELAKU and unknown):
            raise ValidationError({"full_name": _("Nama wajib diisi (atau tandai pelaku tidak diketahui).")})
        person = person_save(Person(organisation=case.organisation), **{k: v for k, v in person_fields.items() if v is not None})
    if CaseParty.objects.filter(case=case, person=person, role=role).exists():
        raise ValidationError(_("Orang ini sudah tercatat dengan peran yang sama pada kasus ini."))
    if abh_role == AbhRole.BERKONFLIK and role != PartyRole.PELAKU:
        raise ValidationError({"abh_role": _("Anak berkonflik dengan hukum dicatat sebagai pelaku.")})
    party = CaseParty.objects.create(case=case, person=person, role=role, ampk_category=ampk_category, abh_role=abh_role, unknown=unknown)
    _refresh_party_ages(case)
    if abh_role == AbhRole.BERKONFLIK:
        age = age_on(person, _first_incident_date(case) or case.reported_at)
        if age is not None and not (12 <= age < 18):
            warnings.append(_("Anak berkonflik dengan hukum berusia 12 sampai di bawah 18 tahun saat kejadian."))
    recompute_flags(case)
    _touch(case)
    _event(case, actor, "party.add", role=role, party=party.pk)
    record("case.party_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=[k for k, v in person_fields.items() if v], extra={"role": role, "party": party.pk})
    return party, warnings


@transaction.atomic
def case_party_update(*, actor: Any, party: CaseParty, **person_fields: Any) -> list[str]:
    """Correct a party's person fields; returns NIK warnings."""
    case = party.case
    access.check(actor, "add_party", case)
    extra = set(person_fields) - set(PERSON_FIELDS)
    if extra:
        raise ValidationError(_("Kolom tidak dikenal."))
    person = party.person
    nik = (person_fields.get("nik") or "").strip() or None
    person_fields["nik"] = nik
    errors, warnings = nik_warnings(nik, birth_date=person_fields.get("birth_date", person.birth_date), sex=person_fields.get("sex", person.sex))
    if errors:
        raise ValidationError({"nik": errors})
    changed = [k for k, v in person_fields.items() if getattr(person, k) != v]
    person_save(person, **person_fields)
    _refresh_party_ages(case)
    recompute_flags(case)
    _touch(case)
    _event(case, actor, "party.update", party=party.pk, fields=sorted(changed))
    record("case.party_update", actor=actor, obj=case, organisation_id=case.organisation_id, fields=changed, extra={"party": party.pk})
    return warnings


# --- Incidents and derived flags ---------------------------------------------------------


@transaction.atomic
def incident_add(
    *,
    actor: Any,
    case: Case,
    date: dt.date | None,
    date_precision: str = DatePrecision.DAY,
    place: str = Place.LAINNYA,
    region: str | None = None,
    chronology: str | None = None,
    forms: list[str] | tuple[str, ...] = (),
    relationships: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
    tppo_acts: list[str] | tuple[str, ...] = (),
    tppo_means: list[str] | tuple[str, ...] = (),
    tppo_purposes: list[str] | tuple[str, ...] = (),
    tppo_destination: str = "",
) -> Incident:
    """Record an incident with its forms of violence and the relationship of each perpetrator
    to each victim (``relationships``: dicts with victim, perpetrator (CaseParty or id),
    relation, detail, same_household)."""
    access.check(actor, "add_incident", case)
    _validate_choice(date_precision, DatePrecision, "date_precision")
    _validate_choice(place, Place, "place")
    errors: dict[str, list[str]] = {}
    if date and date > _today():
        errors["date"] = [_("Tanggal kejadian tidak boleh di masa depan.")]
    if date is None and date_precision != DatePrecision.UNKNOWN:
        errors["date"] = [_("Isi tanggal (boleh perkiraan) atau pilih 'tidak diketahui'.")]
    if not forms:
        errors["forms"] = [_("Pilih minimal satu bentuk kekerasan.")]
    if any(f not in Form.values for f in forms):
        errors["forms"] = [_("Pilihan tidak valid.")]
    for values, choices, name in ((tppo_acts, TppoAct, "tppo_acts"), (tppo_means, TppoMeans, "tppo_means"), (tppo_purposes, TppoPurpose, "tppo_purposes")):
        if any(v not in choices.values for v in values):
            errors[name] = [_("Pilihan tidak valid.")]
    if region and not Region.objects.filter(code=region).exists():
        errors["region"] = [_("Wilayah tidak dikenal.")]
    if errors:
        raise ValidationError(errors)
    incident = Incident.objects.create(
        case=case,
        date=date,
        date_precision=date_precision,
        place=place,
        region_id=region or None,
        chronology=chronology or None,
        tppo_acts=list(tppo_acts),
        tppo_means=list(tppo_means),
        tppo_purposes=list(tppo_purposes),
        tppo_destination=tppo_destination,
    )
    IncidentForm.objects.bulk_create([IncidentForm(incident=incident, case=case, form=f) for f in dict.fromkeys(forms)])
    for rel in relationships:
        relationship_set(actor=actor, incident=incident, **rel, _checked=True)
    _refresh_party_ages(case)
    recompute_flags(case)
    _touch(case)
    _event(case, actor, "incident.add", incident=incident.pk, forms=sorted(set(forms)))
    record("case.incident_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["date", "place", "forms"] + (["chronology"] if chronology else []), extra={"incident": incident.pk})
    return incident


def relationship_set(
    *,
    actor: Any,
    incident: Incident,
    victim: CaseParty | int,
    perpetrator: CaseParty | int,
    relation: str,
    detail: str = "",
    same_household: bool = False,
    _checked: bool = False,
) -> Relationship:
    case = incident.case
    if not _checked:
        access.check(actor, "add_incident", case)
    _validate_choice(relation, Relation, "relation")
    if detail and detail not in RelationDetail.values:
        raise ValidationError({"detail": _("Pilihan tidak valid.")})
    v = victim if isinstance(victim, CaseParty) else CaseParty.objects.get(pk=victim, case=case)
    p = perpetrator if isinstance(perpetrator, CaseParty) else CaseParty.objects.get(pk=perpetrator, case=case)
    if v.case_id != case.pk or p.case_id != case.pk or v.role != PartyRole.KORBAN or p.role != PartyRole.PELAKU:
        raise ValidationError(_("Hubungan harus antara korban dan pelaku pada kasus ini."))
    rel, _created = Relationship.objects.update_or_create(
        incident=incident, victim=v, perpetrator=p, defaults={"relation": relation, "detail": detail, "same_household": same_household}
    )
    if not _checked:
        recompute_flags(case)
        _touch(case)
        _event(case, actor, "relationship.set", incident=incident.pk, relation=relation)
    return rel


def is_intimate(relation: str, detail: str) -> bool:
    return relation == Relation.SUAMI_ISTRI or detail in {RelationDetail.PACAR, RelationDetail.MANTAN_PACAR, RelationDetail.MANTAN_SUAMI_ISTRI}


def is_domestic(relation: str, detail: str, same_household: bool) -> bool:
    """UU 23/2004 Pasal 2: spouses and children (parent-child) always; relatives and household
    workers when they live in the household. A former spouse is outside the scope."""
    if detail == RelationDetail.MANTAN_SUAMI_ISTRI:
        return False
    if relation in {Relation.SUAMI_ISTRI, Relation.ORANG_TUA}:
        return True
    return same_household and relation in {Relation.KELUARGA, Relation.MAJIKAN, Relation.LAINNYA}


def compute_flags(
    *, jenis_kasus: str, victims: list[tuple[int | None, bool]], forms: set[str], relations: list[tuple[str, str, bool, bool]]
) -> dict[str, bool]:
    """Pure: ``victims`` = (age, is_child); ``relations`` = (relation, detail, same_household, victim_is_child)."""
    child_victim = any(is_child for _age, is_child in victims)
    sexual = Form.SEKSUAL in forms or bool(forms & TPKS_FORMS)
    return {
        "flag_child_sexual_abuse": child_victim and sexual,
        "flag_intimate_partner": any(is_intimate(r, d) for r, d, _h, _c in relations),
        "flag_pkdrt": any(is_domestic(r, d, h) for r, d, h, _c in relations),
        "flag_child_marriage": child_victim and (jenis_kasus == JenisKasus.PERKAWINAN_ANAK or Form.TPKS_1_5 in forms),
    }


def recompute_flags(case: Case) -> dict[str, bool]:
    victims = [(p.age_at_incident, p.is_child) for p in case.parties.filter(role=PartyRole.KORBAN)]
    forms = set(IncidentForm.objects.filter(case=case).values_list("form", flat=True))
    relations = [
        (r.relation, r.detail, r.same_household, r.victim.is_child)
        for r in Relationship.objects.filter(incident__case=case).select_related("victim")
    ]
    flags = compute_flags(jenis_kasus=case.jenis_kasus, victims=victims, forms=forms, relations=relations)
    if any(getattr(case, k) != v for k, v in flags.items()):
        Case.objects.filter(pk=case.pk).update(**flags)
        for k, v in flags.items():
            setattr(case, k, v)
    return flags


# --- Stages, approvals, reopen ------------------------------------------------------------

# Allowed forward moves; going back one stage is allowed too (e.g. re-assess).
_NEXT: dict[str, set[str]] = {
    Stage.PENGADUAN: {Stage.IDENTIFIKASI},
    Stage.IDENTIFIKASI: {Stage.ASESMEN},
    Stage.ASESMEN: {Stage.RENCANA_INTERVENSI},
    Stage.RENCANA_INTERVENSI: set(),  # only through an approved plan
    Stage.PELAKSANAAN: {Stage.PEMANTAUAN},
    Stage.PEMANTAUAN: {Stage.PELAKSANAAN},
    Stage.TERMINASI: set(),  # only through an approved termination
}


def open_referrals(case: Case) -> int:
    return case.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).count()


@transaction.atomic
def case_move(*, actor: Any, case: Case, to: str, expected_version: int | None = None) -> Case:
    access.check(actor, "move", case)
    _validate_choice(to, Stage, "stage")
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup; buka kembali dahulu."))
    if to not in _NEXT.get(case.stage, set()):
        if to == Stage.PELAKSANAAN and case.stage == Stage.RENCANA_INTERVENSI:
            raise ValidationError(_("Rencana intervensi harus disetujui kepala atau manajer kasus."))
        if to == Stage.TERMINASI:
            raise ValidationError(_("Terminasi harus diajukan dan disetujui kepala atau manajer kasus."))
        raise ValidationError(_("Perpindahan tahap dari %(a)s ke %(b)s tidak diizinkan.") % {"a": Stage(case.stage).label, "b": Stage(to).label})
    if to == Stage.RENCANA_INTERVENSI and not case.assessments.exists():
        raise ValidationError(_("Isi asesmen sebelum menyusun rencana intervensi."))
    old = case.stage
    case.stage = to
    _bump(case, expected_version, ["stage"])
    _event(case, actor, "stage.move", **{"from": old, "to": to})
    record("case.move", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"from": old, "to": to})
    return case


@transaction.atomic
def approval_request(
    *, actor: Any, case: Case, kind: str, content: str, open_referrals_reason: str = ""
) -> Approval:
    """Ask for approval of the intervention plan or the termination."""
    access.check(actor, "plan" if kind == ApprovalKind.PLAN else "move", case)
    _validate_choice(kind, ApprovalKind, "kind")
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup."))
    if not (content or "").strip():
        raise ValidationError({"content": _("Isian ini wajib diisi.")})
    if case.approvals.filter(kind=kind, status=ApprovalStatus.REQUESTED).exists():
        raise ValidationError(_("Sudah ada permintaan persetujuan yang menunggu."))
    if kind == ApprovalKind.PLAN and case.stage != Stage.RENCANA_INTERVENSI:
        raise ValidationError(_("Rencana intervensi diajukan pada tahap rencana intervensi."))
    if kind == ApprovalKind.TERMINATION:
        if case.stage not in {Stage.PELAKSANAAN, Stage.PEMANTAUAN}:
            raise ValidationError(_("Terminasi diajukan setelah pelaksanaan intervensi."))
        if open_referrals(case) and not (open_referrals_reason or "").strip():
            raise ValidationError({"open_referrals_reason": _("Masih ada rujukan terbuka: tuliskan alasan terminasi tetap dilakukan.")})
    approval = Approval.objects.create(
        case=case, kind=kind, requested_by=actor, content=content, open_referrals_reason=open_referrals_reason or None
    )
    _touch(case)
    _event(case, actor, "approval.request", kind=kind, approval=approval.pk)
    record("case.approval_request", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["content"], extra={"kind": kind, "approval": approval.pk})
    return approval


@transaction.atomic
def approval_decide(*, actor: Any, approval: Approval, approve: bool, note: str = "") -> Approval:
    """Approve or reject. The requester cannot approve their own request."""
    approval = Approval.objects.select_for_update(no_key=True, of=("self",)).select_related("case").get(pk=approval.pk)
    case = approval.case
    if not access.can(actor, "view", case):
        from django.http import Http404

        raise Http404()
    if approval.requested_by_id == getattr(actor, "pk", None):
        raise AccessDenied(_("Persetujuan tidak boleh oleh pengaju sendiri."))
    access.check(actor, "decide", approval)
    if approval.status != ApprovalStatus.REQUESTED:
        raise ValidationError(_("Permintaan ini sudah diputuskan."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    approval.decision_note = note or None
    approval.save()
    case = Case.objects.select_for_update(no_key=True).get(pk=case.pk)
    if approve:
        old = case.stage
        if approval.kind == ApprovalKind.PLAN:
            case.stage = Stage.PELAKSANAAN
            _bump(case, None, ["stage"])
        else:
            if open_referrals(case) and not approval.open_referrals_reason:
                raise ValidationError(_("Masih ada rujukan terbuka tanpa alasan tertulis."))
            case.stage = Stage.TERMINASI
            case.status = Status.CLOSED
            case.closed_at = timezone.now()
            _bump(case, None, ["stage", "status", "closed_at"])
        _event(case, actor, "stage.move", **{"from": old, "to": case.stage, "approval": approval.pk})
    else:
        _touch(case)
    _event(case, actor, "approval.decide", kind=approval.kind, approved=approve, approval=approval.pk)
    record("case.approval_decide", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"kind": approval.kind, "approved": approve, "approval": approval.pk})
    return approval


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, reason: str) -> Case:
    access.check(actor, "reopen", case)
    if case.is_open:
        raise ValidationError(_("Kasus masih terbuka."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan membuka kembali.")})
    case.status = Status.OPEN
    case.closed_at = None
    case.stage = Stage.ASESMEN
    _bump(case, None, ["status", "closed_at", "stage"])
    note = CaseNote.objects.create(case=case, author=actor, text=_("Dibuka kembali: %(r)s") % {"r": reason})
    _event(case, actor, "case.reopen", note=note.pk)
    record("case.reopen", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["reason"])
    return case


# --- Assessment, legal process ---------------------------------------------------------------


ASSESSMENT_FIELDS = ("fisik", "psikologis", "sosial", "ekonomi", "pendidikan", "safety_plan")


@transaction.atomic
def assessment_add(*, actor: Any, case: Case, risk: str, informed_consent: bool = False, **texts: Any) -> Assessment:
    access.check(actor, "assess", case)
    _validate_choice(risk, Risk, "risk")
    if set(texts) - set(ASSESSMENT_FIELDS):
        raise ValidationError(_("Kolom tidak dikenal."))
    if not any((texts.get(f) or "").strip() for f in ASSESSMENT_FIELDS[:5]):
        raise ValidationError(_("Isi minimal satu aspek asesmen (fisik, psikologis, sosial, ekonomi, pendidikan)."))
    a = Assessment.objects.create(case=case, risk=risk, informed_consent=informed_consent, author=actor, **{k: (v or None) for k, v in texts.items()})
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


# --- Notes, tasks ------------------------------------------------------------------------------


@transaction.atomic
def note_add(*, actor: Any, case: Case, text: str) -> CaseNote:
    access.check(actor, "note", case)
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    note = CaseNote.objects.create(case=case, text=text, author=actor)
    _event(case, actor, "note.add", note=note.pk)
    record("case.note_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["text"], extra={"note": note.pk})
    return note


@transaction.atomic
def note_correct(*, actor: Any, note: CaseNote, text: str) -> CaseNote:
    """A correction is a new note; the previous version is kept (``replaces``)."""
    case = note.case
    access.check(actor, "note", case)
    if not note.is_current:
        raise ValidationError(_("Catatan ini sudah dikoreksi; koreksi versi terbaru."))
    if note.author_id != getattr(actor, "pk", None) and not access.can(actor, "approve", case):
        raise AccessDenied(_("Hanya penulis atau manajer kasus yang dapat mengoreksi catatan."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    CaseNote.objects.filter(pk=note.pk).update(is_current=False)
    new = CaseNote.objects.create(case=case, text=text, author=actor, replaces=note)
    _event(case, actor, "note.correct", note=new.pk, replaces=note.pk)
    record("case.note_correct", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["text"], extra={"note": new.pk, "replaces": note.pk})
    return new


@transaction.atomic
def task_add(*, actor: Any, case: Case, title: str, due_date: dt.date, assignee: Any = None) -> CaseTask:
    access.check(actor, "task", case)
    if not (title or "").strip():
        raise ValidationError({"title": _("Isian ini wajib diisi.")})
    if assignee is not None and not access.can(assignee, "view", case):
        raise ValidationError({"assignee": _("Petugas ini tidak menangani kasus ini.")})
    task = CaseTask.objects.create(case=case, title=title, due_date=due_date, assignee=assignee or actor, created_by=actor)
    _event(case, actor, "task.add", task=task.pk, due=due_date.isoformat())
    record("case.task_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["title", "due_date"], extra={"task": task.pk})
    return task


@transaction.atomic
def task_done(*, actor: Any, task: CaseTask) -> CaseTask:
    access.check(actor, "task", task.case)
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("Tugas ini sudah ditutup."))
    task.status = TaskStatus.DONE
    task.done_at = timezone.now()
    task.save(update_fields=["status", "done_at"])
    _event(task.case, actor, "task.done", task=task.pk)
    record("case.task_done", actor=actor, obj=task.case, organisation_id=task.case.organisation_id, extra={"task": task.pk})
    return task


def send_task_reminders(*, today: dt.date | None = None) -> int:
    """E-mail each assignee a reminder of open tasks due today or overdue (once a day per task).
    The mail names no person: only the case number and a link."""
    from django.core.mail import send_mail

    today = today or _today()
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    due = (
        CaseTask.objects.filter(status=TaskStatus.OPEN, due_date__lte=today, assignee__isnull=False)
        .exclude(reminded_at__gte=start_of_day)
        .select_related("case", "assignee")
    )
    by_user: dict[int, list[CaseTask]] = {}
    for t in due:
        by_user.setdefault(t.assignee_id, []).append(t)  # type: ignore[arg-type]
    sent = 0
    for tasks in by_user.values():
        user = tasks[0].assignee
        if not user or not user.email or not user.is_active:
            continue
        lines = [
            _("%(n)s: tugas jatuh tempo %(d)s") % {"n": t.case.number, "d": t.due_date.strftime("%d-%m-%Y")} for t in tasks
        ]
        send_mail(
            _("Simpul: %(c)s tugas kasus jatuh tempo") % {"c": len(tasks)},
            "\n".join([*lines, "", _("Buka Simpul untuk melihat rinciannya.")]),
            None,
            [user.email],
        )
        CaseTask.objects.filter(pk__in=[t.pk for t in tasks]).update(reminded_at=timezone.now())
        sent += 1
    return sent


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


# --- Services delivered -------------------------------------------------------------------------


@transaction.atomic
def service_add(
    *,
    actor: Any,
    case: Case,
    service_type: str,
    start_date: dt.date,
    provider: Any = None,
    provider_name: str = "",
    end_date: dt.date | None = None,
    outcome: str = ServiceOutcome.BERJALAN,
    notes: str | None = None,
    victim: CaseParty | None = None,
    referral: Referral | None = None,
) -> ServiceDelivery:
    """Record a service. The partner of an accepted referral may record the service it gave."""
    if referral is not None:
        referral = Referral.objects.select_related("to_org").get(pk=referral.pk)
        if referral.case_id != case.pk or not access.can(actor, "respond", referral) or referral.status != ReferralStatus.ACCEPTED:
            raise AccessDenied()
        provider = referral.to_org
    else:
        access.check(actor, "service", case)
    _validate_choice(service_type, ServiceType, "service_type")
    _validate_choice(outcome, ServiceOutcome, "outcome")
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("Tanggal selesai sebelum tanggal mulai.")})
    if start_date > _today():
        raise ValidationError({"start_date": _("Tanggal tidak boleh di masa depan.")})
    if victim is not None and (victim.case_id != case.pk or victim.role != PartyRole.KORBAN):
        raise ValidationError({"victim": _("Pilih korban pada kasus ini.")})
    s = ServiceDelivery.objects.create(
        case=case,
        victim=victim,
        service_type=service_type,
        provider=provider,
        provider_name=provider_name,
        start_date=start_date,
        end_date=end_date,
        outcome=outcome,
        notes=notes or None,
        referral=referral,
        created_by=actor,
    )
    _touch(case)
    _event(case, actor, "service.add", service=s.pk, type=service_type, provider=provider.pk if provider else None)
    record("case.service_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["service_type"] + (["notes"] if notes else []), extra={"service": s.pk})
    return s


# --- Referral (rujukan) ------------------------------------------------------------------------

REFERRABLE_ORG_TYPES = {
    OrgType.POLISI,
    OrgType.RUMAH_SAKIT,
    OrgType.PUSKESMAS,
    OrgType.LBH,
    OrgType.PSIKOLOG,
    OrgType.DINAS_SOSIAL,
    OrgType.KEJAKSAAN,
    OrgType.RUMAH_AMAN,
    OrgType.UPTD_PPA,
    OrgType.PUSPAGA,
    OrgType.PENGADILAN,
}


def _consent_allows(person: Any, purpose: str) -> bool:
    """Ask the privacy core whether ``person`` consented to ``purpose``. While the privacy
    module lacks ``consent_check``, no consent is on record (safe default)."""
    try:
        from simpul.privacy import services as privacy_services
    except ImportError:
        return False
    check = getattr(privacy_services, "consent_check", None)
    if check is None:
        return False
    result = check(person, purpose)
    return bool(getattr(result, "allowed", result))


def referral_targets(case: Case) -> Any:
    """Organisations a case may be referred to: active partners of the case's kabupaten (or
    province/national jurisdiction), and the provincial UPTD PPA."""
    from django.db.models import Q

    from simpul.accounts.models import Organisation

    kab = case.kabupaten_code
    prov = case.province_code
    return (
        Organisation.objects.filter(is_active=True, type__in=REFERRABLE_ORG_TYPES)
        .exclude(pk=case.organisation_id)
        .filter(Q(region__code__startswith=kab) | Q(region_id=prov) | Q(region__isnull=True))
        .order_by("type", "name")
    )


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    case: Case,
    to_org: Any,
    service_type: str,
    shared_sets: list[str],
    reason: str,
    due_date: dt.date,
    override_basis: str = "",
    override_reason: str = "",
) -> Referral:
    """Refer the case. Consent of every victim is checked through the privacy core; without it
    an override basis and a written reason are required, and the referral is flagged."""
    access.check(actor, "refer", case)
    errors: dict[str, list[str]] = {}
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup."))
    if not referral_targets(case).filter(pk=to_org.pk).exists():
        errors["to_org"] = [_("Organisasi ini bukan mitra rujukan untuk wilayah kasus.")]
    _validate_choice(service_type, ServiceType, "service_type")
    if not shared_sets or any(s not in SharedSet.values for s in shared_sets):
        errors["shared_sets"] = [_("Pilih data yang dibagikan.")]
    if due_date < _today():
        errors["due_date"] = [_("Tenggat tidak boleh di masa lalu.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Isian ini wajib diisi.")]
    victims = [p.person for p in case.parties.select_related("person").filter(role=PartyRole.KORBAN)]
    consented = bool(victims) and all(_consent_allows(v, "referral") for v in victims)
    basis: str = ConsentBasis.CONSENT
    if not consented:
        if override_basis not in {ConsentBasis.VITAL_INTEREST, ConsentBasis.LEGAL_OBLIGATION, ConsentBasis.PUBLIC_TASK}:
            errors["override_basis"] = [_("Tidak ada persetujuan tercatat: pilih dasar pemrosesan lain.")]
        if not (override_reason or "").strip():
            errors["override_reason"] = [_("Tuliskan mengapa rujukan dilakukan tanpa persetujuan.")]
        basis = override_basis
    if errors:
        raise ValidationError(errors)
    is_escalation = to_org.type == OrgType.UPTD_PPA
    ref = Referral.objects.create(
        case=case,
        from_org=case.organisation,
        to_org=to_org,
        service_type=service_type,
        is_escalation=is_escalation,
        shared_sets=[s for s in SharedSet.values if s in shared_sets],
        reason=reason,
        consent_basis=basis,
        override_reason=(override_reason or None) if not consented else None,
        without_consent=not consented,
        due_date=due_date,
        created_by=actor,
    )
    _touch(case)
    _event(case, actor, "referral.create", referral=ref.pk, to_org=to_org.pk, without_consent=not consented, shared=ref.shared_sets)
    record(
        "referral.create",
        actor=actor,
        obj=ref,
        organisation_id=case.organisation_id,
        fields=ref.shared_sets,
        extra={"case": case.pk, "to_org": to_org.pk, "without_consent": not consented, "basis": basis},
    )
    if not consented:
        record("referral.consent_override", actor=actor, obj=ref, organisation_id=case.organisation_id, fields=["override_reason"], extra={"case": case.pk, "basis": basis})
    return ref


@transaction.atomic
def referral_respond(*, actor: Any, referral: Referral, accept: bool, reason: str = "") -> Referral:
    """The receiving partner accepts or declines (a decline needs a reason)."""
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Rujukan ini sudah ditanggapi."))
    if not accept and not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan menolak rujukan.")})
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    referral.response_reason = reason or None
    referral.save()
    _event(referral.case, actor, "referral.accept" if accept else "referral.decline", referral=referral.pk, org=referral.to_org_id)
    record("referral.accept" if accept else "referral.decline", actor=actor, obj=referral, organisation_id=referral.to_org_id, extra={"case": referral.case_id})
    return referral


@transaction.atomic
def referral_action_add(*, actor: Any, referral: Referral, text: str, date: dt.date | None = None) -> ReferralAction:
    referral = Referral.objects.select_related("case").get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Tindakan dicatat setelah rujukan diterima."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    date = date or _today()
    if date > _today():
        raise ValidationError({"date": _("Tanggal tidak boleh di masa depan.")})
    a = ReferralAction.objects.create(referral=referral, text=text, date=date, author=actor)
    _event(referral.case, actor, "referral.action", referral=referral.pk)
    record("referral.action", actor=actor, obj=referral, organisation_id=referral.to_org_id, fields=["text"])
    return a


@transaction.atomic
def referral_complete(*, actor: Any, referral: Referral, outcome: str) -> Referral:
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Hanya rujukan yang diterima dapat diselesaikan."))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Tuliskan hasil layanan.")})
    referral.status = ReferralStatus.COMPLETED
    referral.completed_at = timezone.now()
    referral.outcome = outcome
    referral.save()
    _event(referral.case, actor, "referral.complete", referral=referral.pk)
    record("referral.complete", actor=actor, obj=referral, organisation_id=referral.to_org_id, fields=["outcome"])
    return referral


@transaction.atomic
def referral_cancel(*, actor: Any, referral: Referral, reason: str) -> Referral:
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "cancel", referral)
    if referral.status not in OPEN_REFERRAL_STATUSES:
        raise ValidationError(_("Rujukan ini sudah selesai."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan.")})
    referral.status = ReferralStatus.CANCELLED
    referral.response_reason = reason
    referral.save()
    _event(referral.case, actor, "referral.cancel", referral=referral.pk)
    record("referral.cancel", actor=actor, obj=referral, organisation_id=referral.from_org_id, fields=["reason"])
    return referral


def attachment_added(*, actor: Any, case: Case, attachment_id: int) -> None:
    """Timeline entry for a file stored by the files module (which audits the upload itself)."""
    _event(case, actor, "attachment.add", attachment=attachment_id)
