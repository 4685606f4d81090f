"""Molin PPA: kepala, admin and manajer_kasus of the organisation manage its vehicles, crew,
dispatch requests and trips; a crew member sees only the trips they ride on, with only what the
trip needs (pickup place, contact, safety notes) and never the linked case or report."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

MANAGERS = (Role.KEPALA, Role.ADMIN, Role.MANAJER_KASUS)


def is_crew(actor: Actor) -> bool:
    if not actor.is_authenticated:
        return False
    key = "outreach.is_crew"
    if key not in actor._cache:
        actor._cache[key] = CrewMember.objects.filter(user_id=actor.user.pk, is_active=True).exists()
    return bool(actor._cache[key])


class _OrgOwned(ObjectPolicy):
    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return action in {"view", "edit"} and actor.in_org(obj.organisation_id, *MANAGERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view", "edit"}:
            return qs.filter(organisation_id__in=actor.org_ids(*MANAGERS))
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


@register_policy
class TripPolicy(ObjectPolicy):
    """Actions: ``manage`` (the organisation's managers), ``view`` and ``log`` (managers or the crew)."""

    model = Trip

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        org_id = obj.request.organisation_id
        if actor.in_org(org_id, *MANAGERS):
            return action in {"manage", "view", "log"}
        if action in {"view", "log"} and actor.is_authenticated:
            return obj.crew.filter(user_id=actor.user.pk, is_active=True).exists()
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        managed = Q(request__organisation_id__in=actor.org_ids(*MANAGERS))
        if action == "manage":
            return qs.filter(managed)
        if action in {"view", "log"}:
            crew_trips = Trip.crew.through.objects.filter(crewmember__user_id=actor.user.pk, crewmember__is_active=True).values("trip_id")
            return qs.filter(managed | Q(pk__in=crew_trips))
        return qs.none()


@register_rule("outreach.use")
def _use(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS) or is_crew(actor)


@register_rule("outreach.manage")
def _manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)
