"""Mechanics of the access layer: the acting user's memberships, a registry of
object policies (by model) and of named rules (actions not bound to an object).

Unknown actions are denied: a rule that was never written cannot grant anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from simpul.access.roles import ROLES_REQUIRING_2FA
from simpul.regions.codes import is_within

M = TypeVar("M", bound=models.Model)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Who acts: a signed-in or anonymous user (``request.user``), nobody, or an Actor already built.
    AuthUser: TypeAlias = AbstractBaseUser | AnonymousUser
    Principal: TypeAlias = "Actor | AbstractBaseUser | AnonymousUser | None"
else:  # the auth models cannot be imported before the app registry is ready
    AuthUser = Any
    Principal = Any


class AccessDenied(PermissionDenied):
    """The user is known but may not do this (HTTP 403)."""

    default_message = _("Anda tidak berwenang melakukan tindakan ini.")

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or self.default_message)


@dataclass(frozen=True)
class Seat:
    """One active membership: a role in an organisation with its jurisdiction."""

    org_id: int
    org_type: str
    region_code: str | None  # None = national
    role: str


@dataclass
class Actor:
    """The acting user as the access layer sees it. Built once per request."""

    user: AuthUser | None
    seats: tuple[Seat, ...] = ()
    is_operator: bool = False  # Django superuser: system operator, uses Django admin only
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated and self.user.is_active)

    @property
    def scope_key(self) -> tuple[Any, ...]:
        """What the object policies' ``scope()`` may depend on: the user's id, the operator flag
        and the seats (read from the database for every request). A scope is a pure function of
        this key, so a statement compiled for one key can be reused for an equal one."""
        return (getattr(self.user, "pk", None), self.is_operator, self.seats)

    @property
    def user_id(self) -> int:
        """The user's id; 0 (no user has it) for an anonymous actor, so a filter on it never
        matches rows without a user."""
        pk = getattr(self.user, "pk", None)
        return int(pk) if pk is not None else 0

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(s.role for s in self.seats)

    def has_role(self, *roles: str) -> bool:
        return any(s.role in roles for s in self.seats)

    def org_ids(self, *roles: str) -> frozenset[int]:
        """Organisations in which the actor holds any of ``roles`` (all roles if none given)."""
        return frozenset(s.org_id for s in self.seats if not roles or s.role in roles)

    def seats_with(self, *roles: str) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.role in roles)

    def in_org(self, org_id: int | None, *roles: str) -> bool:
        return org_id is not None and org_id in self.org_ids(*roles)

    def covers_region(self, region_code: str | None, *roles: str) -> bool:
        """Whether a seat with one of ``roles`` has a jurisdiction containing ``region_code``."""
        for s in self.seats_with(*roles):
            if s.region_code is None or is_within(region_code, s.region_code):
                return True
        return False

    @property
    def needs_second_factor(self) -> bool:
        return any(s.role in ROLES_REQUIRING_2FA for s in self.seats)

    @property
    def is_verified(self) -> bool:
        checker = getattr(self.user, "is_verified", None)
        return bool(checker()) if callable(checker) else False


ANONYMOUS = Actor(user=None)


SeatRow = tuple[int, str, "str | None", str]
_seat_source: list[Callable[[int], Iterable[SeatRow]]] = []


def register_seat_source(source: Callable[[int], Iterable[SeatRow]]) -> None:
    """Where seats come from: a function of a user id returning its active memberships as
    (organisation id, organisation type, region code, role). Registered once by the accounts
    module, so the access layer imports no module above it."""
    _seat_source[:] = [source]


def actor_for(user: AuthUser | None) -> Actor:
    """The Actor for ``user``, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached: Actor | None = getattr(user, "_simpul_actor", None)
    if cached is not None:
        return cached
    if not _seat_source:
        raise RuntimeError("no seat source registered (simpul.accounts registers one in ready())")
    rows = _seat_source[0](user.pk)
    actor = Actor(user=user, seats=tuple(Seat(*row) for row in rows), is_operator=bool(getattr(user, "is_superuser", False)))
    setattr(user, "_simpul_actor", actor)  # noqa: B010 - a per-request cache on the user object
    return actor


def forget_actor(user: AuthUser) -> None:
    """Drop the cached Actor after memberships change."""
    if hasattr(user, "_simpul_actor"):
        del user._simpul_actor


class ObjectPolicy:
    """Rules for one model. Subclasses set ``model`` and implement both methods. ``scope()``
    must depend on nothing but ``actor.scope_key`` (user id, operator flag, seats) and its
    arguments: per-user conditions (assignments, shares) belong in the SQL it returns."""

    model: type[models.Model]

    def can(self, actor: Actor, action: str, obj: models.Model) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def scope(self, actor: Actor, qs: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:  # pragma: no cover
        raise NotImplementedError


_policies: dict[type[models.Model], ObjectPolicy] = {}
_rules: dict[str, Callable[[Actor, Any], bool]] = {}


def register_policy(policy_cls: type[ObjectPolicy]) -> type[ObjectPolicy]:
    if policy_cls.model in _policies:
        raise RuntimeError(f"two access policies for {policy_cls.model.__name__}")
    _policies[policy_cls.model] = policy_cls()
    return policy_cls


def register_rule(*actions: str) -> Callable[[Callable[[Actor, Any], bool]], Callable[[Actor, Any], bool]]:
    """Register a rule for named actions that are not about one object (e.g. ``stats.view``)."""

    def deco(fn: Callable[[Actor, Any], bool]) -> Callable[[Actor, Any], bool]:
        for action in actions:
            if action in _rules:
                raise RuntimeError(f"two access rules for {action}")
            _rules[action] = fn
        return fn

    return deco


def _policy_for(model: type[models.Model]) -> ObjectPolicy:
    for klass in model.__mro__:
        if klass in _policies:
            return _policies[klass]
    raise LookupError(f"no access policy for {model.__name__}: add one in the model's module, simpul/<module>/policies.py")


def actor_for_principal(user_or_actor: Principal) -> Actor:
    """The Actor for a user, or the Actor itself."""
    return user_or_actor if isinstance(user_or_actor, Actor) else actor_for(user_or_actor)


_actor = actor_for_principal


def can(user: Principal, action: str, obj: Any = None) -> bool:
    actor = _actor(user)
    if isinstance(obj, models.Model):
        return bool(_policy_for(type(obj)).can(actor, action, obj))
    rule = _rules.get(action)
    if rule is None:
        return False
    return bool(rule(actor, obj))


def check(user: Principal, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise AccessDenied()


def visible(user: Principal, model_or_qs: type[M] | models.QuerySet[M], action: str = "view") -> models.QuerySet[M]:
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs._default_manager.all()
    actor = _actor(user)
    if not actor.is_authenticated:
        return qs.none()
    return _policy_for(qs.model).scope(actor, qs, action)


def get_or_404(user: Principal, model_or_qs: type[M] | models.QuerySet[M], action: str = "view", **lookup: Any) -> M:
    """Fetch one object the user may see; anything else (absent or hidden) is 404, so
    an outsider cannot even learn that the object exists."""
    try:
        return visible(user, model_or_qs, action).get(**lookup)
    except (models.ObjectDoesNotExist, ValueError, TypeError):
        raise Http404() from None


def registered_actions() -> Iterable[str]:
    return sorted(_rules)
