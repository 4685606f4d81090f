"""Registry of computed indicators: aggregate numbers for a region and a year, each computed by
the module that owns the data and registered from that module's ``AppConfig.ready()``; the RAD
plans of ``simpul.coordination`` read them (``coordination/indicators.py``).

A computation takes (region code or None for all regions, year) and returns a Decimal, or None
when there is nothing to count. It returns aggregates only: no case content leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise

Compute = Callable[[str | None, int], Decimal | None]


@dataclass(frozen=True)
class Computation:
    key: str
    label: str | Promise
    unit: str | Promise
    fn: Compute


REGISTRY: dict[str, Computation] = {}


def register(key: str, label: str | Promise, unit: str | Promise, fn: Compute) -> None:
    """Register ``fn`` under ``key`` (the key stored on an indicator: never rename one)."""
    existing = REGISTRY.get(key)
    if existing is not None and existing.fn is not fn:
        raise ValueError(f"indicator computation {key!r} is registered twice")
    REGISTRY[key] = Computation(key, label, unit, fn)


def choices() -> list[tuple[str, str]]:
    return [(c.key, str(c.label)) for c in REGISTRY.values()]


def compute(key: str, region_code: str | None, year: int) -> Decimal | None:
    comp = REGISTRY.get(key)
    return None if comp is None else comp.fn(region_code, year)
