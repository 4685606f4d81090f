"""Overdue notifications to the officers on duty; per-organisation response clock and duty roster."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Membership, Organisation
from simpul.audit import services as audit
from simpul.intake import codes
from simpul.intake.models import (
    OPEN_STATUSES,
    Notification,
    OnDuty,
    OverdueNotice,
    Report,
    ResponsePolicy,
)
from simpul.intake.services.common import OFFICER_ROLES

log = logging.getLogger(__name__)


# --- overdue notifications ---------------------------------------------------------------------

def on_duty_users(organisation_id: int) -> list[Any]:
    from simpul.accounts.models import User

    rows = OnDuty.objects.filter(organisation_id=organisation_id, active=True, user__is_active=True)
    if rows.exists():
        return list(User.objects.filter(pk__in=rows.values("user_id")))
    member_ids = Membership.objects.filter(
        organisation_id=organisation_id, role__in=OFFICER_ROLES, is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))


def overdue_queryset(now: dt.datetime) -> Any:
    return Report.objects.filter(
        status__in=OPEN_STATUSES, first_action_at__isnull=True, due_at__lt=now, organisation__isnull=False
    )


def notify_overdue(*, now: dt.datetime | None = None) -> int:
    """Notify the on-duty officers of each overdue report, once per report and due time."""
    now = now or timezone.now()
    sent = 0
    for report in overdue_queryset(now).only("pk", "tracking_code", "due_at", "organisation_id").iterator():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    OverdueNotice.objects.create(report=report, due_at=report.due_at)
            except IntegrityError:
                continue  # already notified for this overdue state
            users = on_duty_users(report.organisation_id)  # type: ignore[arg-type]
            Notification.objects.bulk_create([Notification(user=u, report=report, kind="overdue") for u in users])
            emails = [u.email for u in users if u.email]
            code = codes.display(report.tracking_code)
            if emails:
                transaction.on_commit(functools.partial(_send_overdue_mail, emails, code))
            audit.record("intake.notify_overdue", obj=report, organisation_id=report.organisation_id, extra={"recipients": len(users)})
            sent += 1
    return sent


def _send_overdue_mail(emails: list[str], code: str) -> None:
    subject = _("Simpul: pengaduan %(code)s melewati batas respons") % {"code": code}
    body = _(
        "Pengaduan %(code)s belum ditindaklanjuti dan sudah melewati batas waktu respons.\n"
        "Buka antrean pengaduan di Simpul untuk menanganinya. (Isi pengaduan tidak dikirim lewat email.)"
    ) % {"code": code}
    try:
        send_mail(subject, body, None, emails, fail_silently=False)
    except Exception:  # noqa: BLE001 - a mail failure must not lose the in-app notification
        log.exception("overdue e-mail failed")


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> None:
    access.check(actor, "view", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


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
