"""The breach register (UU PDP Pasal 46: notice within 3x24 hours)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.privacy.models import (
    Breach,
    BreachStatus,
)
from simpul.privacy.services._common import _now, _user


def breach_record(
    *,
    actor: Any,
    organisation: Any,
    description: str,
    discovered_at: dt.datetime | None = None,
    suspected_start: dt.datetime | None = None,
    suspected_end: dt.datetime | None = None,
    suspect_user: Any = None,
    steps_taken: str | None = None,
) -> Breach:
    access.check(actor, "privacy.breach_record", organisation.pk)
    discovered_at = discovered_at or _now()
    errors: dict[str, list[str]] = {}
    if not (description or "").strip():
        errors["description"] = [_("Uraikan apa yang terjadi.")]
    if discovered_at > _now() + dt.timedelta(minutes=5):
        errors["discovered_at"] = [_("Waktu ditemukan tidak boleh di masa depan.")]
    if suspected_start and suspected_end and suspected_end < suspected_start:
        errors["suspected_end"] = [_("Perkiraan akhir harus sesudah perkiraan mulai.")]
    if errors:
        raise ValidationError(errors)
    breach = Breach(
        organisation=organisation,
        discovered_at=discovered_at,
        reported_by=_user(actor),
        description=description.strip(),
        suspected_start=suspected_start,
        suspected_end=suspected_end,
        suspect_user=suspect_user,
        steps_taken=(steps_taken or "").strip() or None,
    )
    with transaction.atomic():
        breach.save()
        audit.record("privacy.breach_record", actor=actor, obj=breach, organisation_id=organisation.pk, fields=["description"] + (["steps_taken"] if breach.steps_taken else []))
    return breach


BREACH_UPDATABLE = ("status", "steps_taken", "notified_subjects_at", "notified_authority_at", "suspected_start", "suspected_end", "suspect_user")


def breach_update(*, actor: Any, breach: Breach, **changes: Any) -> Breach:
    access.check(actor, "edit", breach)
    unknown = set(changes) - set(BREACH_UPDATABLE)
    if unknown:
        raise ValueError(f"not updatable: {sorted(unknown)}")
    if "status" in changes and changes["status"] not in BreachStatus.values:
        raise ValidationError({"status": [_("Status tidak dikenal.")]})
    start = changes.get("suspected_start", breach.suspected_start)
    end = changes.get("suspected_end", breach.suspected_end)
    if start and end and end < start:
        raise ValidationError({"suspected_end": [_("Perkiraan akhir harus sesudah perkiraan mulai.")]})
    changed = [k for k, v in changes.items() if getattr(breach, k) != v]
    for key in changed:
        setattr(breach, key, changes[key])
    if changed:
        with transaction.atomic():
            breach.save()
            audit.record("privacy.breach_update", actor=actor, obj=breach, organisation_id=breach.organisation_id, fields=changed)
    return breach


def breach_deadline(breach: Breach) -> dt.datetime:
    """UU PDP Pasal 46: written notice within 3x24 hours."""
    return breach.discovered_at + dt.timedelta(hours=72)
