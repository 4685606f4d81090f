"""Molin PPA: kepala, admin and manajer_kasus of the organisation manage its vehicles and crew;
dispatch requests and trips (linked to cases and reports, with pickup places and contacts) are
handled by kepala and manajer_kasus only: admin manages accounts and sees no named people outside
user management. A crew member sees only the trips they ride on, with only what the trip needs
(pickup place, contact, safety notes) and never the linked case or report."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

MANAGERS = (Role.KEPALA, Role.ADMIN, Role.MANAJER_KASUS)  # the fleet: vehicles and crew
DISPATCHERS = (Role.KEPALA, Role.MANAJER_KASUS)  # requests and trips: case-linked, named contacts


def is_crew(actor: Actor) -> bool:
    if not actor.is_authenticated:
        return False
    key = "outreach.is_crew"
    if key not in actor._cache:
        actor._cache[key] = CrewMember.objects.filter(user_id=actor.user_id, is_active=True).exists()
    return bool(actor._cache[key])


class _OrgOwned(ObjectPolicy):
    roles: tuple[str, ...] = MANAGERS

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return action in {"view", "edit"} and actor.in_org(obj.organisation_id, *self.roles)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view", "edit"}:
            return qs.filter(organisation_id__in=actor.org_ids(*self.roles))
        return qs.none()


@register_policy
class VehiclePolicy(_OrgOwned):
    model = Vehicle


@register_policy
class CrewMemberPolicy(_OrgOwned):
    model = CrewMember


@register_policy
class DispatchRequestPolicy(_OrgOwned):
    model = DispatchRequest
    roles = DISPATCHERS


@register_policy
class TripPolicy(ObjectPolicy):
    """Actions: ``manage`` (the organisation's dispatchers), ``view`` and ``log`` (dispatchers or the crew)."""

    model = Trip

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        org_id = obj.request.organisation_id
        if actor.in_org(org_id, *DISPATCHERS):
            return action in {"manage", "view", "log"}
        if action in {"view", "log"} and actor.is_authenticated:
            return obj.crew.filter(user_id=actor.user_id, is_active=True).exists()
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        managed = Q(request__organisation_id__in=actor.org_ids(*DISPATCHERS))
        if action == "manage":
            return qs.filter(managed)
        if action in {"view", "log"}:
            crew_trips = Trip.crew.through.objects.filter(crewmember__user_id=actor.user_id, crewmember__is_active=True).values("trip_id")
            return qs.filter(managed | Q(pk__in=crew_trips))
        return qs.none()


@register_rule("outreach.use")
def _use(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS) or is_crew(actor)


@register_rule("outreach.manage")
def _manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)


@register_rule("outreach.dispatch")
def _dispatch(actor: Actor, _obj: Any) -> bool:
    """Dispatch requests and trips of the organisation (not admin: case-linked, named contacts)."""
    return actor.has_role(*DISPATCHERS)
