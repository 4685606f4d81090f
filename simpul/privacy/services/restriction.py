"""Restriction of processing at the subject's request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy.models import (
    Purpose,
    Restriction,
    SubjectRequest,
)
from simpul.privacy.services._common import _now, _user


def is_restricted(person: Person | int, purpose: str | None = None, *, at: dt.datetime | None = None) -> bool:
    """Whether the data subject restricted processing for ``purpose`` (any purpose when None)."""
    person_id = person if isinstance(person, int) else person.pk
    qs = Restriction.objects.filter(person_id=person_id, lifted_at__isnull=True)
    if at is not None:
        qs = qs.filter(set_at__lte=at)
    for purposes in qs.values_list("purposes", flat=True):
        if not purposes or purpose is None or purpose in purposes:
            return True
    return False


def restriction_set(*, actor: Any, person: Person, organisation: Any, purposes: Iterable[str], request: SubjectRequest | None = None) -> Restriction:
    access.check(actor, "privacy.manage", organisation.pk)
    purposes = sorted(set(purposes))
    unknown = [p for p in purposes if p not in Purpose.values]
    if unknown:
        raise ValidationError({"purposes": [_("Tujuan tidak dikenal.")]})
    with transaction.atomic():
        r = Restriction.objects.create(
            person=person, organisation=organisation, purposes=purposes, request=request, set_at=_now(), set_by=_user(actor)
        )
        audit.record(
            "privacy.restrict", actor=actor, obj=r, organisation_id=organisation.pk, extra={"person_id": person.pk, "purposes": purposes}
        )
    return r


def restriction_lift(*, actor: Any, restriction: Restriction) -> Restriction:
    access.check(actor, "lift", restriction)
    if restriction.lifted_at is not None:
        raise ValidationError(_("Pembatasan ini sudah dicabut."))
    restriction.lifted_at = _now()
    with transaction.atomic():
        restriction.save(update_fields=["lifted_at"])
        audit.record("privacy.restrict_lift", actor=actor, obj=restriction, organisation_id=restriction.organisation_id, extra={"person_id": restriction.person_id})
    return restriction
