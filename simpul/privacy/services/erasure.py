"""Erasure: every registered provider erases or pseudonymises the person's data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.models import SubjectRequest
from simpul.privacy.services.holds import holds_for
from simpul.privacy.services.requests import _require_open, request_complete


def pseudonym(person: Person) -> str:
    return f"Terhapus-{str(person.uid)[:8]}"


def _erase(person: Person, actor: Any) -> list[registry.ErasureResult]:
    held = holds_for(person)
    if held:
        raise ValidationError(
            _("Penghapusan diblokir: data orang ini berada dalam penahanan hukum (%(holds)s).") % {"holds": ", ".join(held)}
        )
    results = []
    for provider in registry.providers():
        result = provider.erase(person, actor)
        result.provider = result.provider or provider.name
        results.append(result)
    return results


def person_erase(*, actor: Any, person: Person, req: SubjectRequest | None = None, reason: str = "request") -> list[registry.ErasureResult]:
    """Pseudonymise/remove the person's identifying data in every module, in one transaction.
    Blocked (ValidationError naming the holds) while any legal hold applies."""
    if req is not None:
        access.check(actor, "act", req)
        _require_open(req)
        if req.person_id != person.pk:
            raise ValidationError(_("Orang ini bukan subjek permintaan."))
    else:
        access.check(actor, "privacy.manage", person.organisation_id)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        results = _erase(person, actor)
        audit.record(
            "privacy.erase",
            actor=actor,
            object_type="people.person",
            object_id=person.pk,
            organisation_id=req.organisation_id if req else person.organisation_id,
            fields=sorted({f for r in results for f in r.fields}),
            extra={
                "providers": [r.provider for r in results],
                "records": {r.provider: r.records for r in results},
                "reason": reason,
                "request": str(req.uid) if req else "",
            },
        )
        if req is not None:
            req.refresh_from_db()  # providers may have changed it (notes erased)
            request_complete(actor=actor, req=req)
    return results
