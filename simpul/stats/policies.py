"""Who sees statistics, and of which jurisdiction.

* kepala, manajer_kasus, analis: the aggregates of their organisation's jurisdiction
  (region of the organisation: province, kabupaten/kota, kecamatan/desa, or national when
  the organisation has no region) and of every region inside it. Never case content:
  statistics pages show counts only.
* The click-through from a number to the list of cases behind it is shown only to users who
  may list cases (``cases.list``); the cases module scopes that list again.
* Everybody else (admin, pendamping, petugas_pengaduan, mitra, relawan, satgas): no
  statistics pages (403). The public open-data page needs no sign-in.
"""

from __future__ import annotations

from typing import Any

from simpul.access.core import Actor, register_rule
from simpul.access.roles import Role
from simpul.regions.codes import is_within

STATS_ROLES = (Role.KEPALA, Role.MANAJER_KASUS, Role.ANALIS)


def stats_regions(actor: Actor) -> list[str | None]:
    """Region codes whose statistics the actor may read (None = national), widest first."""
    codes: list[str | None] = []
    for seat in actor.seats_with(*STATS_ROLES):
        if seat.region_code not in codes:
            codes.append(seat.region_code)
    return sorted(codes, key=lambda c: (0 if c is None else c.count(".") + 1, c or ""))


@register_rule("stats.view")
def _stats_view(actor: Actor, region_code: Any) -> bool:
    """Without a region: may the actor open statistics at all. With one: that region's."""
    if not actor.is_authenticated:
        return False
    allowed = stats_regions(actor)
    if region_code is None:
        return bool(allowed)
    return any(a is None or is_within(str(region_code), a) for a in allowed)


@register_rule("stats.report")
def _stats_report(actor: Actor, region_code: Any) -> bool:
    """PDF reports are generated for a kabupaten/kota or a province the actor may read."""
    return _stats_view(actor, region_code)
