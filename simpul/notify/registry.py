"""How notifications come about: modules say, per audit action, who must be told
(``on(action, resolver)``), and which periodic checks find something due (``register_scan``).

    from simpul.notify import registry
    registry.on("case.assign", assigned)          # assigned(event) -> list[Delivery]
    registry.register_scan(tasks_due)             # tasks_due(now) -> list[Delivery]

Resolvers run in the task worker (never in the request that wrote the event): the audit
subscriber only enqueues ``notify.tasks.deliver_event``. Recipients are resolved through the
access layer (``allowed``): nobody is told about what they may not see.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from simpul.audit import events

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """Tell ``user_id`` about ``kind``; ``key`` makes it unique for that user (idempotent);
    ``reference`` (case number, tracking code) is shown in the app only; ``path`` is where the
    notification leads (the target page checks access again)."""

    user_id: int
    kind: str
    key: str
    reference: str = ""
    path: str = ""


Resolver = Callable[[events.Event], list[Delivery]]
Scan = Callable[[dt.datetime], list[Delivery]]
_resolvers: dict[str, list[Resolver]] = {}
_scans: list[Scan] = []


def on(action: str, resolver: Resolver) -> None:
    handlers = _resolvers.setdefault(action, [])
    if resolver not in handlers:
        handlers.append(resolver)
    events.subscribe(action, _enqueue)


def register_scan(scan: Scan) -> None:
    if scan not in _scans:
        _scans.append(scan)


def resolvers(action: str) -> tuple[Resolver, ...]:
    return tuple(_resolvers.get(action, ()))


def scans() -> tuple[Scan, ...]:
    return tuple(_scans)


def _enqueue(event: events.Event) -> None:
    from simpul.notify.tasks import deliver_event

    deliver_event.enqueue(event.as_dict())


def connect() -> None:
    """Subscribe every registered action (registrations made before this app was ready)."""
    for action in _resolvers:
        events.subscribe(action, _enqueue)


# --- helpers for resolvers ---------------------------------------------------------------------


def members(org_ids: Iterable[int | None], roles: Iterable[str]) -> list[Any]:
    """Active users with an active membership in one of ``org_ids`` with one of ``roles``."""
    from simpul.accounts.models import Membership, User

    ids = [i for i in org_ids if i is not None]
    if not ids:
        return []
    member_ids = Membership.objects.filter(organisation_id__in=ids, role__in=list(roles), is_active=True, organisation__is_active=True).values("user_id")
    return list(User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))


def users(ids: Iterable[int | None]) -> list[Any]:
    from simpul.accounts.models import User

    wanted = [i for i in ids if i is not None]
    return list(User.objects.filter(pk__in=wanted, is_active=True).order_by("pk")) if wanted else []


def allowed(candidates: Iterable[Any], action: str, obj: Any) -> list[Any]:
    """The candidates the access layer lets do ``action`` on ``obj`` (a fresh Actor each)."""
    from simpul import access

    out = []
    for user in candidates:
        if hasattr(user, "_simpul_actor"):
            del user._simpul_actor
        if access.can(user, action, obj):
            out.append(user)
    return out


def deliveries(recipients: Iterable[Any], kind: str, key: str, *, reference: str = "", path: str = "", exclude: int | None = None) -> list[Delivery]:
    return [Delivery(u.pk, kind, key, reference, path) for u in recipients if u.pk != exclude]
