"""The providers for data that people and privacy hold themselves (registered in apps.ready)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.people.models import Person, PersonNameToken
from simpul.privacy.models import Consent, LegalHold, Restriction, SubjectRequest
from simpul.privacy.registry import ErasureResult, PersonDataProvider, Section

PERSON_CLEARED = ("nik", "phone", "email", "birth_date", "address_detail")
PERSON_INDEXES = ("nik_bidx", "phone_bidx", "email_bidx", "name_bidx", "name_birth_bidx")


def _fmt(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if hasattr(value, "strftime"):
        if hasattr(value, "hour"):
            return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
        return value.strftime("%d-%m-%Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe_person(person: Person) -> list[Section]:
    s = Section(_("Identitas dan data diri"))
    s.add(_("Nama lengkap"), _fmt(person.full_name))
    s.add(_("NIK"), _fmt(person.nik))
    s.add(_("Telepon"), _fmt(person.phone))
    s.add(_("Email"), _fmt(person.email))
    s.add(_("Tanggal lahir"), _fmt(person.birth_date))
    s.add(_("Tahun lahir"), _fmt(person.birth_year))
    s.add(_("Perkiraan usia"), _fmt(person.age_estimate))
    s.add(_("Jenis kelamin"), person.get_sex_display())
    s.add(_("Disabilitas"), _fmt(person.disabilities))
    s.add(_("Pendidikan"), person.get_education_display())
    s.add(_("Pekerjaan"), person.get_occupation_display())
    s.add(_("Status perkawinan"), person.get_marital_status_display())
    s.add(_("Kewarganegaraan"), person.nationality)
    s.add(_("Wilayah alamat"), _fmt(person.address_region_id and str(person.address_region)))
    s.add(_("Alamat (jalan, RT/RW)"), _fmt(person.address_detail))
    s.add(_("Dicatat pada"), _fmt(person.created_at))
    if person.pseudonymised_at:
        s.add(_("Dipseudonimkan pada"), _fmt(person.pseudonymised_at))
    return [s]


def erase_person(person: Person, actor: Any) -> ErasureResult:
    """Pseudonym instead of the name; other identifying fields, blind indexes and name tokens
    cleared; statistical attributes (sex, birth year, age, disability, region...) kept."""
    if person.birth_date and not person.birth_year:
        person.birth_year = person.birth_date.year
    person.full_name = f"Terhapus-{str(person.uid)[:8]}"
    for name in PERSON_CLEARED:
        setattr(person, name, None)
    for name in PERSON_INDEXES:
        setattr(person, name, "")
    person.pseudonymised_at = timezone.now()
    person.save()
    PersonNameToken.objects.filter(person=person).delete()
    return ErasureResult("people", 1, ["full_name", *PERSON_CLEARED])


def person_holds(person: Person) -> list[str]:
    return [
        h.label or _("orang #%(id)s") % {"id": person.pk}
        for h in LegalHold.objects.filter(object_type="people.person", object_id=str(person.pk), released_at__isnull=True)
    ]


def _persons_of_object(object_type: str, object_id: str) -> list[int]:
    if object_type == "people.person" and object_id.isdigit():
        return [int(object_id)]
    if object_type == "privacy.subjectrequest" and object_id.isdigit():
        return [p for p in SubjectRequest.objects.filter(pk=int(object_id)).values_list("person_id", flat=True) if p]
    if object_type == "privacy.consent" and object_id.isdigit():
        return list(Consent.objects.filter(pk=int(object_id)).values_list("person_id", flat=True))
    return []


PEOPLE = PersonDataProvider(
    name="people",
    describe=describe_person,
    erase=erase_person,
    holds=person_holds,
    persons_for_object=_persons_of_object,
    order=0,
)


def describe_privacy(person: Person) -> list[Section]:
    sections = []
    consents = list(Consent.objects.filter(person=person).order_by("given_at", "id"))
    if consents:
        s = Section(_("Persetujuan dan dasar hukum"))
        for c in consents:
            state = _("ditarik %(at)s") % {"at": _fmt(c.withdrawn_at)} if c.withdrawn_at else _("berlaku")
            s.add(c.get_purpose_display(), f"{c.get_basis_display()}; {c.get_given_by_display()}; {_fmt(c.given_at)}; {state}")
            if c.guardian_name:
                s.add(_("Nama orang tua/wali"), c.guardian_name)
            if c.witness_name:
                s.add(_("Nama saksi"), c.witness_name)
            if c.note:
                s.add(_("Catatan"), c.note)
            if c.withdrawal_reason:
                s.add(_("Alasan penarikan"), c.withdrawal_reason)
        sections.append(s)
    requests = list(SubjectRequest.objects.filter(person=person).order_by("received_at", "id"))
    if requests:
        s = Section(_("Permintaan subjek data"))
        for r in requests:
            s.add(r.get_kind_display(), f"{_fmt(r.received_at)}; {r.get_status_display()}")
        sections.append(s)
    restrictions = list(Restriction.objects.filter(person=person))
    if restrictions:
        s = Section(_("Pembatasan pemrosesan"))
        for x in restrictions:
            s.add(_fmt(x.set_at), (_("dicabut %(at)s") % {"at": _fmt(x.lifted_at)}) if x.lifted_at else (_fmt(x.purposes) if x.purposes else _("semua tujuan")))
        sections.append(s)
    return sections


def erase_privacy(person: Person, actor: Any) -> ErasureResult:
    """Names of guardians/witnesses and free-text notes about the person go; the facts
    (which basis, when, withdrawn or not) stay as proof of lawful processing."""
    count = 0
    for c in Consent.objects.filter(person=person):
        if c.guardian_name or c.witness_name or c.note or c.withdrawal_reason:
            c.guardian_name = c.witness_name = c.note = c.withdrawal_reason = None
            c.save(update_fields=["guardian_name", "witness_name", "note", "withdrawal_reason"])
            count += 1
    for r in SubjectRequest.objects.filter(person=person):
        if r.notes:
            r.notes = None
            r.save(update_fields=["notes"])
            count += 1
    return ErasureResult("privacy", count, ["guardian_name", "witness_name", "note", "withdrawal_reason", "notes"])


PRIVACY = PersonDataProvider(
    name="privacy",
    describe=describe_privacy,
    erase=erase_privacy,
    holds=lambda person: [],
    order=1,
)
