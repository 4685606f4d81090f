"""Reads of messaging for an actor: always through the report the actor may message on."""

from __future__ import annotations

from typing import Any

from simpul import access
from simpul.audit import services as audit
from simpul.messaging.models import OutboundMessage


def report_for_messaging(actor: Any, uid: Any) -> Any:
    from simpul.intake.models import Report

    return access.get_or_404(actor, Report.objects.select_related("organisation"), "message", uid=uid)


def outbound_for(actor: Any, report: Any, limit: int = 50) -> list[OutboundMessage]:
    """The report's outbound messages, newest first (``report`` came through the access layer);
    the look is audited, as every view of sealed text."""
    rows = list(OutboundMessage.objects.filter(report=report).select_related("created_by")[:limit])
    audit.record("messaging.view", actor=actor, obj=report, organisation_id=report.organisation_id, fields=["text"], extra={"count": len(rows)})
    return rows
