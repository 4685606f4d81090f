"""Legal holds: objects that retention and erasure must not touch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.models import LegalHold
from simpul.privacy.services._common import _now, _user


def legal_hold_set(*, actor: Any, object_type: str, object_id: Any, organisation: Any, reason: str, label: str = "") -> LegalHold:
    access.check(actor, "privacy.hold_set", organisation.pk)
    object_type, object_id, reason = (object_type or "").strip(), str(object_id or "").strip(), (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not object_type or "." not in object_type:
        errors["object_type"] = [_("Isi jenis objek, mis. cases.case.")]
    if not object_id:
        errors["object_id"] = [_("Isi id objek.")]
    if not reason:
        errors["reason"] = [_("Isi alasan penahanan hukum.")]
    if not errors and legal_hold_active(object_type, object_id):
        errors["object_id"] = [_("Objek ini sudah dalam penahanan hukum.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            object_type=object_type,
            object_id=object_id,
            label=(label or "").strip()[:64],
            organisation=organisation,
            reason=reason[:300],
            set_by=_user(actor),
            set_at=_now(),
        )
        audit.record("privacy.hold_set", actor=actor, obj=hold, organisation_id=organisation.pk, extra={"object_type": object_type, "object_id": object_id})
    return hold


def legal_hold_release(*, actor: Any, hold: LegalHold) -> LegalHold:
    access.check(actor, "release", hold)
    if hold.released_at is not None:
        raise ValidationError(_("Penahanan hukum ini sudah dilepas."))
    hold.released_at = _now()
    hold.released_by = _user(actor)
    with transaction.atomic():
        hold.save(update_fields=["released_at", "released_by"])
        audit.record("privacy.hold_release", actor=actor, obj=hold, organisation_id=hold.organisation_id, extra={"object_type": hold.object_type, "object_id": hold.object_id})
    return hold


def legal_hold_active(object_type: str, object_id: Any) -> bool:
    return LegalHold.objects.filter(object_type=object_type, object_id=str(object_id), released_at__isnull=True).exists()


def legal_holds_active(object_type: str, object_ids: Iterable[Any]) -> dict[str, LegalHold]:
    """Active holds by object id (as string) among ``object_ids`` (one query)."""
    ids = [str(i) for i in object_ids]
    return {h.object_id: h for h in LegalHold.objects.filter(object_type=object_type, object_id__in=ids, released_at__isnull=True)}


def holds_for(person: Person) -> list[str]:
    """Every hold any provider reports for ``person`` (labels such as case numbers)."""
    found: list[str] = []
    for provider in registry.providers():
        for label in provider.holds(person) or []:
            if label not in found:
                found.append(str(label))
    return found
