"""Services delivered to a victim (by the case team or the partner of an accepted referral)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.core import AccessDenied
from simpul.audit.services import record
from simpul.cases.models import (
    Case,
    CaseParty,
    PartyRole,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    ServiceOutcome,
    ServiceType,
)
from simpul.cases.writes import _event, _today, _touch, _validate_choice

# --- Services delivered -------------------------------------------------------------------------


@transaction.atomic
def service_add(
    *,
    actor: Any,
    case: Case,
    service_type: str,
    start_date: dt.date,
    provider: Any = None,
    provider_name: str = "",
    end_date: dt.date | None = None,
    outcome: str = ServiceOutcome.BERJALAN,
    notes: str | None = None,
    victim: CaseParty | None = None,
    referral: Referral | None = None,
) -> ServiceDelivery:
    """Record a service. The partner of an accepted referral may record the service it gave."""
    if referral is not None:
        referral = Referral.objects.select_related("to_org").get(pk=referral.pk)
        if referral.case_id != case.pk or not access.can(actor, "respond", referral) or referral.status != ReferralStatus.ACCEPTED:
            raise AccessDenied()
        provider = referral.to_org
    else:
        access.check(actor, "service", case)
    _validate_choice(service_type, ServiceType, "service_type")
    _validate_choice(outcome, ServiceOutcome, "outcome")
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("Tanggal selesai sebelum tanggal mulai.")})
    if start_date > _today():
        raise ValidationError({"start_date": _("Tanggal tidak boleh di masa depan.")})
    if victim is not None and (victim.case_id != case.pk or victim.role != PartyRole.KORBAN):
        raise ValidationError({"victim": _("Pilih korban pada kasus ini.")})
    s = ServiceDelivery.objects.create(
        case=case,
        victim=victim,
        service_type=service_type,
        provider=provider,
        provider_name=provider_name,
        start_date=start_date,
        end_date=end_date,
        outcome=outcome,
        notes=notes or None,
        referral=referral,
        created_by=actor,
    )
    _touch(case)
    _event(case, actor, "service.add", service=s.pk, type=service_type, provider=provider.pk if provider else None)
    record("case.service_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["service_type"] + (["notes"] if notes else []), extra={"service": s.pk})
    return s
