"""Data-subject requests: intake, identification, the 3x24-hour clock, completion, refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy.models import (
    Consent,
    LegalBasis,
    Purpose,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from simpul.privacy.services._common import _now, _user
from simpul.privacy.services.consent import consent_withdraw


def request_due(kind: str, received_at: dt.datetime) -> dt.datetime:
    """3x24 hours for restriction and withdrawal of consent (UU PDP); for other kinds the
    organisation's own standard ``SIMPUL_DSR_DEFAULT_DAYS`` (14 days unless configured).
    ``SIMPUL_DSR_DUE_HOURS`` ({kind: hours}) overrides any kind."""
    hours: dict[str, int] = {"restriction": 72, "withdrawal": 72}
    hours.update(getattr(settings, "SIMPUL_DSR_DUE_HOURS", {}) or {})
    if kind in hours:
        return received_at + dt.timedelta(hours=int(hours[kind]))
    return received_at + dt.timedelta(days=int(getattr(settings, "SIMPUL_DSR_DEFAULT_DAYS", 14)))


def request_create(
    *,
    actor: Any,
    organisation: Any,
    kind: str,
    received_at: dt.datetime | None = None,
    requester_relation: str = "self",
    notes: str | None = None,
    purposes: Iterable[str] = (),
    person: Person | None = None,
) -> SubjectRequest:
    access.check(actor, "privacy.request_receive", organisation.pk)
    received_at = received_at or _now()
    errors: dict[str, list[str]] = {}
    if kind not in RequestKind.values:
        errors["kind"] = [_("Pilih jenis permintaan.")]
    if received_at > _now() + dt.timedelta(minutes=5):
        errors["received_at"] = [_("Waktu diterima tidak boleh di masa depan.")]
    purposes = sorted(set(purposes))
    if any(p not in Purpose.values for p in purposes):
        errors["purposes"] = [_("Tujuan tidak dikenal.")]
    if errors:
        raise ValidationError(errors)
    req = SubjectRequest(
        organisation=organisation,
        kind=kind,
        person=person,
        received_at=received_at,
        due_at=request_due(kind, received_at),
        requester_relation=requester_relation,
        notes=(notes or "").strip() or None,
        purposes=purposes,
        received_by=_user(actor),
    )
    with transaction.atomic():
        req.save()
        audit.record(
            "privacy.request_create",
            actor=actor,
            obj=req,
            organisation_id=organisation.pk,
            fields=["notes"] if req.notes else [],
            extra={"kind": kind, "person_id": person.pk if person else None},
        )
    return req


def _require_open(req: SubjectRequest) -> None:
    if not req.is_open:
        raise ValidationError(_("Permintaan ini sudah selesai atau ditolak."))


def request_identify(*, actor: Any, req: SubjectRequest, person: Person) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    from simpul.privacy.selectors import persons_visible

    if not persons_visible(actor).filter(pk=person.pk).exists():
        raise access.AccessDenied()
    req.person = person
    if req.status == RequestStatus.RECEIVED:
        req.status = RequestStatus.IN_PROGRESS
        req.handled_by = _user(actor)
    with transaction.atomic():
        req.save(update_fields=["person", "status", "handled_by"])
        audit.record("privacy.request_identify", actor=actor, obj=req, organisation_id=req.organisation_id, extra={"person_id": person.pk})
    return req


def request_start(*, actor: Any, req: SubjectRequest) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    req.status = RequestStatus.IN_PROGRESS
    req.handled_by = _user(actor)
    with transaction.atomic():
        req.save(update_fields=["status", "handled_by"])
        audit.record("privacy.request_start", actor=actor, obj=req, organisation_id=req.organisation_id)
    return req


def request_complete(*, actor: Any, req: SubjectRequest, note: str = "") -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    req.status = RequestStatus.COMPLETED
    req.completed_at = _now()
    req.handled_by = req.handled_by or _user(actor)
    update = ["status", "completed_at", "handled_by"]
    if note.strip():
        req.notes = "\n".join(x for x in (req.notes, note.strip()) if x)
        update.append("notes")
    with transaction.atomic():
        req.save(update_fields=update)
        audit.record(
            "privacy.request_complete",
            actor=actor,
            obj=req,
            organisation_id=req.organisation_id,
            fields=["notes"] if note.strip() else [],
            extra={"kind": req.kind, "late": req.completed_at > req.due_at},
        )
    return req


def request_refuse(*, actor: Any, req: SubjectRequest, reason: str) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Penolakan wajib disertai alasan.")]})
    req.status = RequestStatus.REFUSED
    req.refusal_reason = reason[:500]
    req.completed_at = _now()
    req.handled_by = req.handled_by or _user(actor)
    with transaction.atomic():
        req.save(update_fields=["status", "refusal_reason", "completed_at", "handled_by"])
        audit.record("privacy.request_refuse", actor=actor, obj=req, organisation_id=req.organisation_id, fields=["refusal_reason"])
    return req


def request_withdraw_consents(*, actor: Any, req: SubjectRequest, purposes: Iterable[str], reason: str = "") -> int:
    """Carry out a withdrawal request: withdraw every active consent of the person for ``purposes``."""
    access.check(actor, "act", req)
    _require_open(req)
    if req.person_id is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    purposes = [p for p in purposes if p in Purpose.values]
    if not purposes:
        raise ValidationError({"purposes": [_("Pilih minimal satu tujuan.")]})
    count = 0
    with transaction.atomic():
        for consent in Consent.objects.filter(person_id=req.person_id, purpose__in=purposes, withdrawn_at__isnull=True, basis=LegalBasis.CONSENT):
            consent_withdraw(actor=actor, consent=consent, reason=reason, request=req)
            count += 1
        req.purposes = sorted(set(req.purposes) | set(purposes))
        req.save(update_fields=["purposes"])
    return count
