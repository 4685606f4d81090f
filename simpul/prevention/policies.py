"""Prevention (sosialisasi, trainings, campaigns): who sees and edits what.

* kepala and admin of the organiser manage its activities (and the named attendance list,
  which is protected data); kepala/admin of a partner organisation may view the activity.
* analis (and kepala/admin) see aggregate reach statistics for their jurisdiction, never names.
* admin maintains the stakeholder-group reference list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.prevention.models import Activity, Campaign, StakeholderGroup

MANAGERS = (Role.KEPALA, Role.ADMIN)
AGGREGATE_ROLES = (Role.KEPALA, Role.ADMIN, Role.ANALIS)


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
        if action in {"edit", "attendees"}:
            return actor.in_org(obj.organisation_id, *MANAGERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        orgs = actor.org_ids(*MANAGERS)
        if action == "view":
            return qs.filter(Q(organisation_id__in=orgs) | Q(pk__in=_partner_activity_ids(orgs)))
        if action in {"edit", "attendees"}:
            return qs.filter(organisation_id__in=orgs)
        return qs.none()


@register_policy
class CampaignPolicy(ObjectPolicy):
    model = Campaign

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            return actor.has_role(*AGGREGATE_ROLES)
        if action == "edit":
            return actor.in_org(obj.organisation_id, *MANAGERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action == "view" and actor.has_role(*AGGREGATE_ROLES):
            return qs
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
