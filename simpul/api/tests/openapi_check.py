"""Test helpers for API operations: tokens and validation of a response against the OpenAPI
document (the documented status code and the body schema)."""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema_rs
from django.test import Client

from simpul.api.tokens import token_create


@functools.cache
def document() -> dict[str, Any]:
    return json.loads(Client().get("/api/v1/openapi.json").content)


def conforms(response: Any, method: str, path: str) -> Any:
    """Assert that ``response`` (to ``method path``, the path as in the document, e.g.
    ``/api/v1/prevention/activities/{activity_id}``) is documented and its body matches; returns the body."""
    doc = document()
    op = doc["paths"][path][method.lower()]
    answer = op["responses"].get(str(response.status_code))
    assert answer is not None, f"{method} {path}: status {response.status_code} not documented"
    body = json.loads(response.content) if response.content else None
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema is not None:
        jsonschema_rs.validator_for({**schema, "components": doc["components"]}).validate(body)
    return body


def bearer(user: Any, *scopes: str) -> Client:
    _token, raw = token_create(user=user, scopes=list(scopes), days=1)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
