"""Person lookups for the search providers: ids of persons matching a NIK, a phone number or a
name, through the blind indexes only (nothing is decrypted to search)."""

from __future__ import annotations

from django.db.models import Count

from simpul.crypto.blind import blind_index, name_token_indexes
from simpul.people.models import Person, PersonNameToken

LIMIT = 200


def person_ids(*, nik: str = "", phone: str = "", name: str = "") -> list[int]:
    """Exact NIK or phone; a name matches exactly (all words, any order) or when every word of the
    query is a word of the name (e.g. "siti aminah" finds "Siti Nur Aminah")."""
    ids: set[int] = set()
    if nik:
        ids |= set(Person.objects.filter(nik_bidx=blind_index("nik", nik)).values_list("pk", flat=True)[:LIMIT])
    if phone:
        ids |= set(Person.objects.filter(phone_bidx=blind_index("phone", phone)).values_list("pk", flat=True)[:LIMIT])
    if name:
        tokens = sorted(set(name_token_indexes(name)))
        if tokens:
            ids |= set(Person.objects.filter(name_bidx=blind_index("name", name)).values_list("pk", flat=True)[:LIMIT])
            ids |= set(
                PersonNameToken.objects.filter(token_bidx__in=tokens)
                .values("person_id").annotate(n=Count("token_bidx", distinct=True)).filter(n=len(tokens))
                .values_list("person_id", flat=True)[:LIMIT]
            )
    return sorted(ids)
