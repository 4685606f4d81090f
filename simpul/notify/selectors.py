"""Reads of one's own notifications (through the access layer)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul import access
from simpul.notify.kinds import Kind
from simpul.notify.models import Notification
from simpul.notify.services import channels, preferences_of


def inbox(actor: Any) -> QuerySet[Notification]:
    return access.visible(actor, Notification, "view").filter(in_app=True).only(
        "pk", "kind", "reference", "path", "created_at", "read_at"
    )


def unread_count(actor: Any) -> int:
    return inbox(actor).filter(read_at__isnull=True).count()


def preferences(actor: Any) -> list[dict[str, Any]]:
    """Every kind with the actor's channels (defaults where they chose nothing)."""
    who = actor if isinstance(actor, access.Actor) else access.actor_for(actor)
    prefs = preferences_of([who.user_id])
    rows = []
    for kind in Kind:
        in_app, email = channels(prefs, who.user_id, kind.value)
        rows.append({"kind": kind.value, "label": kind.label, "in_app": in_app, "email": email})
    return rows
