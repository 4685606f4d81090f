from typing import Any

from django import template

register = template.Library()


@register.filter
def who(user: Any) -> str:
    """A staff member's display name (— when unknown or system)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
