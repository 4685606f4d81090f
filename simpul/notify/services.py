"""Every write of the notify module: delivering notifications (from the task worker), marking
them read and setting one's preferences."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import events
from simpul.audit.services import record
from simpul.notify import registry
from simpul.notify.kinds import DEFAULT_EMAIL, DEFAULT_IN_APP, Kind
from simpul.notify.models import Notification, Preference

log = logging.getLogger(__name__)


def deliver_event(data: dict[str, Any]) -> int:
    """Resolve and deliver the notifications of one audit event. A resolver that fails is
    logged; the others still run."""
    event = events.Event.from_dict(data)
    found: list[registry.Delivery] = []
    for resolver in registry.resolvers(event.action):
        try:
            found.extend(d for d in resolver(event) if d.user_id != event.actor_id)
        except Exception:  # noqa: BLE001 - one broken resolver must not silence the others
            log.exception("notification resolver failed for %s", event.action)
    return deliver(found)


def scan(*, now: dt.datetime | None = None) -> int:
    """Run every periodic check (overdue reports and referrals, tasks due) and deliver."""
    now = now or timezone.now()
    found: list[registry.Delivery] = []
    for check in registry.scans():
        try:
            found.extend(check(now))
        except Exception:  # noqa: BLE001
            log.exception("notification scan %s failed", getattr(check, "__qualname__", check))
    return deliver(found)


def preferences_of(user_ids: Iterable[int]) -> dict[tuple[int, str], tuple[bool, bool]]:
    rows = Preference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "kind", "in_app", "email")
    return {(u, k): (i, e) for u, k, i, e in rows}


def channels(prefs: dict[tuple[int, str], tuple[bool, bool]], user_id: int, kind: str) -> tuple[bool, bool]:
    return prefs.get((user_id, kind), (DEFAULT_IN_APP, DEFAULT_EMAIL))


@transaction.atomic
def deliver(found: Iterable[registry.Delivery]) -> int:
    """Create each (user, key) notification once, with the channels the user chose; e-mail the
    ones that want e-mail after commit. Returns the number of new notifications."""
    from simpul.accounts.models import User

    unique = {(d.user_id, d.key): d for d in found if d.kind in Kind.values}
    if not unique:
        return 0
    user_ids = {u for u, _k in unique}
    existing = set(
        Notification.objects.filter(user_id__in=user_ids, key__in={k for _u, k in unique}).values_list("user_id", "key")
    )
    emails = dict(User.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", "email"))
    prefs = preferences_of(user_ids)
    new: list[Notification] = []
    for (user_id, key), d in unique.items():
        if (user_id, key) in existing or user_id not in emails:
            continue
        in_app, email = channels(prefs, user_id, d.kind)
        email = email and bool(emails[user_id])
        if not (in_app or email):
            continue
        new.append(Notification(user_id=user_id, kind=d.kind, key=key[:120], reference=d.reference[:40], path=d.path[:200], in_app=in_app, emailed=email))
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    by_kind: dict[str, int] = {}
    mail_kinds: dict[int, dict[str, int]] = {}
    for n in new:
        by_kind[n.kind] = by_kind.get(n.kind, 0) + 1
        if n.emailed:
            kinds = mail_kinds.setdefault(n.user_id, {})
            kinds[n.kind] = kinds.get(n.kind, 0) + 1
    # One e-mail per user and delivery (a scan that finds 30 overdue referrals sends one).
    for user_id, kinds in mail_kinds.items():
        transaction.on_commit(functools.partial(_send_mail, emails[user_id], kinds))
    for kind, count in sorted(by_kind.items()):
        record("notify.deliver", extra={"kind": kind, "recipients": count}, ip="")
    return len(new)


def _send_mail(address: str, kinds: dict[str, int]) -> None:
    """A neutral e-mail: the kinds of event (with how many) and a link to the notification list.
    No case number, no tracking code, no name, no content (anyone may read a mailbox)."""
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SIMPUL_BASE_URL.rstrip("/") + reverse("notify:list")
        subject = _("Simpul: ada pemberitahuan baru")
        lines = [f"- {Kind(kind).label}" + (f" ({count})" if count > 1 else "") for kind, count in sorted(kinds.items())]
        body = "\n".join([
            _("Ada pemberitahuan baru untuk Anda di Simpul:"),
            *lines,
            "",
            _("Buka Simpul untuk melihatnya: %(link)s") % {"link": link},
            "",
            _("Demi keamanan, e-mail ini tidak memuat nama, nomor kasus atau isi apa pun."),
            _("Anda dapat mengatur pemberitahuan di halaman Pemberitahuan."),
        ])
    try:
        send_mail(subject, body, None, [address], fail_silently=False)
    except Exception:  # noqa: BLE001 - the in-app notification stands when mail fails
        log.exception("notification e-mail failed")


@transaction.atomic
def mark_read(*, actor: Any, notification: Notification) -> None:
    access.check(actor, "view", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def mark_all_read(*, actor: Any) -> int:
    access.check(actor, "notify.own")
    return access.visible(actor, Notification, "view").filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, actor: Any, choices: dict[str, tuple[bool, bool]]) -> None:
    """``choices``: kind -> (in-app, e-mail) for the acting user."""
    access.check(actor, "notify.own")
    unknown = set(choices) - set(Kind.values)
    if unknown:
        raise ValidationError(_("Jenis pemberitahuan tidak dikenal."))
    who = actor if isinstance(actor, access.Actor) else access.actor_for(actor)
    for kind, (in_app, email) in choices.items():
        Preference.objects.update_or_create(user_id=who.user_id, kind=kind, defaults={"in_app": in_app, "email": email})
    record("notify.preferences_set", actor=who.user, object_type="accounts.user", object_id=who.user_id, fields=sorted(choices))
