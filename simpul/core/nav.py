"""Navigation by role: modules register entries; each is shown only when the access layer
allows its action. Register in the module's AppConfig.ready() (see simpul/accounts/apps.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from simpul import access


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: str
    order: int = 100


_items: list[NavItem] = []


def register(label: str | Promise, url_name: str, action: str, order: int = 100) -> None:
    if any(item.url_name == url_name for item in _items):
        return
    _items.append(NavItem(label, url_name, action, order))
    _items.sort(key=lambda i: i.order)


def items_for(user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in _items
        if access.can(user, item.action)
    ]
