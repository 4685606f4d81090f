"""Reads of protected data, scoped through the access layer."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from simpul import access
from simpul.audit import services as audit
from simpul.audit.models import AuditEvent
from simpul.crypto.blind import blind_index
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.models import OPEN_STATUSES, Breach, Consent, LegalHold, Restriction, SubjectRequest
from simpul.privacy.policies import OFFICERS


def persons_visible(user: Any) -> QuerySet[Person]:
    """Persons a privacy officer may handle: those registered by one of their organisations."""
    actor = access.actor_for(user)
    return Person.objects.filter(organisation_id__in=actor.org_ids(*OFFICERS))


def person_by_uid(user: Any, raw_uid: Any) -> Person:
    """A person the officer may handle, by uid (404 when malformed, absent or not theirs)."""
    try:
        uid = uuid.UUID(str(raw_uid))
    except ValueError:
        raise Http404() from None
    person = persons_visible(user).filter(uid=uid).first()
    if person is None:
        raise Http404()
    return person


def restrictions_of(user: Any, person: Person) -> QuerySet[Restriction]:
    """The person's restrictions in force that the officer may see."""
    return access.visible(user, Restriction, "view").filter(person=person, lifted_at__isnull=True).order_by("pk")


def restriction_of_request(user: Any, req: SubjectRequest, raw_pk: Any) -> Restriction:
    """A restriction of the request's person, by id (404 when malformed, absent or hidden)."""
    raw = str(raw_pk or "")
    if not raw.isdigit() or req.person_id is None:
        raise Http404()
    return access.get_or_404(user, Restriction.objects.filter(person_id=req.person_id), "view", pk=int(raw))


def person_search(user: Any, *, nik: str = "", phone: str = "", email: str = "", full_name: str = "") -> list[Person]:
    """Exact matches through blind indexes only (nothing is decrypted to search)."""
    q = Q()
    if nik.strip():
        q |= Q(nik_bidx=blind_index("nik", nik))
    if phone.strip():
        q |= Q(phone_bidx=blind_index("phone", phone))
    if email.strip():
        q |= Q(email_bidx=blind_index("email", email))
    if full_name.strip() and blind_index("name", full_name):
        q |= Q(name_bidx=blind_index("name", full_name))
    if not q:
        return []
    return list(persons_visible(user).filter(q).order_by("pk")[:20])


def requests_for(user: Any, *, status: str = "open") -> QuerySet[SubjectRequest]:
    qs = access.visible(user, SubjectRequest, "view").select_related("organisation", "handled_by")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status == "closed":
        qs = qs.exclude(status__in=OPEN_STATUSES)
    return qs.order_by("due_at", "id")


def is_overdue(req: SubjectRequest, now: dt.datetime | None = None) -> bool:
    return req.is_open and req.due_at < (now or timezone.now())


def consents_of(user: Any, person: Person) -> QuerySet[Consent]:
    return access.visible(user, Consent, "view").filter(person=person).select_related("recorded_by").order_by("-given_at", "-id")


def holds_for_user(user: Any, *, active_only: bool = True) -> QuerySet[LegalHold]:
    qs = access.visible(user, LegalHold, "view").select_related("set_by")
    return qs.filter(released_at__isnull=True) if active_only else qs


def breaches_for(user: Any) -> QuerySet[Breach]:
    return access.visible(user, Breach, "view").select_related("reported_by").order_by("-discovered_at", "-id")


def audit_view(user: Any, obj: Any, fields: Iterable[str], *, request: Any = None, object_type: str = "", object_id: Any = "", **extra: Any) -> None:
    """Record that identifying data was shown (ids and field names only)."""
    fields = list(fields)
    if not fields:
        return
    audit.record("privacy.view", actor=user, obj=obj, object_type=object_type, object_id=object_id, fields=fields, extra=extra, request=request)


# --------------------------------------------------------------------------- breach register


@dataclass
class Affected:
    person_ids: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    object_types: list[str] = field(default_factory=list)
    events: int = 0
    truncated: bool = False
    actions: dict[str, int] = field(default_factory=dict)


MAX_BREACH_EVENTS = 50_000


def breach_affected(breach: Breach, *, now: dt.datetime | None = None) -> Affected:
    """Persons and data categories touched, according to the audit log, by the suspected
    account and/or within the suspected time window (at least one of them must be set).
    Object ids are mapped to persons through the providers' ``persons_for_object``."""
    result = Affected()
    if breach.suspect_user_id is None and breach.suspected_start is None:
        return result
    qs = AuditEvent.objects.all()
    if breach.suspect_user_id is not None:
        qs = qs.filter(actor_id=breach.suspect_user_id)
    if breach.suspected_start is not None:
        qs = qs.filter(at__gte=breach.suspected_start)
    end = breach.suspected_end or (breach.discovered_at if breach.suspected_start else None)
    if end is not None:
        qs = qs.filter(at__lte=end)
    qs = qs.exclude(object_id="").order_by("seq")
    rows = list(qs.values_list("action", "object_type", "object_id", "fields")[: MAX_BREACH_EVENTS + 1])
    if len(rows) > MAX_BREACH_EVENTS:
        result.truncated = True
        rows = rows[:MAX_BREACH_EVENTS]
    result.events = len(rows)
    categories: set[str] = set()
    objects: set[tuple[str, str]] = set()
    actions: dict[str, int] = defaultdict(int)
    for action, object_type, object_id, fields in rows:
        actions[action] += 1
        categories.update(str(f) for f in fields or [])
        objects.add((object_type, object_id))
    persons: set[int] = set()
    mappers = [p.persons_for_object for p in registry.providers() if p.persons_for_object]
    for object_type, object_id in objects:
        for mapper in mappers:
            persons.update(int(i) for i in mapper(object_type, object_id))
    # Only persons of the breach's organisation are listed to its officers.
    result.person_ids = sorted(
        Person.objects.filter(pk__in=persons, organisation_id=breach.organisation_id).values_list("pk", flat=True)
    )
    result.categories = sorted(categories)
    result.object_types = sorted({t for t, _ in objects if t})
    result.actions = dict(sorted(actions.items()))
    return result
