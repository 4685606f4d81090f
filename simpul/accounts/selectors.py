"""Reads about users and memberships, always scoped through the access layer."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from simpul import access
from simpul.accounts.models import Membership, Organisation, User


def org_members(*, actor: access.Principal, organisation: Organisation) -> list[dict[str, Any]]:
    """Members of ``organisation`` with their roles: two queries whatever the size."""
    access.check(actor, "manage_users", organisation)
    memberships = Membership.objects.filter(organisation=organisation).order_by("user__username", "role")
    roles: dict[int, list[str]] = defaultdict(list)
    active: dict[int, bool] = defaultdict(bool)
    for m in memberships.only("user_id", "role", "is_active"):
        roles[m.user_id].append(m.get_role_display())
        active[m.user_id] = active[m.user_id] or m.is_active
    users = User.objects.filter(pk__in=roles.keys()).order_by("username").only("id", "username", "first_name", "last_name", "is_active", "last_login")
    return [{"user": u, "roles": roles[u.pk], "active": active[u.pk] and u.is_active} for u in users]


def roles_in(*, user: User, organisation: Organisation) -> list[str]:
    return list(Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True))


def membership_active(*, user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, is_active=True).exists() and user.is_active


def organisations_where(actor: access.Principal, *roles: str, children: bool = False) -> Any:
    """The active organisations where the actor holds one of ``roles`` (any role when none is
    given), by id; with ``children`` also the organisations they formed (``parent``), e.g. the
    volunteer networks of a dinas. The one answer to "which organisations do I act for"."""
    from django.db.models import Q

    who = actor if isinstance(actor, access.Actor) else access.actor_for(actor)
    mine = who.org_ids(*roles)
    where = Q(pk__in=mine) | Q(parent_id__in=mine) if children else Q(pk__in=mine)
    return Organisation.objects.filter(where, is_active=True).order_by("pk")


def seat_labels(actor: access.Actor) -> list[tuple[str, str]]:
    """(role label, organisation name) for each of the actor's memberships."""
    from simpul.access.roles import Role

    names = dict(Organisation.objects.filter(pk__in=actor.org_ids()).values_list("pk", "name"))
    return [(str(Role(s.role).label), names.get(s.org_id, "")) for s in actor.seats]
