from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from simpul.guide.content import section_for

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context: dict[str, Any]) -> str:
    """The guide's section for the page being shown (``content.HELP_FOR``)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return reverse("guide:index") + "#" + section_for(getattr(match, "view_name", None))
