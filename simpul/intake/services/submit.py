"""Reports from every channel: the public portal, relawan/Satgas, officers, other systems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Organisation, OrgType
from simpul.audit import services as audit
from simpul.intake import codes
from simpul.intake.models import (
    Channel,
    Report,
)
from simpul.intake.services.common import (
    OFFICER_ROLES,
    _clean_fields,
    _event,
    _filled,
    _refresh_indexes,
    _route,
    _set_due,
)


def _create(
    *,
    fields: dict[str, Any],
    idempotency_key: str | None,
    actor: Any = None,
    pin: str | None = None,
    ip: str = "",
    default_org: Organisation | None = None,
) -> tuple[Report, bool]:
    """Create a report exactly once per idempotency key (concurrent duplicates included)."""
    if idempotency_key:
        existing = Report.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    for _attempt in range(8):
        report = Report(**fields)
        report.tracking_code = codes.new_code()
        report.idempotency_key = idempotency_key or None
        report.received_at = fields.get("received_at") or timezone.now()
        report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        if pin:
            report.pin_hash = codes.hash_pin(pin)
        _route(report)
        if report.organisation_id is None and default_org is not None:
            report.organisation = default_org
        _refresh_indexes(report)
        _set_due(report)
        try:
            with transaction.atomic():
                report.save(force_insert=True)
                _event(report, "created", actor, to_status=report.status, channel=report.channel)
                audit.record(
                    "intake.create",
                    actor=actor,
                    obj=report,
                    organisation_id=report.organisation_id,
                    fields=_filled(report),
                    extra={"channel": report.channel},
                    ip=ip,
                )
        except IntegrityError:
            if idempotency_key:
                existing = Report.objects.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    return existing, False
            continue  # tracking-code collision: draw again
        return report, True
    raise RuntimeError("could not allocate a unique tracking code")


# --- creation from every channel ---------------------------------------------------------------

@dataclass
class PublicResult:
    report: Report
    created: bool
    pin: str | None  # None when the PIN can no longer be shown (the reporter set their own)


def report_submit_public(*, data: dict[str, Any], idempotency_key: str) -> PublicResult:
    """A report from the public portal. The reporter's address is never stored."""
    fields = _clean_fields(data)
    fields["channel"] = Channel.PORTAL
    pin = codes.derived_pin(idempotency_key)
    report, created = _create(fields=fields, idempotency_key=f"web:{idempotency_key}", pin=pin)
    if not created and report.pin_set_by_reporter:
        return PublicResult(report, False, None)
    return PublicResult(report, created, pin)


def report_field_submit(*, actor: Any, data: dict[str, Any], idempotency_key: str) -> Report:
    """A field report from a relawan or Satgas member."""
    access.check(actor, "intake.field_report")
    fields = _clean_fields(data)
    fields["channel"] = Channel.LAPANGAN
    report, _created = _create(fields=fields, idempotency_key=f"field:{actor.pk}:{idempotency_key}", actor=actor)
    return report


def _officer_default_org(actor: Any) -> Organisation | None:
    ids = access.actor_for(actor).org_ids(*OFFICER_ROLES)
    return Organisation.objects.filter(pk__in=ids, type=OrgType.UPTD_PPA).order_by("pk").first() or (
        Organisation.objects.filter(pk__in=ids).order_by("pk").first()
    )


def report_record(*, actor: Any, data: dict[str, Any], idempotency_key: str = "") -> Report:
    """An officer records a complaint from any channel (minimal fields first, the rest later)."""
    access.check(actor, "intake.record")
    fields = _clean_fields(data)
    if fields.get("channel") in (None, "", Channel.PORTAL, Channel.LAPANGAN):
        raise ValidationError({"channel": _("Pilih kanal pengaduan.")})
    key = f"officer:{actor.pk}:{idempotency_key}" if idempotency_key else None
    report, _created = _create(fields=fields, idempotency_key=key, actor=actor, default_org=_officer_default_org(actor))
    return report


def report_api_create(*, actor: Any, data: dict[str, Any], idempotency_key: str = "") -> tuple[Report, bool]:
    """A complaint from another system (hotline, SAPA 129 forward)."""
    access.check(actor, "intake.record")
    fields = _clean_fields(data)
    fields.setdefault("channel", Channel.API)
    if fields["channel"] in (Channel.PORTAL, Channel.LAPANGAN):
        raise ValidationError({"channel": _("Kanal ini tidak dapat dipakai melalui API.")})
    key = f"api:{actor.pk}:{idempotency_key}" if idempotency_key else None
    return _create(fields=fields, idempotency_key=key, actor=actor, default_org=_officer_default_org(actor))
