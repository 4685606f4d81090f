"""Every write of outbound webhooks: endpoints (admin of the organisation), deliveries (worker).

Registration: the URL is checked (https, public address: ``net.check_url``) and a secret is drawn
and returned once; only its sealed form is kept. Delivery: one signed POST per attempt; failures
are retried with exponential backoff (``SIMPUL_WEBHOOKS_BACKOFF_SECONDS`` x 2^(n-1), at most six
hours apart) and after ``SIMPUL_WEBHOOKS_MAX_ATTEMPTS`` the delivery goes to the dead-letter list,
from which the admin can retry it by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import time
import uuid
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Organisation
from simpul.audit import events as audit_events
from simpul.audit import services as audit
from simpul.webhooks import events, net
from simpul.webhooks.models import Attempt, Delivery, Endpoint, Status

log = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=6)

# Public names of the objects events are about; the id is the object's uid where it has one.
OBJECT_NAMES = {
    "intake.report": "report",
    "cases.case": "case",
    "cases.referral": "referral",
    "coordination.meeting": "meeting",
    "coordination.actionitem": "action_item",
    "coordination.indicator": "indicator",
    "prevention.activity": "activity",
    "outreach.dispatchrequest": "dispatch_request",
    "outreach.trip": "trip",
}
# Related objects named by id in ``data`` (never their content).
RELATED = ("case", "task_force", "request", "meeting")
# Audit extras that are codes, safe to pass on.
EXTRA_CODES = ("year", "status", "channel", "purpose")


def max_attempts() -> int:
    return max(1, int(getattr(settings, "SIMPUL_WEBHOOKS_MAX_ATTEMPTS", 8)))


def _check_admin(actor: Any, organisation: Organisation) -> None:
    if not access.actor_for(actor).in_org(organisation.pk, "admin"):
        raise access.AccessDenied()


def _clean_types(event_types: list[str]) -> list[str]:
    unknown = sorted(set(event_types) - set(events.EVENT_TYPES))
    if unknown:
        raise ValidationError({"event_types": [_("Jenis peristiwa tidak dikenal: %(t)s") % {"t": ", ".join(unknown)}]})
    if not event_types:
        raise ValidationError({"event_types": [_("Pilih minimal satu jenis peristiwa.")]})
    return sorted(set(event_types))


@transaction.atomic
def endpoint_create(*, actor: Any, organisation: Organisation, url: str, event_types: list[str], description: str = "") -> tuple[Endpoint, str]:
    """Register an endpoint; returns it and its secret (shown once, never again)."""
    _check_admin(actor, organisation)
    url = url.strip()
    if len(url) > 500:
        raise ValidationError({"url": [_("Alamat terlalu panjang (maks. 500 karakter).")]})
    net.check_url(url)
    types = _clean_types(event_types)
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = Endpoint(organisation=organisation, url=url, event_types=types, description=description.strip(),
                        secret=secret, secret_hint=secret[:10][-4:], created_by=actor)
    endpoint.save()
    audit.record("webhooks.endpoint_create", actor=actor, obj=endpoint, organisation_id=organisation.pk,
                 fields=["url", "event_types", "secret"], extra={"event_types": types})
    return endpoint, secret


@transaction.atomic
def endpoint_set_active(*, actor: Any, endpoint: Endpoint, active: bool) -> Endpoint:
    access.check(actor, "edit", endpoint)
    endpoint.is_active = active
    endpoint.save(update_fields=["is_active"])
    audit.record("webhooks.endpoint_active", actor=actor, obj=endpoint, organisation_id=endpoint.organisation_id,
                 fields=["is_active"], extra={"active": active})
    return endpoint


@transaction.atomic
def endpoint_delete(*, actor: Any, endpoint: Endpoint) -> None:
    access.check(actor, "edit", endpoint)
    audit.record("webhooks.endpoint_delete", actor=actor, obj=endpoint, organisation_id=endpoint.organisation_id)
    endpoint.delete()


@transaction.atomic
def delivery_retry_now(*, actor: Any, delivery: Delivery) -> Delivery:
    """The admin's "coba lagi sekarang": one more attempt at once (also from the dead-letter list)."""
    delivery = Delivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
    access.check(actor, "edit", delivery)
    if delivery.status == Status.DELIVERED:
        raise ValidationError(_("Kiriman ini sudah terkirim."))
    delivery.status = Status.RETRYING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    audit.record("webhooks.delivery_retry", actor=actor, obj=delivery, organisation_id=delivery.endpoint.organisation_id)
    pk = delivery.pk
    transaction.on_commit(lambda: _enqueue(pk, None))
    return delivery


# --- from an audit event to deliveries (task worker) ---------------------------------------------


def _object_of(event: audit_events.Event) -> tuple[dict[str, Any], set[int], dict[str, Any]]:
    """The public reference of the event's object, the organisations concerned and related ids."""
    name = OBJECT_NAMES.get(event.object_type, event.object_type.split(".")[-1])
    ref: dict[str, Any] = {"type": name, "id": event.object_id}
    orgs: set[int] = {event.organisation_id} if event.organisation_id else set()
    related: dict[str, Any] = {}
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return ref, orgs, related
    obj = model._base_manager.filter(pk=event.object_id).first() if event.object_id else None
    if obj is None:
        return ref, orgs, related
    if hasattr(obj, "uid"):
        ref["id"] = str(obj.uid)
    for attr in ("organisation_id", "from_org_id", "to_org_id"):
        if getattr(obj, attr, None):
            orgs.add(int(getattr(obj, attr)))
    for rel in RELATED:
        if any(f.name == rel for f in model._meta.get_fields()) and getattr(obj, f"{rel}_id", None):
            target = getattr(obj, rel)
            related[f"{rel}_id"] = str(getattr(target, "uid", target.pk))
            owner = getattr(target, "organisation_id", None)
            if owner and rel == "task_force":
                orgs.add(int(owner))
    return ref, orgs, related


