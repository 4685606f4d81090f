"""Whether, where and when a reporter may be messaged: the reporter's own choices, read from the
report's safe-contact answers and their messaging preference. Pure reads; no sending here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from simpul.messaging import conf, windows
from simpul.messaging.models import Channel, ContactPreference

_PHONE = re.compile(r"^\+?[\d\s().-]{8,20}$")


@dataclass(frozen=True)
class Contact:
    channel: str
    to: str
    windows: list[windows.Window]
    time_zone: str
    full_text: bool
    status_updates: bool


class NotAllowed(Exception):
    """``reason``: do_not_contact, no_consent, no_number, unreadable_times."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def time_zone(report: Any) -> str:
    from django.conf import settings

    org = report.organisation
    return (getattr(org, "time_zone", "") or settings.TIME_ZONE) if org is not None else settings.TIME_ZONE


def preference(report: Any) -> ContactPreference | None:
    return ContactPreference.objects.filter(report_id=report.pk).first()


def contact_for(report: Any, pref: ContactPreference | None = None) -> Contact:
    """The reporter's contact for messages, or NotAllowed. Never with "do not contact". Otherwise
    the reporter's newest choice counts: their messaging preference (a channel chosen with code and
    PIN, or "no messages") when they saved one; else messages are allowed when they wrote through
    WhatsApp (the reply goes back into their own conversation) or answered "ya" to "Aman bila kami
    mengirim pesan?", and refused after a "tidak"."""
    safe = report.safe_contact or {}
    if report.do_not_contact or safe.get("do_not_contact"):
        raise NotAllowed("do_not_contact")
    pref = pref if pref is not None else preference(report)
    said = safe.get("message", "")
    if pref is not None:
        if pref.opted_out:
            raise NotAllowed("no_consent")
    elif said == "tidak" or (said != "ya" and report.channel != Channel.WHATSAPP):
        raise NotAllowed("no_consent")
    number = (report.reporter_contact or "").strip()
    if not number or "@" in number or not _PHONE.match(number):
        raise NotAllowed("no_number")
    found = windows.parse(safe.get("times", ""), conf.default_window())
    if not found:
        raise NotAllowed("unreadable_times")
    if pref is not None and pref.channel:
        channel = pref.channel
    elif report.channel == Channel.WHATSAPP:
        channel = Channel.WHATSAPP
    else:
        channel = conf.default_channel()
    return Contact(
        channel=channel,
        to=number,
        windows=found,
        time_zone=time_zone(report),
        full_text=bool(pref and pref.full_text),
        status_updates=bool(pref and pref.status_updates),
    )
