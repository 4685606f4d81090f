"""Navigation by role: modules register entries; each is shown only when the access layer
allows its action. Register in the module's AppConfig.ready() (see simpul/cases/apps.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from simpul import access


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: str
    order: int = 100


_items: list[NavItem] = []
logger = logging.getLogger(__name__)


def register(label: str | Promise, url_name: str, action: str, order: int = 100) -> None:
    if any(item.url_name == url_name for item in _items):
        return
    _items.append(NavItem(label, url_name, action, order))
    _items.sort(key=lambda i: i.order)


def items_for(user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    result = []
    for item in _items:
        if not access.can(user, item.action):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            # A module registered a menu entry without its URL: skip it rather than break every page.
            logger.warning("nav entry %s has no URL", item.url_name)
            continue
        result.append({"label": item.label, "url": url, "url_name": item.url_name})
    return result
