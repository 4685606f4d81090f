"""Region picker with type-ahead (HTMX); without JavaScript the same URL renders a full page."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from simpul.regions import codes, selectors
from simpul.regions.models import Region

_FIELD_RE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _int_param(request: HttpRequest, name: str, default: int) -> int:
    try:
        return min(max(int(request.GET.get(name, default)), 1), 4)
    except (TypeError, ValueError):
        return default


@require_GET
def region_search(request: HttpRequest) -> HttpResponse:
    """Type-ahead results (an HTML fragment for HTMX). Public data; no sign-in needed.

    Parameters: ``q`` (name or code, at least 2 characters), ``within`` (a dotted code),
    ``level`` (deepest level, 1-4), ``min_level`` (highest level), ``field`` (the form field
    the results fill in; without it they are links to the code list).
    """
    # Control characters (NUL breaks PostgreSQL text parameters) are never part of a name.
    term = _CONTROL_RE.sub("", request.GET.get("q", ""))[:60]
    raw_within = request.GET.get("within", "")[:13]
    within = raw_within if codes.is_valid(raw_within) else None
    max_level = _int_param(request, "level", 4)
    min_level = min(_int_param(request, "min_level", 1), max_level)
    field = request.GET.get("field", "")
    field = field if _FIELD_RE.match(field) else ""
    results = selectors.region_search(term, within=within, max_level=max_level, min_level=min_level)
    context: dict[str, Any] = {"results": results, "q": term, "field": field}
    if getattr(request, "htmx", False):
        return render(request, "regions/_results.html", context)
    # Without JavaScript the search form submits here as a normal page.
    context.update({"current": None, "children": selectors.region_children(None), "trail": [], "field": ""})
    return render(request, "regions/picker.html", context)


@require_GET
def region_picker(request: HttpRequest) -> HttpResponse:
    """Browse down the hierarchy: provinsi -> kabupaten -> kecamatan -> desa (works without JS)."""
    code = request.GET.get("kode", "")[:13]
    current = Region.objects.filter(code=code).first() if codes.is_valid(code) else None
    children = selectors.region_children(current.code if current else None)
    trail = []
    if current is not None:
        names = dict(Region.objects.filter(code__in=codes.ancestors_of(current.code)).values_list("code", "name"))
        trail = [(c, names.get(c, c)) for c in codes.ancestors_of(current.code)]
    return render(
        request, "regions/picker.html", {"current": current, "children": children, "trail": trail, "unknown": bool(code) and current is None}
    )