def payload_for(event: audit_events.Event, event_type: str, event_id: uuid.UUID, ref: dict[str, Any], related: dict[str, Any]) -> dict[str, Any]:
    data = {**related, **{k: event.extra[k] for k in EXTRA_CODES if k in event.extra}}
    return {
        "id": str(event_id),
        "type": event_type,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "organisation_id": event.organisation_id,
        "object": ref,
        "data": data,
    }


def dispatch_event(event_data: dict[str, Any]) -> int:
    """Create the deliveries of one audit event for every active endpoint subscribed to it (of an
    organisation concerned) and send them. Returns the number of deliveries created."""
    event = audit_events.Event.from_dict(event_data)
    types = events.event_types_for(event)
    if not types:
        return 0
    ref, orgs, related = _object_of(event)
    if not orgs:
        return 0
    created = []
    for endpoint in Endpoint.objects.filter(is_active=True, organisation_id__in=orgs).order_by("pk"):
        for event_type in types:
            if event_type not in endpoint.event_types:
                continue
            event_id = uuid.uuid4()
            d = Delivery.objects.create(endpoint=endpoint, event_id=event_id, event_type=event_type,
                                        payload=payload_for(event, event_type, event_id, ref, related),
                                        next_attempt_at=timezone.now())
            created.append(d.pk)
    for pk in created:
        _enqueue(pk, None)
    return len(created)


def _enqueue(pk: int, run_after: dt.datetime | None) -> None:
    from django_tasks import default_task_backend

    from simpul.webhooks.tasks import deliver

    if run_after is not None:
        if not default_task_backend.supports_defer:
            return  # picked up by retry_due (the periodic check)
        deliver.using(run_after=run_after).enqueue(pk)
    else:
        deliver.enqueue(pk)


def backoff(attempts: int) -> dt.timedelta:
    base = int(getattr(settings, "SIMPUL_WEBHOOKS_BACKOFF_SECONDS", 30))
    return min(dt.timedelta(seconds=base * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def _claim(pk: int, now: dt.datetime) -> Delivery | None:
    """Take the delivery for one attempt (a lease, so two workers never send it twice)."""
    with transaction.atomic():
        d = Delivery.objects.select_for_update().select_related("endpoint").filter(pk=pk).first()
        if d is None or d.status not in (Status.PENDING, Status.RETRYING) or not d.endpoint.is_active:
            return None
        if d.next_attempt_at is not None and d.next_attempt_at > now:
            return None
        timeout = int(getattr(settings, "SIMPUL_WEBHOOKS_TIMEOUT", 10))
        d.next_attempt_at = now + dt.timedelta(seconds=timeout + 60)
        d.save(update_fields=["next_attempt_at"])
        return d


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def deliver(pk: int, now: dt.datetime | None = None) -> str:
    """One attempt of one delivery (idempotent: a delivered or dead one is left alone)."""
    now = now or timezone.now()
    d = _claim(pk, now)
    if d is None:
        return "skipped"
    body = body_of(d)
    timestamp = str(int(time.time()))
    headers = {
        "X-Simpul-Event": d.event_type,
        "X-Simpul-Delivery": str(d.uid),
        "X-Simpul-Timestamp": timestamp,
        "X-Simpul-Signature": net.sign(d.endpoint.secret, timestamp, body),
    }
    result = net.post(d.endpoint.url, body, headers, float(getattr(settings, "SIMPUL_WEBHOOKS_TIMEOUT", 10)))
    with transaction.atomic():
        d = Delivery.objects.select_for_update().get(pk=d.pk)
        d.attempts += 1
        Attempt.objects.create(delivery=d, number=d.attempts, status_code=result.status_code, error=result.error,
                               excerpt=result.excerpt, duration_ms=result.duration_ms)
        d.last_status_code = result.status_code
        d.last_error = result.error
        if result.ok:
            d.status, d.delivered_at, d.next_attempt_at = Status.DELIVERED, timezone.now(), None
        elif d.attempts >= max_attempts():
            d.status, d.next_attempt_at = Status.DEAD, None
        else:
            d.status, d.next_attempt_at = Status.RETRYING, timezone.now() + backoff(d.attempts)
        d.save()
        if d.status == Status.RETRYING:
            pk_, when = d.pk, d.next_attempt_at
            transaction.on_commit(lambda: _enqueue(pk_, when))
    return d.status


def retry_due(now: dt.datetime | None = None) -> int:
    """Attempt every delivery whose time has come (the periodic check, and the fallback when the
    task backend cannot schedule). Returns the number attempted."""
    now = now or timezone.now()
    due = list(Delivery.objects.filter(status__in=(Status.PENDING, Status.RETRYING), next_attempt_at__lte=now,
                                       endpoint__is_active=True).order_by("next_attempt_at").values_list("pk", flat=True)[:500])
    for pk in due:
        deliver(pk, now)
    return len(due)
