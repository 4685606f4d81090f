"""The one access layer: "may this user do this action on this object" and
"which objects of this type may this user see".

Every view, API endpoint, service, selector and export asks here; nothing
else decides. Each module keeps its rules in ``simpul/<module>/policies.py``, registered
from its ``AppConfig.ready()``; this package is the mechanism and imports no domain module.

    from simpul import access
    access.can(user, "case.view", case)      -> bool
    access.check(user, "case.edit", case)    -> None or raises AccessDenied (HTTP 403)
    access.visible(user, Case)               -> QuerySet of what the user may see
    access.get_or_404(user, Case, pk=1)      -> the object, or Http404 when not visible
"""

from simpul.access.core import (
    AccessDenied,
    Actor,
    AuthUser,
    ObjectPolicy,
    Principal,
    actor_for,
    actor_for_principal,
    can,
    check,
    get_or_404,
    register_policy,
    register_rule,
    register_seat_source,
    visible,
)

__all__ = [
    "AccessDenied",
    "Actor",
    "AuthUser",
    "ObjectPolicy",
    "Principal",
    "actor_for",
    "actor_for_principal",
    "can",
    "check",
    "get_or_404",
    "register_policy",
    "register_rule",
    "register_seat_source",
    "visible",
]
