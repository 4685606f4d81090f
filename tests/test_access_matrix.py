"""Every URL pattern has an expected answer for every role (and for an anonymous visitor).

Each module declares its expectations in ``simpul/<module>/tests/access_spec.py`` as a list
``SPECS`` of ``simpul.testing.UrlSpec``. This file fails when

* a URL pattern has no name (it could not be specified, so it would slip through),
* a (URL name, HTTP method) the view accepts has no spec,
* a spec lacks a persona, or lets a role in through ``default`` without naming it,

and then checks every (URL, persona) pair over HTTP: the nine roles of HSS, users of another
kabupaten and of the province, and API callers with tokens (every scope on its own, all scopes,
and read-only tokens, which are refused on every write).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from simpul.testing import ALL_PERSONAS, ANON, GRANTS, PERSONAS, ROLE_PERSONAS, UrlSpec, client_for

# URL names that are not ours to test here: the operator's Django admin (superuser only, tested
# below as a whole).
EXEMPT_PREFIXES = ("admin:",)
# Unnamed patterns that are not ours (routes as Django prints them): the operator's admin.
EXEMPT_UNNAMED_ROUTES = ("sistem/",)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Pattern:
    name: str | None  # namespace:name, or None when the pattern has no name
    route: str
    callback: Callable[..., Any]


def _walk(resolver: URLResolver, ns: str = "", prefix: str = "") -> Iterator[Pattern]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _walk(p, sub_ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield Pattern(f"{ns}{p.name}" if p.name else None, prefix + str(p.pattern), p.callback)


def all_patterns() -> list[Pattern]:
    return [
        p for p in _walk(get_resolver())
        if not (p.name or "").startswith(EXEMPT_PREFIXES) and not p.route.startswith(EXEMPT_UNNAMED_ROUTES)
    ]


def all_url_names() -> set[str]:
    return {p.name for p in all_patterns() if p.name}


def _ninja_operations(callback: Callable[..., Any]) -> list[Any] | None:
    """The Django Ninja operations behind a pattern's view (None for a Django view)."""
    for cell in getattr(callback, "__closure__", None) or ():
        contents = cell.cell_contents
        if type(contents).__name__ == "PathView" and hasattr(contents, "operations"):
            return list(contents.operations)
    return None


def _declared_methods(fn: Callable[..., Any]) -> set[str] | None:
    """Methods from ``require_http_methods``/``require_POST``/``require_GET`` anywhere in the
    decorator chain (None when the view does not restrict them)."""
    seen: set[int] = set()
    current: Any = fn
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = current.__closure__[code.co_freevars.index("request_method_list")]
            return {m.upper() for m in cell.cell_contents}
        current = getattr(current, "__wrapped__", None)
    return None


def methods_of(pattern: Pattern) -> set[str]:
    """HTTP methods the view behind ``pattern`` answers (HEAD and OPTIONS aside)."""
    ops = _ninja_operations(pattern.callback)
    if ops is not None:
        return {m.upper() for op in ops for m in op.methods}
    if isinstance(pattern.callback, functools.partial):  # Ninja's schema and root views
        return {"GET"}
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m) and m not in {"head", "options"}}
    declared = _declared_methods(pattern.callback)
    if declared is not None:
        return declared - {"HEAD", "OPTIONS"}
    inner = inspect.unwrap(pattern.callback)
    try:
        source = inspect.getsource(inner)
    except (OSError, TypeError):
        return {"GET", "POST"}
    return {"GET", "POST"} if "POST" in source else {"GET"}


def all_specs() -> list[UrlSpec]:
    specs: list[UrlSpec] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("simpul."):
            continue
        module_name = f"{config.name}.tests.access_spec"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        specs.extend(module.SPECS)
    return specs


SPECS = all_specs()
API_SPECS = [s for s in SPECS if s.name.startswith("api:")]


def test_every_url_pattern_is_named() -> None:
    unnamed = sorted(p.route for p in all_patterns() if p.name is None)
    assert not unnamed, f"URL patterns without a name cannot be given an access spec: {unnamed}"


def required_pairs() -> set[tuple[str, str]]:
    """(URL name, method) of every view. An API path with several operations (GET list, POST
    create) is keyed by each operation's own name, as the specs name them."""
    pairs: set[tuple[str, str]] = set()
    for p in all_patterns():
        if not p.name:
            continue
        ops = _ninja_operations(p.callback)
        if ops is not None:
            ns = p.name.rsplit(":", 1)[0]
            pairs |= {(f"{ns}:{op.url_name or p.name.rsplit(':', 1)[1]}", m.upper()) for op in ops for m in op.methods}
        else:
            pairs |= {(p.name, m) for m in methods_of(p)}
    return pairs


