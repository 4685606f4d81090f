"""Every form field and every API input is one of the shared validated kinds (simpul/validators.py).

A new form with a plain ``forms.DateField`` or a new API schema with a bare ``int``, ``str``,
``bool`` or ``date`` fails here: those are the holes year 1, 2**63, NUL and lone surrogates
went through (Issue 12).
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import types
import typing
import uuid
from typing import Any

import pytest
from django import forms
from django.apps import apps
from pydantic import BaseModel

from simpul import validators as v

# Fields whose values are restricted by a closed set (choices, a queryset) or by nature.
SAFE_FORM_FIELDS = (forms.ChoiceField, forms.BooleanField, forms.FileField)


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("simpul."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.forms":
                continue
            raise
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                found.append(obj)
    return found


FORMS = _form_classes()


def test_the_walk_finds_the_forms() -> None:
    names = {f.__name__ for f in FORMS}
    assert {"OfficerReportForm", "CaseOpenForm", "RequestForm", "ActivityForm", "AttachmentUploadForm"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=[f"{f.__module__}.{f.__name__}" for f in FORMS])
def test_every_form_field_is_a_validated_kind(form_class: type[forms.BaseForm]) -> None:
    bad = []
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(field, v.ModelMultipleChoiceField):
            bad.append(f"{name}: {type(field).__name__} (ids are not range-checked before IN (...))")
            continue
        if isinstance(field, (*SAFE_FORM_FIELDS, forms.ModelChoiceField)):
            continue
        if not isinstance(field, v.Validated):
            bad.append(f"{name}: {type(field).__module__}.{type(field).__name__}")
            continue
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
            assert field.min_value is not None and field.max_value is not None, name
            assert -v.INT_MAX <= field.min_value and field.max_value <= v.INT_MAX, name
        if isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField) and not isinstance(field.widget, forms.Textarea | forms.HiddenInput):
            assert field.max_length, f"{form_class.__name__}.{name}: a one-line text field needs max_length"
    assert not bad, f"{form_class.__name__}: fields not from simpul.validators: {bad}"


# --- the API ---------------------------------------------------------------------------------

_SAFE_TYPES = (uuid.UUID, type(None))


def _problems(annotation: Any, metadata: list[Any], where: str, seen: set[Any]) -> list[str]:
    """Why ``annotation`` is not a validated kind (empty when it is)."""
    if any(isinstance(m, v.Validated) for m in metadata):
        return []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _problems(base, [*metadata, *meta], where, seen)
    if origin in (typing.Union, types.UnionType):
        return [p for arg in typing.get_args(annotation) for p in _problems(arg, metadata, where, seen)]
    if origin in (list, tuple, set, frozenset):
        return [p for arg in typing.get_args(annotation) if arg is not Ellipsis for p in _problems(arg, [], where, seen)]
    if origin is typing.Literal:
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        out = []
        for fname, info in annotation.model_fields.items():
            out += _problems(info.annotation, list(info.metadata), f"{where}.{fname}", seen)
        return out
    if isinstance(annotation, type) and (issubclass(annotation, _SAFE_TYPES) or issubclass(annotation, enum.Enum)):
        return []
    return [f"{where}: {annotation!r}"]


def _operations() -> list[tuple[str, Any]]:
    from simpul.api.api import api

    def walk(prefix: str, router: Any) -> list[tuple[str, Any]]:
        found = [(prefix, router)]
        for child_prefix, child, *_rest in router._routers:  # routers added to a module's router
            found += walk(prefix + child_prefix.strip("/") + "/" if child_prefix.strip("/") else prefix, child)
        return found

    routers = [pair for prefix, router in api._routers for pair in walk(prefix, router)]
    ops = []
    for prefix, router in routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                if not op.include_in_schema:
                    continue
                ops.append((f"{'/'.join(op.methods)} {prefix}{path}", op))
    return ops


OPERATIONS = _operations()


def test_the_walk_finds_the_operations() -> None:  # (the JSON-404 fallback for unknown paths is left out)
    ids = {i for i, _op in OPERATIONS}
    assert "POST /intake" in ids and "GET /cases" in ids and "POST /cases/{case_id}/referrals" in ids


@pytest.mark.parametrize("op_id,op", OPERATIONS, ids=[i for i, _ in OPERATIONS])
def test_every_api_input_is_a_validated_kind(op_id: str, op: Any) -> None:
    problems: list[str] = []
    for model in op.models:
        problems += _problems(model, [], op_id, set())
    assert not problems, "API inputs not typed with simpul.validators: " + "; ".join(problems)


def test_the_checker_catches_bare_types() -> None:
    class Bad(BaseModel):
        when: dt.date
        n: int
        ok: typing.Annotated[int, v.integer(0, 5)]

    assert [p.split(": ")[0] for p in _problems(Bad, [], "Bad", set())] == ["Bad.when", "Bad.n"]
