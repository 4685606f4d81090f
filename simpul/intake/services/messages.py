"""The message thread between officers and the reporter, and the reporter's PIN."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.intake import codes
from simpul.intake.models import (
    AuthorKind,
    Report,
    ReportMessage,
)
from simpul.intake.services.common import _event, _mark_action

# --- messages ----------------------------------------------------------------------------------

@transaction.atomic
def message_post_officer(*, actor: Any, report: Report, body: str, internal: bool) -> ReportMessage:
    access.check(actor, "message", report)
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Pesan tidak boleh kosong.")})
    msg = ReportMessage.objects.create(report=report, author_kind=AuthorKind.OFFICER, author=actor, body=body, internal=internal)
    if not internal:
        _mark_action(report)
        report.save(update_fields=["first_action_at", "updated_at"])
    _event(report, "note" if internal else "message", actor)
    audit.record("intake.message", actor=actor, obj=report, organisation_id=report.organisation_id, fields=["body"], extra={"internal": internal})
    return msg


@transaction.atomic
def message_post_public(*, report: Report, body: str) -> ReportMessage:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Pesan tidak boleh kosong.")})
    msg = ReportMessage.objects.create(report=report, author_kind=AuthorKind.PUBLIC, body=body[:5000], internal=False)
    _event(report, "public_message")
    audit.record("intake.public_message", obj=report, organisation_id=report.organisation_id, fields=["body"], ip="")
    return msg


# --- reporter PIN ----------------------------------------------------------------------------

def pin_matches(report: Report, pin: str) -> bool:
    return codes.check_pin(pin, report.pin_hash)


@transaction.atomic
def pin_set(*, report: Report, new_pin: str) -> None:
    if not codes.PIN_RE.match(new_pin or ""):
        raise ValidationError({"new_pin": _("PIN harus 6 sampai 12 angka.")})
    report.pin_hash = codes.hash_pin(new_pin)
    report.pin_set_by_reporter = True
    report.save(update_fields=["pin_hash", "pin_set_by_reporter", "updated_at"])
    audit.record("intake.pin_set", obj=report, organisation_id=report.organisation_id, ip="")
