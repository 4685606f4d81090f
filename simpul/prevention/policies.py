"""Prevention (sosialisasi, trainings, campaigns): who sees and edits what.

* kepala and admin of the organiser manage its activities; kepala/admin of a partner
  organisation may view the activity.
* The named attendance list is protected data: only the organiser's kepala reads and keeps it
  (admin manages accounts and sees no named people outside user management).
* Campaigns are seen by kepala/admin/analis whose jurisdiction overlaps the organiser's (the
  organiser's region lies inside theirs, or contains it: a provincial or national campaign runs in
  every kabupaten below it); edited by kepala/admin of the organiser.
* analis (and kepala/admin) see aggregate reach statistics for their jurisdiction, never names.
* admin maintains the stakeholder-group reference list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.prevention.models import Activity, Campaign, StakeholderGroup
from simpul.regions.codes import ancestors_of, is_within

MANAGERS = (Role.KEPALA, Role.ADMIN)
AGGREGATE_ROLES = (Role.KEPALA, Role.ADMIN, Role.ANALIS)
NAMED_LIST_ROLES = (Role.KEPALA,)  # the named attendance list: not admin (accounts only)


def _overlaps(region_code: str | None, seat_code: str | None) -> bool:
    """A campaign of an organisation serving ``region_code`` concerns a seat over ``seat_code``
    when one area contains the other (None = national, containing every region)."""
    if region_code is None or seat_code is None:
        return True
    return is_within(region_code, seat_code) or is_within(seat_code, region_code)


def _campaign_region_q(actor: Actor) -> Q:
    q = Q(pk__in=[])
    for seat in actor.seats_with(*AGGREGATE_ROLES):
        if seat.region_code is None:
            return Q()
        q |= (
            Q(organisation__region_id__isnull=True)
            | Q(organisation__region_id__in=ancestors_of(seat.region_code))
            | Q(organisation__region__code__startswith=seat.region_code + ".")
        )
    return q


def _partner_activity_ids(org_ids: frozenset[int]) -> Any:
    return Activity.partners.through.objects.filter(organisation_id__in=org_ids).values("activity_id")


@register_policy
class ActivityPolicy(ObjectPolicy):
    model = Activity

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            if actor.in_org(obj.organisation_id, *MANAGERS):
                return True
            orgs = actor.org_ids(*MANAGERS)
            return bool(orgs) and Activity.partners.through.objects.filter(activity_id=obj.pk, organisation_id__in=orgs).exists()
        if action == "edit":
            return actor.in_org(obj.organisation_id, *MANAGERS)
        if action == "attendees":
            return actor.in_org(obj.organisation_id, *NAMED_LIST_ROLES)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        orgs = actor.org_ids(*MANAGERS)
        if action == "view":
            return qs.filter(Q(organisation_id__in=orgs) | Q(pk__in=_partner_activity_ids(orgs)))
        if action == "edit":
            return qs.filter(organisation_id__in=orgs)
        if action == "attendees":
            return qs.filter(organisation_id__in=actor.org_ids(*NAMED_LIST_ROLES))
        return qs.none()


@register_policy
class CampaignPolicy(ObjectPolicy):
    model = Campaign

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            region = obj.organisation.region_id
            return any(_overlaps(region, s.region_code) for s in actor.seats_with(*AGGREGATE_ROLES))
        if action == "edit":
            return actor.in_org(obj.organisation_id, *MANAGERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return qs.filter(_campaign_region_q(actor))
        if action == "edit":
            return qs.filter(organisation_id__in=actor.org_ids(*MANAGERS))
        return qs.none()


@register_policy
class StakeholderGroupPolicy(ObjectPolicy):
    model = StakeholderGroup

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            return actor.is_authenticated
        return action == "edit" and actor.has_role(Role.ADMIN)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs if self.can(actor, action, None) else qs.none()


@register_rule("prevention.use")
def _use(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*AGGREGATE_ROLES)


@register_rule("prevention.manage")
def _manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)


@register_rule("prevention.reach")
def _reach(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*AGGREGATE_ROLES)


@register_rule("prevention.reference")
def _reference(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(Role.ADMIN)