# (URL name, method) pairs that have no spec yet: the POST side of form pages whose GET is
# specified. Each module's owner adds the POST spec (an empty form: 400 for the roles let in);
# the lead deletes the line at merge. Nothing new may be added here.
UNSPECIFIED_YET: set[tuple[str, str]] = {
    ("cases:approval_request", "POST"),  # splitcases: add the POST spec
    ("cases:assessment_add", "POST"),  # splitcases: add the POST spec
    ("cases:assign", "POST"),  # splitcases: add the POST spec
    ("cases:edit", "POST"),  # splitcases: add the POST spec
    ("cases:incident_add", "POST"),  # splitcases: add the POST spec
    ("cases:legal", "POST"),  # splitcases: add the POST spec
    ("cases:note_correct", "POST"),  # splitcases: add the POST spec
    ("cases:open", "POST"),  # splitcases: add the POST spec
    ("cases:party_add", "POST"),  # splitcases: add the POST spec
    ("cases:party_edit", "POST"),  # splitcases: add the POST spec
    ("cases:referral_add", "POST"),  # splitcases: add the POST spec
    ("cases:referral_cancel", "POST"),  # splitcases: add the POST spec
    ("cases:reopen", "POST"),  # splitcases: add the POST spec
    ("cases:service_add", "POST"),  # splitcases: add the POST spec
    ("coordination:meeting_detail", "POST"),  # splitrest: add the POST spec
    ("intake:edit", "POST"),  # splitcases: add the POST spec
    ("intake:field_new", "POST"),  # splitcases: add the POST spec
    ("intake:officer_new", "POST"),  # splitcases: add the POST spec
    ("intake:public_status", "POST"),  # splitcases: add the POST spec
    ("intake:settings", "POST"),  # splitcases: add the POST spec
    ("intake:triage", "POST"),  # splitcases: add the POST spec
    ("privacy:breach_create", "POST"),  # splitrest: add the POST spec
    ("privacy:breach_detail", "POST"),  # splitrest: add the POST spec
    ("privacy:hold_list", "POST"),  # splitrest: add the POST spec
    ("privacy:person_consents", "POST"),  # splitrest: add the POST spec
    ("privacy:request_correct", "POST"),  # splitrest: add the POST spec
    ("privacy:request_create", "POST"),  # splitrest: add the POST spec
    ("privacy:request_erase", "POST"),  # splitrest: add the POST spec
}


def test_every_url_and_method_has_an_access_spec() -> None:
    covered = {(s.name, s.method.upper()) for s in SPECS}
    missing = sorted(required_pairs() - covered - UNSPECIFIED_YET)
    assert not missing, f"(URL name, method) without an access spec (add them to <module>/tests/access_spec.py): {missing}"
    stale = sorted(UNSPECIFIED_YET & covered)
    assert not stale, f"these have a spec now, remove them from UNSPECIFIED_YET: {stale}"


def test_the_method_walk_sees_restrictions_and_forms() -> None:
    """The coverage above relies on reading the methods of a view: check it on known ones."""
    by_name = {p.name: p for p in all_patterns() if p.name}
    assert methods_of(by_name["accounts:logout"]) == {"POST"}  # require_POST
    assert methods_of(by_name["core:healthz"]) == {"GET"}  # require_GET
    assert "POST" in methods_of(by_name["accounts:login"])  # a form
    assert methods_of(by_name["api:intake_list"]) == {"GET", "POST"}  # two operations on one path
    assert {("api:intake_list", "GET"), ("api:intake_create", "POST")} <= required_pairs()


def test_every_spec_names_every_persona() -> None:
    problems = []
    for spec in SPECS:
        for persona in ALL_PERSONAS:
            try:
                spec.status_for(persona)
            except KeyError as exc:
                problems.append(str(exc))
    assert not problems, problems


def test_no_role_is_let_in_by_default() -> None:
    """``default`` may refuse; a grant (200, 400, ...) must name its roles, or ``signed_in`` for a
    page every user has. A grant by default let every role in silently (e.g. a queue API)."""
    silent = [f"{s.id}: default={s.default}" for s in SPECS if s.silent_grant()]
    assert not silent, silent


def test_outsiders_are_derived_from_a_role_of_their_own() -> None:
    from simpul.testing import OUTSIDER_PERSONAS

    assert set(OUTSIDER_PERSONAS.values()) <= set(ROLE_PERSONAS)
    spec = UrlSpec("x", kwargs={"pk": 1}, expect={ANON: 302, "kepala": 200}, default=404)
    assert spec.status_for("kepala.kalsel") == 404  # an object of HSS
    assert UrlSpec("x", expect={ANON: 302, "kepala": 200}, default=403).status_for("kepala.kalsel") == 200  # a list page
    assert spec.silent_grant() is False and UrlSpec("x", expect={ANON: 401}, default=200).silent_grant() is True


def _resolve(value: Any, world: dict[str, Any]) -> Any:
    return value(world) if callable(value) else value


