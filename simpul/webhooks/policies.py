"""Who manages outbound webhooks: the admin of the endpoint's organisation (no one else sees an
endpoint, its deliveries or its log; to everyone else they do not exist)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.webhooks.models import Delivery, Endpoint

MANAGERS = (Role.ADMIN,)


@register_policy
class EndpointPolicy(ObjectPolicy):
    model = Endpoint

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return action in {"view", "edit"} and actor.in_org(obj.organisation_id, *MANAGERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view", "edit"}:
            return qs.filter(organisation_id__in=actor.org_ids(*MANAGERS))
        return qs.none()


@register_policy
class DeliveryPolicy(ObjectPolicy):
    model = Delivery

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return action in {"view", "edit"} and actor.in_org(obj.endpoint.organisation_id, *MANAGERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view", "edit"}:
            return qs.filter(endpoint__organisation_id__in=actor.org_ids(*MANAGERS))
        return qs.none()


@register_rule("webhooks.manage")
def _manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)
