from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from simpul.core import nav


def simpul(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"nav_items": nav.items_for(user) if user is not None else []}
