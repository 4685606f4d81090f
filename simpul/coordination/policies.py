"""Coordination and RAD: who sees and edits task forces, meetings, the relawan/Satgas registry
and the regional action plan.

* A task force is managed by kepala/admin of its secretariat organisation. Every user of the
  secretariat or of a member organisation (and a member user) sees it, its meetings and action items.
* The relawan/Satgas registry (names encrypted) is kept by the kepala of the network's
  organisation or of its parent (the dinas that formed it); not by admin, who manages accounts
  and sees no named people outside user management.
* A RAD plan is managed by kepala/admin of its organisation; realisations may also be entered by
  kepala/admin of an indicator's responsible organisation. analis (and kepala/admin whose
  jurisdiction covers the plan's region) see the progress report: aggregates only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.coordination.models import (
    ActionItem,
    Indicator,
    Meeting,
    Plan,
    TaskForce,
    TaskForceMember,
    Volunteer,
)

MANAGERS = (Role.KEPALA, Role.ADMIN)
REGISTRY_KEEPERS = (Role.KEPALA,)  # the named relawan/Satgas registry
AGGREGATE_ROLES = (Role.KEPALA, Role.ADMIN, Role.ANALIS)


def _member_task_forces(actor: Actor) -> Any:
    return TaskForceMember.objects.filter(Q(organisation_id__in=actor.org_ids()) | Q(user_id=actor.user_id)).values("task_force_id")


def in_any_task_force(actor: Actor) -> bool:
    if not actor.is_authenticated:
        return False
    key = "coordination.member"
    if key not in actor._cache:
        actor._cache[key] = (
            TaskForce.objects.filter(organisation_id__in=actor.org_ids()).exists()
            or TaskForceMember.objects.filter(Q(organisation_id__in=actor.org_ids()) | Q(user_id=actor.user_id)).exists()
        )
    return bool(actor._cache[key])


def _tf_view(actor: Actor, tf_id: int, owner_id: int) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.in_org(owner_id):
        return True
    return TaskForceMember.objects.filter(Q(organisation_id__in=actor.org_ids()) | Q(user_id=actor.user_id), task_force_id=tf_id).exists()


def _region_q(actor: Actor, field: str, *roles: str) -> Q:
    q = Q(pk__in=[])
    for seat in actor.seats_with(*roles):
        if seat.region_code is None:
            return Q()
        q |= Q(**{field: seat.region_code}) | Q(**{f"{field.removesuffix('_id')}__code__startswith": seat.region_code + "."})
    return q


@register_policy
class TaskForcePolicy(ObjectPolicy):
    model = TaskForce

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            return _tf_view(actor, obj.pk, obj.organisation_id)
        if action == "edit":
            return actor.in_org(obj.organisation_id, *MANAGERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return qs.filter(Q(organisation_id__in=actor.org_ids()) | Q(pk__in=_member_task_forces(actor)))
        if action == "edit":
            return qs.filter(organisation_id__in=actor.org_ids(*MANAGERS))
        return qs.none()


class _TaskForceChild(ObjectPolicy):
    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return TaskForcePolicy().can(actor, action, obj.task_force)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs.filter(task_force__in=TaskForcePolicy().scope(actor, TaskForce.objects.all(), action))


@register_policy
class MeetingPolicy(_TaskForceChild):
    model = Meeting


@register_policy
class ActionItemPolicy(_TaskForceChild):
    model = ActionItem


@register_policy
class VolunteerPolicy(ObjectPolicy):
    model = Volunteer

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action not in {"view", "edit"}:
            return False
        if actor.in_org(obj.organisation_id, *REGISTRY_KEEPERS):
            return True
        return actor.in_org(obj.organisation.parent_id, *REGISTRY_KEEPERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action not in {"view", "edit"}:
            return qs.none()
        orgs = actor.org_ids(*REGISTRY_KEEPERS)
        return qs.filter(Q(organisation_id__in=orgs) | Q(organisation__parent_id__in=orgs))


@register_policy
class PlanPolicy(ObjectPolicy):
    """Actions: ``view`` (structure), ``progress`` (aggregate progress and exports), ``edit``."""

    model = Plan

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        owner = actor.in_org(obj.organisation_id, *MANAGERS)
        if action in {"view", "edit"}:
            return owner
        if action == "progress":
            return owner or actor.in_org(obj.organisation_id, Role.ANALIS) or actor.covers_region(obj.region_id, *AGGREGATE_ROLES)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        owner = Q(organisation_id__in=actor.org_ids(*MANAGERS))
        if action in {"view", "edit"}:
            return qs.filter(owner)
        if action == "progress":
            if not actor.has_role(*AGGREGATE_ROLES):
                return qs.none()
            return qs.filter(owner | Q(organisation_id__in=actor.org_ids(Role.ANALIS)) | _region_q(actor, "region_id", *AGGREGATE_ROLES))
        return qs.none()


@register_policy
class IndicatorPolicy(ObjectPolicy):
    """``realise``: enter a realisation (plan owner or the indicator's responsible organisation)."""

    model = Indicator

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        plan = obj.activity.programme.plan
        if action == "view":
            return PlanPolicy().can(actor, "view", plan) or actor.in_org(obj.responsible_id, *MANAGERS)
        if action == "edit":
            return PlanPolicy().can(actor, "edit", plan)
        if action == "realise":
            return PlanPolicy().can(actor, "edit", plan) or actor.in_org(obj.responsible_id, *MANAGERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        orgs = actor.org_ids(*MANAGERS)
        owner = Q(activity__programme__plan__organisation_id__in=orgs)
        if action == "edit":
            return qs.filter(owner)
        if action in {"view", "realise"}:
            return qs.filter(owner | Q(responsible_id__in=orgs))
        return qs.none()


@register_rule("coordination.use")
def _use(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*AGGREGATE_ROLES) or in_any_task_force(actor)


@register_rule("coordination.manage")
def _manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)


@register_rule("coordination.registry")
def _registry(actor: Actor, _obj: Any) -> bool:
    """The relawan/Satgas registry pages (names): kepala, not admin."""
    return actor.has_role(*REGISTRY_KEEPERS)
