"""Subscribers to audit events: the one seam through which other modules react to what services
did, without services knowing about them.

Every service writes its audit event with ``simpul.audit.services.record(...)`` inside its
transaction. A module may subscribe a handler to an action::

    from simpul.audit import events
    events.subscribe("case.assign", on_assign)

The handler is called with an :class:`Event` (ids, codes and the non-identifying ``extra`` of the
audit row, never values) after the transaction commits, so it only ever sees kept changes. A
handler must be quick (enqueue a task, do not send mail in it); whatever it raises is logged and
swallowed: a subscriber can never block or undo the write that produced the event.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """What a subscriber learns of an audit row: ids and codes (JSON-serialisable)."""

    action: str
    actor_id: int | None = None
    organisation_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, action: str, actor_id: int | None, organisation_id: int | None, object_type: str, object_id: str, extra: dict[str, Any]) -> Event:
        """An event whose ``extra`` is plain JSON (dates and UUIDs as text), so that a handler can
        hand it to a task queue as it is."""
        return cls(action, actor_id, organisation_id, object_type, object_id, json.loads(json.dumps(extra, default=str)))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(**{k: data[k] for k in ("action", "actor_id", "organisation_id", "object_type", "object_id", "extra") if k in data})


Handler = Callable[[Event], None]
_subscribers: dict[str, list[Handler]] = {}


def subscribe(action: str, handler: Handler) -> None:
    """Call ``handler(event)`` after the commit of every audit event with ``action``
    (registering the same handler twice for an action has no effect)."""
    handlers = _subscribers.setdefault(action, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(action: str, handler: Handler) -> None:
    if handler in _subscribers.get(action, []):
        _subscribers[action].remove(handler)


def subscribers(action: str) -> tuple[Handler, ...]:
    return tuple(_subscribers.get(action, ()))


def _call(handler: Handler, event: Event) -> None:
    try:
        handler(event)
    except Exception:  # noqa: BLE001 - a subscriber never breaks the write that produced the event
        log.exception("audit subscriber %s failed for %s", getattr(handler, "__qualname__", handler), event.action)


def publish(event: Event) -> None:
    """Schedule the subscribers of ``event.action`` for after the current transaction commits
    (at once when there is none). Called by ``record()``."""
    for handler in subscribers(event.action):
        transaction.on_commit(functools.partial(_call, handler, event))
