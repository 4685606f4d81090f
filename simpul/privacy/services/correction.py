"""Correction of a person's identifying data at the subject's request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.privacy.models import SubjectRequest
from simpul.privacy.services.requests import _require_open

CORRECTABLE_FIELDS = ("full_name", "nik", "phone", "email", "birth_date", "address_detail")


def person_correct(*, actor: Any, req: SubjectRequest, changes: dict[str, Any]) -> list[str]:
    """Correct identifying fields of the request's person; audited with field names only."""
    from simpul.people.services import person_save

    access.check(actor, "act", req)
    _require_open(req)
    person = req.person
    if person is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    changed = {k: v for k, v in changes.items() if k in CORRECTABLE_FIELDS and getattr(person, k) != v}
    if not changed:
        raise ValidationError(_("Tidak ada perubahan."))
    with transaction.atomic():
        person_save(person, **changed)
        audit.record(
            "privacy.correct",
            actor=actor,
            object_type="people.person",
            object_id=person.pk,
            organisation_id=req.organisation_id,
            fields=sorted(changed),
            extra={"request": str(req.uid)},
        )
    return sorted(changed)
