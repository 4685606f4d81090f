"""Parties (victims, perpetrators, reporters, guardians), incidents, relationships and the
flags derived from them."""

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
    AmpkCategory,
    Case,
    CaseParty,
    DatePrecision,
    Form,
    Incident,
    IncidentForm,
    PartyRole,
    Place,
    Relation,
    RelationDetail,
    Relationship,
    TppoAct,
    TppoMeans,
    TppoPurpose,
)
from simpul.cases.rules import compute_flags, is_domestic, is_intimate  # noqa: F401 - re-exported
from simpul.cases.writes import _event, _today, _touch, _validate_choice
from simpul.people.models import Person
from simpul.people.nik import check_nik
from simpul.people.services import person_save
from simpul.regions.models import Region

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
