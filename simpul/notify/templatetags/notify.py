from __future__ import annotations

from typing import Any

from django import template

from simpul import access

register = template.Library()


@register.inclusion_tag("notify/_header.html", takes_context=True)
def staff_header(context: dict[str, Any]) -> dict[str, Any]:
    """The search box and the bell with the unread count, for signed-in staff (one COUNT)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not access.can(user, "notify.own"):
        return {"show": False}
    from simpul.notify.selectors import unread_count

    on_search = request.method == "POST" and request.resolver_match is not None and request.resolver_match.view_name == "core:search"
    return {"show": True, "unread": unread_count(user), "q": request.POST.get("q", "") if on_search else "", "csrf_token": context.get("csrf_token", "")}
