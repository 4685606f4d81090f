"""Every URL pattern has an expected answer for every role (and for an anonymous visitor).

Each module declares its expectations in ``simpul/<module>/tests/access_spec.py`` as a list
``SPECS`` of ``simpul.testing.UrlSpec``. This file fails when a URL pattern has no spec, or a
spec lacks a persona, and then checks every (URL, persona) pair over HTTP.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from simpul.testing import PERSONAS, UrlSpec, client_for

# URL names that are not ours to test here: the operator's Django admin (superuser only, tested
# below as a whole), static files and the i18n switch (tested in core).
EXEMPT_PREFIXES = ("admin:",)


def _walk(resolver: URLResolver, ns: str = "") -> list[str]:
    names: list[str] = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = ns
            if p.namespace:
                sub_ns = f"{ns}{p.namespace}:"
            names.extend(_walk(p, sub_ns))
        elif isinstance(p, URLPattern) and p.name:
            names.append(f"{ns}{p.name}")
    return names


def all_url_names() -> set[str]:
    return {n for n in _walk(get_resolver()) if not n.startswith(EXEMPT_PREFIXES)}


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


def test_every_url_has_an_access_spec() -> None:
    covered = {s.name for s in SPECS}
    missing = sorted(all_url_names() - covered)
    assert not missing, f"URL patterns without an access spec (add them to <module>/tests/access_spec.py): {missing}"


def test_every_spec_names_every_persona() -> None:
    problems = []
    for spec in SPECS:
        for persona in PERSONAS:
            try:
                spec.status_for(persona)
            except KeyError as exc:
                problems.append(str(exc))
    assert not problems, problems


def _resolve(value: Any, world: dict[str, Any]) -> Any:
    return value(world) if callable(value) else value


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_access(spec: UrlSpec, persona: str, demo: dict[str, Any]) -> None:
    world = dict(demo)
    if spec.setup:
        spec.setup(world)
    url = reverse(spec.name, kwargs=_resolve(spec.kwargs, world))
    if spec.query:
        url = f"{url}?{spec.query}"
    client = client_for(persona)
    data = _resolve(spec.data, world) if spec.data is not None else None
    method = getattr(client, spec.method.lower())
    kwargs: dict[str, Any] = {}
    if data is not None:
        if spec.content_type == "application/json":
            kwargs = {"data": json.dumps(data), "content_type": "application/json"}
        else:
            kwargs = {"data": data}
    response = method(url, **kwargs)
    expected = spec.status_for(persona)
    assert response.status_code == expected, (
        f"{spec.id} as {persona}: expected {expected}, got {response.status_code}"
    )


def test_django_admin_is_for_the_operator_only(demo: dict[str, Any]) -> None:
    for persona in PERSONAS:
        response = client_for(persona).get("/sistem/")
        assert response.status_code == 302, persona  # to the admin login: no org role gets in
