"""Helpers shared by the intake services: the report's timeline, indexes, routing, due time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from simpul.access.roles import Role
from simpul.crypto.blind import blind_index
from simpul.intake import clocks
from simpul.intake.models import (
    Kewenangan,
    Period,
    Report,
    ReportEvent,
    Risk,
    Urgency,
)
from simpul.intake.routing import route

ENCRYPTED_FIELDS = (
    "story", "location_text", "reporter_name", "reporter_contact", "safe_contact",
    "victim_name", "victim_nik", "victim_birth_date", "victim_phone",
)
PLAIN_FIELDS = ("for_whom", "victim_is_child", "period", "urgency", "anonymous", "do_not_contact", "external_ref")
OFFICER_ROLES = (Role.PETUGAS_PENGADUAN, Role.KEPALA, Role.MANAJER_KASUS)


# --- helpers ---------------------------------------------------------------------------------

def _event(report: Report, kind: str, actor: Any = None, *, from_status: str = "", to_status: str = "", **detail: Any) -> None:
    ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status,
        to_status=to_status,
        detail=detail,
    )


def _filled(report: Report, names: Iterable[str] = ENCRYPTED_FIELDS) -> list[str]:
    return [n for n in names if getattr(report, n) not in (None, "", {}, [])]


def _refresh_indexes(report: Report) -> None:
    contact = report.reporter_contact or ""
    report.reporter_phone_bidx = blind_index("phone", contact) if contact and "@" not in contact else ""
    report.victim_nik_bidx = blind_index("nik", report.victim_nik)
    report.victim_phone_bidx = blind_index("phone", report.victim_phone)
    if report.victim_name and report.victim_birth_date:
        report.victim_name_birth_bidx = blind_index("name", f"{report.victim_name} {report.victim_birth_date.isoformat()}")
    else:
        report.victim_name_birth_bidx = ""


def provisional_risk(report: Report) -> str:
    """Before triage: an emergency said by the reporter counts as high, anything else medium."""
    if report.urgency == Urgency.SEGERA or report.period == Period.BERLANGSUNG:
        return Risk.TINGGI
    return Risk.SEDANG


def _set_due(report: Report) -> None:
    report.due_at = clocks.due_at(report.received_at, report.risk or provisional_risk(report), report.organisation_id)


def _mark_action(report: Report, now: dt.datetime | None = None) -> None:
    if report.first_action_at is None:
        report.first_action_at = now or timezone.now()


def _route(report: Report) -> None:
    org, flag = route(report.region_id, report.kewenangan or Kewenangan.KAB_KOTA)
    report.flag_pusat = flag
    if org is not None:
        report.organisation = org


def _clean_fields(data: dict[str, Any]) -> dict[str, Any]:
    allowed = set(ENCRYPTED_FIELDS) | set(PLAIN_FIELDS) | {"region_id", "channel", "received_at"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    out = dict(data)
    if out.get("anonymous"):
        out["reporter_name"] = None
    return out
