"""Consent and legal basis (UU PDP Pasal 20): record, withdraw, check."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy.models import (
    Consent,
    ConsentHow,
    GivenBy,
    LegalBasis,
    Purpose,
    SubjectRequest,
)
from simpul.privacy.services._common import BASES_OVER_RESTRICTION, _now, _user
from simpul.privacy.services.ages import is_child
from simpul.privacy.services.restriction import is_restricted


@dataclass(frozen=True)
class ConsentAnswer:
    allowed: bool
    basis: str | None
    consent_id: int | None
    reason: str


def consent_record(
    *,
    actor: Any,
    person: Person,
    organisation: Any,
    purpose: str,
    basis: str,
    given_by: str = GivenBy.SELF,
    guardian_name: str | None = None,
    how: str = "",
    witness_name: str | None = None,
    given_at: dt.datetime | None = None,
    form_attachment_uid: uuid.UUID | str | None = None,
    note: str | None = None,
) -> Consent:
    """Record consent or another legal basis (UU PDP Pasal 20) for one purpose.

    A child (under 18) cannot consent on their own behalf: with the basis "consent" the
    consent must come from a parent or guardian (Pasal 25)."""
    access.check(actor, "privacy.consent_record", organisation.pk)
    given_at = given_at or _now()
    guardian_name = (guardian_name or "").strip() or None
    witness_name = (witness_name or "").strip() or None
    errors: dict[str, list[str]] = defaultdict(list)
    if purpose not in Purpose.values:
        errors["purpose"].append(_("Pilih tujuan pemrosesan."))
    if basis not in LegalBasis.values:
        errors["basis"].append(_("Pilih dasar hukum pemrosesan."))
    if given_by not in GivenBy.values:
        errors["given_by"].append(_("Pilih siapa yang memberikan persetujuan."))
    if how and how not in ConsentHow.values:
        errors["how"].append(_("Pilih cara persetujuan diberikan."))
    if given_at > _now() + dt.timedelta(minutes=5):
        errors["given_at"].append(_("Waktu persetujuan tidak boleh di masa depan."))
    if given_by in (GivenBy.PARENT, GivenBy.GUARDIAN) and not guardian_name:
        errors["guardian_name"].append(_("Isi nama orang tua atau wali yang memberikan persetujuan."))
    if basis == LegalBasis.CONSENT:
        if not how:
            errors["how"].append(_("Persetujuan harus tertulis, terekam, atau lisan dengan saksi: pilih caranya."))
        if how == ConsentHow.VERBAL_WITNESSED and not witness_name:
            errors["witness_name"].append(_("Persetujuan lisan memerlukan saksi: isi nama saksi."))
        if given_by == GivenBy.SELF and is_child(person, given_at.date()):
            errors["given_by"].append(
                _(
                    "Anak (di bawah 18 tahun) tidak dapat memberikan persetujuan sendiri: persetujuan "
                    "harus diberikan oleh orang tua atau wali (UU 27/2022 Pasal 25)."
                )
            )
    if errors:
        raise ValidationError(dict(errors))
    consent = Consent(
        person=person,
        organisation=organisation,
        purpose=purpose,
        basis=basis,
        given_by=given_by,
        guardian_name=guardian_name if given_by != GivenBy.SELF else None,
        how=how,
        witness_name=witness_name if how == ConsentHow.VERBAL_WITNESSED else None,
        given_at=given_at,
        form_attachment_uid=form_attachment_uid or None,
        note=(note or "").strip() or None,
        recorded_by=_user(actor),
    )
    with transaction.atomic():
        consent.save()
        audit.record(
            "privacy.consent_record",
            actor=actor,
            obj=consent,
            organisation_id=organisation.pk,
            fields=[f for f in ("guardian_name", "witness_name", "note") if getattr(consent, f)],
            extra={"person_id": person.pk, "purpose": purpose, "basis": basis, "given_by": given_by},
        )
    return consent


def consent_withdraw(*, actor: Any, consent: Consent, reason: str = "", at: dt.datetime | None = None, request: SubjectRequest | None = None) -> Consent:
    access.check(actor, "withdraw", consent)
    if consent.withdrawn_at is not None:
        raise ValidationError({"reason": [_("Persetujuan ini sudah ditarik.")]})
    consent.withdrawn_at = at or _now()
    consent.withdrawal_reason = (reason or "").strip() or None
    with transaction.atomic():
        consent.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        audit.record(
            "privacy.consent_withdraw",
            actor=actor,
            obj=consent,
            organisation_id=consent.organisation_id,
            fields=["withdrawal_reason"] if consent.withdrawal_reason else [],
            extra={"person_id": consent.person_id, "purpose": consent.purpose, "request": str(request.uid) if request else ""},
        )
    return consent


def consent_check(person: Person | int, purpose: str, *, at: dt.datetime | None = None) -> ConsentAnswer:
    """May we do ``purpose`` for ``person``? Answer with the legal basis it rests on.

    The newest active record (not withdrawn, given no later than ``at``) for that purpose
    decides; a restriction by the data subject blocks every basis except vital interest and
    legal obligation."""
    person_id = person if isinstance(person, int) else person.pk
    at = at or _now()
    records = list(
        Consent.objects.filter(person_id=person_id, purpose=purpose, given_at__lte=at)
        .order_by("-given_at", "-id")
        .only("id", "basis", "withdrawn_at", "given_at")
    )
    active = [c for c in records if c.withdrawn_at is None or c.withdrawn_at > at]
    if not active:
        if records:
            return ConsentAnswer(False, None, records[0].pk, _("Persetujuan untuk tujuan ini telah ditarik."))
        return ConsentAnswer(False, None, None, _("Belum ada persetujuan atau dasar hukum untuk tujuan ini."))
    if is_restricted(person_id, purpose, at=at):
        over = [c for c in active if c.basis in BASES_OVER_RESTRICTION]
        if not over:
            return ConsentAnswer(False, None, active[0].pk, _("Subjek data membatasi pemrosesan untuk tujuan ini."))
        active = over
    chosen = active[0]
    return ConsentAnswer(True, chosen.basis, chosen.pk, str(LegalBasis(chosen.basis).label))
