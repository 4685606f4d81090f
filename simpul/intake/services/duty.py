"""The officers on duty; per-organisation response clock and duty roster. (Overdue reports are
notified by simpul/notify: see intake/notifications.py.)"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Membership, Organisation
from simpul.audit import services as audit
from simpul.intake.models import (
    OnDuty,
    ResponsePolicy,
)
from simpul.intake.services.common import OFFICER_ROLES

log = logging.getLogger(__name__)


# --- who is on duty ---------------------------------------------------------------------------

def on_duty_users(organisation_id: int) -> list[Any]:
    from simpul.accounts.models import User

    rows = OnDuty.objects.filter(organisation_id=organisation_id, active=True, user__is_active=True)
    if rows.exists():
        return list(User.objects.filter(pk__in=rows.values("user_id")))
    member_ids = Membership.objects.filter(
        organisation_id=organisation_id, role__in=OFFICER_ROLES, is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))


# --- per-organisation settings: response clock and duty roster -----------------------------------


@transaction.atomic
def response_policy_set(*, actor: Any, organisation: Organisation, high_minutes: int, medium_minutes: int, low_working_days: int) -> ResponsePolicy:
    """Set ``organisation``'s response clock (defaults: at once / 6 hours / 3 working days)."""
    access.check(actor, "intake.configure", organisation.pk)
    if not (0 <= high_minutes <= medium_minutes):
        raise ValidationError({"high_minutes": _("Batas risiko tinggi tidak boleh lebih lama dari risiko sedang.")})
    if not (1 <= low_working_days <= 30):
        raise ValidationError({"low_working_days": _("Batas risiko rendah harus 1 sampai 30 hari kerja.")})
    policy, _created = ResponsePolicy.objects.update_or_create(
        organisation=organisation,
        defaults={"high_minutes": high_minutes, "medium_minutes": medium_minutes, "low_working_days": low_working_days},
    )
    audit.record(
        "intake.policy_set",
        actor=actor,
        obj=policy,
        organisation_id=organisation.pk,
        extra={"high_minutes": high_minutes, "medium_minutes": medium_minutes, "low_working_days": low_working_days},
    )
    return policy


@transaction.atomic
def on_duty_set(*, actor: Any, organisation: Organisation, user_ids: Iterable[int]) -> list[int]:
    """Replace ``organisation``'s duty roster with ``user_ids`` (officers of that organisation only).
    An empty roster means every officer of the organisation is on duty."""
    access.check(actor, "intake.configure", organisation.pk)
    wanted = set(int(u) for u in user_ids)
    officers = set(
        Membership.objects.filter(organisation=organisation, role__in=OFFICER_ROLES, is_active=True, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if wanted - officers:
        raise ValidationError({"users": _("Hanya petugas organisasi ini yang dapat dijadwalkan.")})
    OnDuty.objects.filter(organisation=organisation).exclude(user_id__in=wanted).delete()
    for user_id in wanted:
        OnDuty.objects.update_or_create(organisation=organisation, user_id=user_id, defaults={"active": True})
    audit.record("intake.on_duty_set", actor=actor, obj=organisation, organisation_id=organisation.pk, extra={"users": sorted(wanted)})
    return sorted(wanted)
