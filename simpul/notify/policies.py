"""Who sees which notification: its own user only. Preferences: one's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.notify.models import Notification


@register_policy
class NotificationPolicy(ObjectPolicy):
    model = Notification

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return actor.is_authenticated and obj.user_id == actor.user_id

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs.filter(user_id=actor.user_id)


@register_rule("notify.own", "search.use")
def _signed_in(actor: Actor, _obj: Any) -> bool:
    """Any signed-in user with an active membership has notifications, preferences and search
    (what search finds is scoped by each provider through the access layer)."""
    return actor.is_authenticated and bool(actor.seats)
