"""Template filters turning codes into words (simpul/core/labels.py):
``{% load labels %}`` then ``action_label``, ``code_label:"app.Choices"``, ``or_missing``, ``actor_name``."""

from __future__ import annotations

from typing import Any

from django import template

from simpul.core import labels

register = template.Library()


@register.filter
def action_label(code: Any) -> str:
    return labels.action_label(code)


@register.filter
def code_label(code: Any, spec: str) -> str:
    return labels.code_label(code, spec)


@register.filter
def code_labels(codes: Any, spec: str) -> list[str]:
    return [labels.code_label(c, spec) for c in codes or ()]


@register.filter
def or_missing(value: Any) -> Any:
    return labels.or_missing(value)


@register.filter
def actor_name(user: Any) -> str:
    return labels.actor_name(user)
