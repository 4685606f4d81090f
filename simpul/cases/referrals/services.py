"""Referrals (rujukan): sending, the partner's response, actions, completion, cancellation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import OrgType
from simpul.audit.services import record
from simpul.cases.models import (
    OPEN_REFERRAL_STATUSES,
    Case,
    ConsentBasis,
    PartyRole,
    Referral,
    ReferralAction,
    ReferralStatus,
    ServiceType,
    SharedSet,
)
from simpul.cases.referrals.selectors import consent_allows
from simpul.cases.writes import _event, _today, _touch, _validate_choice

# --- Referral (rujukan) ------------------------------------------------------------------------

REFERRABLE_ORG_TYPES = {
    OrgType.POLISI,
    OrgType.RUMAH_SAKIT,
    OrgType.PUSKESMAS,
    OrgType.LBH,
    OrgType.PSIKOLOG,
    OrgType.DINAS_SOSIAL,
    OrgType.KEJAKSAAN,
    OrgType.RUMAH_AMAN,
    OrgType.UPTD_PPA,
    OrgType.PUSPAGA,
    OrgType.PENGADILAN,
}


def referral_targets(case: Case) -> Any:
    """Organisations a case may be referred to: active partners of the case's kabupaten (or
    province/national jurisdiction), and the provincial UPTD PPA."""
    from django.db.models import Q

    from simpul.accounts.models import Organisation

    kab = case.kabupaten_code
    prov = case.province_code
    return (
        Organisation.objects.filter(is_active=True, type__in=REFERRABLE_ORG_TYPES)
        .exclude(pk=case.organisation_id)
        .filter(Q(region__code__startswith=kab) | Q(region_id=prov) | Q(region__isnull=True))
        .order_by("type", "name")
    )


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    case: Case,
    to_org: Any,
    service_type: str,
    shared_sets: list[str],
    reason: str,
    due_date: dt.date,
    override_basis: str = "",
    override_reason: str = "",
) -> Referral:
    """Refer the case. Consent of every victim is checked through the privacy core; without it
    an override basis and a written reason are required, and the referral is flagged."""
    access.check(actor, "refer", case)
    errors: dict[str, list[str]] = {}
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup."))
    if not referral_targets(case).filter(pk=to_org.pk).exists():
        errors["to_org"] = [_("Organisasi ini bukan mitra rujukan untuk wilayah kasus.")]
    _validate_choice(service_type, ServiceType, "service_type")
    if not shared_sets or any(s not in SharedSet.values for s in shared_sets):
        errors["shared_sets"] = [_("Pilih data yang dibagikan.")]
    if due_date < _today():
        errors["due_date"] = [_("Tenggat tidak boleh di masa lalu.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Isian ini wajib diisi.")]
    victims = [p.person for p in case.parties.select_related("person").filter(role=PartyRole.KORBAN)]
    consented = bool(victims) and all(consent_allows(v, "referral") for v in victims)
    basis: str = ConsentBasis.CONSENT
    if not consented:
        if override_basis not in {ConsentBasis.VITAL_INTEREST, ConsentBasis.LEGAL_OBLIGATION, ConsentBasis.PUBLIC_TASK}:
            errors["override_basis"] = [_("Tidak ada persetujuan tercatat: pilih dasar pemrosesan lain.")]
        if not (override_reason or "").strip():
            errors["override_reason"] = [_("Tuliskan mengapa rujukan dilakukan tanpa persetujuan.")]
        basis = override_basis
    if errors:
        raise ValidationError(errors)
    is_escalation = to_org.type == OrgType.UPTD_PPA
    ref = Referral.objects.create(
        case=case,
        from_org=case.organisation,
        to_org=to_org,
        service_type=service_type,
        is_escalation=is_escalation,
        shared_sets=[s for s in SharedSet.values if s in shared_sets],
        reason=reason,
        consent_basis=basis,
        override_reason=(override_reason or None) if not consented else None,
        without_consent=not consented,
        due_date=due_date,
        created_by=actor,
    )
    _touch(case)
    _event(case, actor, "referral.create", referral=ref.pk, to_org=to_org.pk, without_consent=not consented, shared=ref.shared_sets)
    record(
        "referral.create",
        actor=actor,
        obj=ref,
        organisation_id=case.organisation_id,
        fields=ref.shared_sets,
        extra={"case": case.pk, "to_org": to_org.pk, "without_consent": not consented, "basis": basis},
    )
    if not consented:
        record("referral.consent_override", actor=actor, obj=ref, organisation_id=case.organisation_id, fields=["override_reason"], extra={"case": case.pk, "basis": basis})
    return ref


@transaction.atomic
def referral_respond(*, actor: Any, referral: Referral, accept: bool, reason: str = "") -> Referral:
    """The receiving partner accepts or declines (a decline needs a reason)."""
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Rujukan ini sudah ditanggapi."))
    if not accept and not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan menolak rujukan.")})
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    referral.response_reason = reason or None
    referral.save()
    _event(referral.case, actor, "referral.accept" if accept else "referral.decline", referral=referral.pk, org=referral.to_org_id)
    record("referral.accept" if accept else "referral.decline", actor=actor, obj=referral, organisation_id=referral.to_org_id, extra={"case": referral.case_id})
    return referral


@transaction.atomic
def referral_action_add(*, actor: Any, referral: Referral, text: str, date: dt.date | None = None) -> ReferralAction:
    referral = Referral.objects.select_related("case").get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Tindakan dicatat setelah rujukan diterima."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    date = date or _today()
    if date > _today():
        raise ValidationError({"date": _("Tanggal tidak boleh di masa depan.")})
    a = ReferralAction.objects.create(referral=referral, text=text, date=date, author=actor)
    _event(referral.case, actor, "referral.action", referral=referral.pk)
    record("referral.action", actor=actor, obj=referral, organisation_id=referral.to_org_id, fields=["text"])
    return a


@transaction.atomic
def referral_complete(*, actor: Any, referral: Referral, outcome: str) -> Referral:
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "respond", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Hanya rujukan yang diterima dapat diselesaikan."))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Tuliskan hasil layanan.")})
    referral.status = ReferralStatus.COMPLETED
    referral.completed_at = timezone.now()
    referral.outcome = outcome
    referral.save()
    _event(referral.case, actor, "referral.complete", referral=referral.pk)
    record("referral.complete", actor=actor, obj=referral, organisation_id=referral.to_org_id, fields=["outcome"])
    return referral


@transaction.atomic
def referral_cancel(*, actor: Any, referral: Referral, reason: str) -> Referral:
    referral = Referral.objects.select_for_update(no_key=True).get(pk=referral.pk)
    access.check(actor, "cancel", referral)
    if referral.status not in OPEN_REFERRAL_STATUSES:
        raise ValidationError(_("Rujukan ini sudah selesai."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan.")})
    referral.status = ReferralStatus.CANCELLED
    referral.response_reason = reason
    referral.save()
    _event(referral.case, actor, "referral.cancel", referral=referral.pk)
    record("referral.cancel", actor=actor, obj=referral, organisation_id=referral.from_org_id, fields=["reason"])
    return referral
