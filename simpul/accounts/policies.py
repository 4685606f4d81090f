"""Who may manage organisations, users and API tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.accounts.models import Membership, Organisation, User


@register_policy
class OrganisationPolicy(ObjectPolicy):
    model = Organisation

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            return actor.in_org(obj.pk)
        if action in {"manage_users", "edit"}:
            return actor.in_org(obj.pk, Role.ADMIN)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return qs.filter(pk__in=actor.org_ids())
        if action in {"manage_users", "edit"}:
            return qs.filter(pk__in=actor.org_ids(Role.ADMIN))
        return qs.none()


@register_policy
class MembershipPolicy(ObjectPolicy):
    model = Membership

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action in {"view", "edit", "deactivate"}:
            return actor.in_org(obj.organisation_id, Role.ADMIN)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs.filter(organisation_id__in=actor.org_ids(Role.ADMIN))


@register_policy
class UserPolicy(ObjectPolicy):
    """An org admin manages the users who hold a membership in one of the admin's organisations."""

    model = User

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view_self":
            return actor.is_authenticated and obj.pk == actor.user_id
        if action in {"view", "edit", "reset_password", "reset_2fa", "deactivate"}:
            admin_orgs = actor.org_ids(Role.ADMIN)
            if not admin_orgs:
                return False
            return Membership.objects.filter(user_id=obj.pk, organisation_id__in=admin_orgs).exists()
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        admin_orgs = actor.org_ids(Role.ADMIN)
        return qs.filter(memberships__organisation_id__in=admin_orgs).distinct()


@register_rule("account.use")
def _account_use(actor: Actor, _obj: Any) -> bool:
    return actor.is_authenticated


@register_rule("users.manage")
def _users_manage(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(Role.ADMIN)