def _request(spec: UrlSpec, client: Any, world: dict[str, Any], **headers: str) -> Any:
    if spec.setup:
        spec.setup(world)
    url = reverse(spec.name, kwargs=_resolve(spec.kwargs, world))
    if spec.query:
        url = f"{url}?{spec.query}"
    data = _resolve(spec.data, world) if spec.data is not None else None
    method = getattr(client, spec.method.lower())
    kwargs: dict[str, Any] = dict(headers)
    if data is not None:
        if spec.content_type == "application/json":
            kwargs.update(data=json.dumps(data), content_type="application/json")
        else:
            kwargs["data"] = data
    return method(url, **kwargs)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_access(spec: UrlSpec, persona: str, demo: dict[str, Any]) -> None:
    response = _request(spec, client_for(persona), dict(demo))
    expected = spec.status_for(persona)
    assert response.status_code == expected, (
        f"{spec.id} as {persona}: expected {expected}, got {response.status_code}"
    )


# --- API callers with tokens -------------------------------------------------------------------


def _operation(spec: UrlSpec) -> Any:
    for p in all_patterns():
        if p.name == spec.name:
            for op in _ninja_operations(p.callback) or ():
                if spec.method.upper() in op.methods:
                    return op
    raise LookupError(spec.id)


def _scope_of(spec: UrlSpec) -> str | None:
    return getattr(_operation(spec).view_func, "simpul_scope", None)


def _token_client(username: str, scopes: list[str]) -> tuple[Any, dict[str, str]]:
    from django.test import Client

    from simpul.accounts.models import User
    from simpul.api.tokens import token_create

    _token, raw = token_create(user=User.objects.get(username=username), scopes=scopes, days=1)
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _needs_token(spec: UrlSpec) -> bool:
    return spec.status_for(ANON) == 401


TOKEN_SPECS = [s for s in API_SPECS if _needs_token(s)]
ROLES = tuple(ROLE_PERSONAS)


def test_every_token_api_operation_declares_its_scope() -> None:
    """Without ``require_scope`` a token of any scope would reach the endpoint."""
    from simpul.api.models import SCOPES

    unscoped = [s.id for s in TOKEN_SPECS if _scope_of(s) is None and s.name not in TOKEN_SCOPE_EXEMPT]
    assert not unscoped, unscoped
    assert all(_scope_of(s) in SCOPES for s in TOKEN_SPECS if s.name not in TOKEN_SCOPE_EXEMPT)


# Token endpoints without one scope, each with its own rule (tested in the api module).
TOKEN_SCOPE_EXEMPT = {
    "api:me_token_revoke": "a token may revoke only itself (any scope: it only removes access)",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("spec", TOKEN_SPECS, ids=[s.id for s in TOKEN_SPECS])
def test_token_with_every_scope_answers_like_the_session(spec: UrlSpec, role: str, demo: dict[str, Any]) -> None:
    from simpul.api.models import SCOPES

    client, headers = _token_client(ROLE_PERSONAS[role], list(SCOPES))
    expected = spec.status_for(role)
    if spec.name in TOKEN_SCOPE_EXEMPT and spec.method.upper() in WRITE_METHODS:
        expected = 403  # not the token's own prefix
    response = _request(spec, client, dict(demo), **headers)
    assert response.status_code == expected, f"{spec.id} as {role} (token, all scopes): expected {expected}, got {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("spec", [s for s in TOKEN_SPECS if s.method.upper() in WRITE_METHODS],
                         ids=[s.id for s in TOKEN_SPECS if s.method.upper() in WRITE_METHODS])
def test_read_only_token_is_refused_on_every_write(spec: UrlSpec, role: str, demo: dict[str, Any]) -> None:
    from simpul.api.models import SCOPES

    client, headers = _token_client(ROLE_PERSONAS[role], [s for s in SCOPES if s.endswith(":read")])
    response = _request(spec, client, dict(demo), **headers)
    assert response.status_code == 403, f"{spec.id} as {role} with a read-only token: {response.status_code}"


def _granted_role(spec: UrlSpec) -> str | None:
    return next((r for r in ROLES if spec.status_for(r) in GRANTS), None)


@pytest.mark.parametrize("spec", TOKEN_SPECS, ids=[s.id for s in TOKEN_SPECS])
def test_each_scope_opens_only_its_endpoints(spec: UrlSpec, demo: dict[str, Any]) -> None:
    """For a role the endpoint lets in: a token with exactly the endpoint's scope answers like the
    session; a token with any one other scope is refused (403)."""
    from simpul.api.models import SCOPES

    role = _granted_role(spec)
    needed = _scope_of(spec)
    if role is None or needed is None:
        pytest.skip("no role is let in, or the endpoint has its own token rule")
    for scope in SCOPES:
        client, headers = _token_client(ROLE_PERSONAS[role], [scope])
        response = _request(spec, client, dict(demo), **headers)
        expected = spec.status_for(role) if scope == needed else 403
        assert response.status_code == expected, f"{spec.id} as {role} with only {scope}: expected {expected}, got {response.status_code}"


def test_django_admin_is_for_the_operator_only(demo: dict[str, Any]) -> None:
    for persona in PERSONAS:
        response = client_for(persona).get("/sistem/")
        assert response.status_code == 302, persona  # to the admin login: no org role gets in
