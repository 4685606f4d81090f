"""Region picker with type-ahead (HTMX); without JavaScript the same URL renders a full page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from simpul.regions import selectors
from simpul.regions.models import Region


@require_GET
def region_search(request: HttpRequest) -> HttpResponse:
    """Type-ahead results (an HTML fragment for HTMX). Public data; no sign-in needed."""
    term = request.GET.get("q", "")[:60]
    within = request.GET.get("within", "")[:13] or None
    try:
        max_level = min(max(int(request.GET.get("level", "4")), 1), 4)
    except ValueError:
        max_level = 4
    results = selectors.region_search(term, within=within, max_level=max_level)
    context = {"results": results, "q": term, "field": request.GET.get("field", "region")[:40]}
    if getattr(request, "htmx", False):
        return render(request, "regions/_results.html", context)
    # Without JavaScript the search form posts here as a normal page.
    context.update({"current": None, "children": selectors.region_children(None), "trail": []})
    return render(request, "regions/picker.html", context)


@require_GET
def region_picker(request: HttpRequest) -> HttpResponse:
    """Browse down the hierarchy: provinsi -> kabupaten -> kecamatan -> desa (works without JS)."""
    code = request.GET.get("kode", "")[:13]
    current = Region.objects.filter(code=code).first() if code else None
    children = selectors.region_children(current.code if current else None)
    trail = []
    node = current
    while node is not None:
        trail.insert(0, node)
        node = node.parent
    return render(request, "regions/picker.html", {"current": current, "children": children, "trail": trail})
