"""Writes of persons: keep blind indexes in step with the encrypted values.

Access to a person is decided by the case or report the person belongs to: callers
(intake/cases services) check access on that object before calling these helpers.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from simpul.crypto.blind import blind_index, name_token_indexes, name_tokens
from simpul.people.models import Person, PersonNameToken

IDENTIFYING_FIELDS = ("full_name", "nik", "phone", "email", "birth_date", "address_detail")


def refresh_indexes(person: Person) -> None:
    """Recompute blind indexes from the (plaintext) attributes on ``person``; call before save."""
    person.nik_bidx = blind_index("nik", person.nik)
    person.phone_bidx = blind_index("phone", person.phone)
    person.email_bidx = blind_index("email", person.email)
    person.name_bidx = blind_index("name", person.full_name)
    if person.full_name and person.birth_date:
        person.name_birth_bidx = blind_index("name", f"{person.full_name} {person.birth_date.isoformat()}")
    else:
        person.name_birth_bidx = ""
    if person.birth_date:
        person.birth_year = person.birth_date.year


@transaction.atomic
def person_save(person: Person, **changes: Any) -> Person:
    """Apply ``changes``, refresh blind indexes and name tokens, save."""
    for key, value in changes.items():
        setattr(person, key, value)
    refresh_indexes(person)
    person.save()
    PersonNameToken.objects.filter(person=person).delete()
    PersonNameToken.objects.bulk_create(
        [PersonNameToken(person=person, token_bidx=t) for t in name_token_indexes(person.full_name or "")]
    )
    return person


def initials(full_name: str | None) -> str:
    """Masked identity for lists: initials only (e.g. "S. N. A.")."""
    # Words that start with a letter or digit: "(demo)", "-" or "&" give no initial (never "(.").
    firsts = [t[0] for t in (full_name or "").split() if t[0].isalnum()]
    return " ".join(f"{c.upper()}." for c in firsts[:3]) or "—"


def find_candidates(*, nik: str | None = None, phone: str | None = None, full_name: str | None = None, birth_date: Any = None) -> dict[str, list[int]]:
    """Person ids matching exactly by NIK, phone, or name + birth date (blind indexes only)."""
    found: dict[str, list[int]] = {}
    if nik:
        found["nik"] = list(Person.objects.filter(nik_bidx=blind_index("nik", nik)).values_list("pk", flat=True))
    if phone:
        found["phone"] = list(Person.objects.filter(phone_bidx=blind_index("phone", phone)).values_list("pk", flat=True))
    if full_name and birth_date:
        key = blind_index("name", f"{full_name} {birth_date.isoformat()}")
        found["name_birth"] = list(Person.objects.filter(name_birth_bidx=key).values_list("pk", flat=True))
    elif full_name and name_tokens(full_name):
        found["name"] = list(Person.objects.filter(name_bidx=blind_index("name", full_name)).values_list("pk", flat=True))
    return {k: v for k, v in found.items() if v}
