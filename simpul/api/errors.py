"""The shape of every error answer of the API (``{"message": ..., "detail": ...}``)."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    message: str
    detail: Any = None


def is_json(content_type: str) -> bool:
    """``application/json`` or an ``application/*+json`` type (parameters such as charset ignored)."""
    main = (content_type or "").split(";", 1)[0].strip().lower()
    return main == "application/json" or (main.startswith("application/") and main.endswith("+json"))
