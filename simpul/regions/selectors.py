"""Reads of region codes (public data: no access check needed)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from simpul.regions.models import Region


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_children(code: str | None) -> QuerySet[Region]:
    qs = Region.objects.only("code", "name", "level")
    if code is None:
        return qs.filter(level=1).order_by("code")
    return qs.filter(parent_id=code).order_by("code")


def region_search(
    term: str, *, within: str | None = None, max_level: int = 4, min_level: int = 1, limit: int = 20
) -> list[Region]:
    """Type-ahead: regions whose name contains ``term`` (or whose code starts with it),
    optionally inside region ``within`` and between ``min_level`` and ``max_level``."""
    term = term.strip()
    if len(term) < 2:
        return []
    qs = Region.objects.only("code", "name", "level", "parent_id").filter(level__lte=max_level, level__gte=min_level)
    if within:
        qs = qs.filter(Q(code=within) | Q(code__startswith=within + "."))
    if term[0].isdigit():
        qs = qs.filter(code__startswith=term)
    else:
        qs = qs.filter(search_name__contains=term.upper())
    return list(qs.order_by("level", "code")[:limit])
