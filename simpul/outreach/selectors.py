"""Reads of the Molin PPA module, scoped through access; protected fields are audited on view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from simpul import access
from simpul.audit import services as audit
from simpul.outreach.models import CrewMember, DispatchRequest, Trip


def trips_between(*, actor: Any, start: dt.datetime, end: dt.datetime) -> QuerySet[Trip]:
    return (
        access.visible(actor, Trip, "view")
        .filter(start_at__lt=end, end_at__gt=start)
        .select_related("vehicle", "request")
        .prefetch_related(Prefetch("crew", queryset=CrewMember.objects.select_related("user")))
        .order_by("start_at")
    )


def my_trips(*, actor: Any) -> QuerySet[Trip]:
    uid = access.actor_for(actor).user_id
    return (
        Trip.objects.filter(crew__user_id=uid, crew__is_active=True)
        .select_related("vehicle", "request")
        .prefetch_related(Prefetch("crew", queryset=CrewMember.objects.select_related("user")))
        .order_by("-start_at")
        .distinct()
    )


def reveal_request(*, actor: Any, req: DispatchRequest, request: Any = None, via: str = "request") -> dict[str, str]:
    """The protected trip details (pickup place, contact, safety notes); each reveal is audited."""
    audit.record("outreach.request_view", actor=actor, obj=req, organisation_id=req.organisation_id,
                 fields=["pickup_place", "contact", "safety_notes"], extra={"via": via}, request=request)
    return {"pickup_place": req.pickup_place, "contact": req.contact, "safety_notes": req.safety_notes}
