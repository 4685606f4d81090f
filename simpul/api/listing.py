"""One convention for every list of the field and coordination modules (docs/api.md, "Daftar").

- ``limit`` (1..200, default 50) and ``cursor`` (opaque; ``next_cursor`` of the previous page);
- ``sort``: one of the list's documented keys, ``-`` in front for descending; ties are broken by
  the row's id in the same direction, so a page boundary never skips or repeats a row;
- filters are plain query parameters, documented per operation;
- the answer is ``{"items": [...], "next_cursor": "..." | null}`` (no total: counting a scoped
  list costs as much as reading it).

Keyset pagination: the cursor holds the sort key, its direction, the last row's sort value and
id (base64 JSON). A cursor from another sort, or one that does not decode, is a 422.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field

from simpul import validators as v

Limit = Annotated[int, v.integer(1, 200, strict=False)]
Cursor = Annotated[str, v.text(500)]
Sort = Annotated[str, v.text(40)]
# A decimal amount (RAD targets and realisations): 12 digits, 2 after the point, never negative.
Amount = Annotated[Decimal, Field(max_digits=12, decimal_places=2, ge=0), v.MARK]

def _encode(payload: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":"), default=str).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValidationError({"cursor": _("Kursor tidak sah.")}) from None
    if not isinstance(data, list) or len(data) != 3 or not isinstance(data[2], int):
        raise ValidationError({"cursor": _("Kursor tidak sah.")})
    return data


def _value(obj: Any, field: str) -> Any:
    value = obj
    for part in field.split("__"):
        value = getattr(value, part)
    if isinstance(value, Model):
        value = value.pk
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def page(qs: QuerySet[Any], *, sort: str, keys: dict[str, str], default: str, limit: int, cursor: str = "") -> tuple[list[Any], str | None]:
    """One page of ``qs`` sorted by ``sort`` (a key of ``keys``: public name -> model field,
    never NULL), and the cursor of the next page (None on the last)."""
    sort = sort or default
    desc = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in keys:
        raise ValidationError({"sort": _("Urutan tidak dikenal; pilih salah satu: %(k)s.") % {"k": ", ".join(sorted(keys))}})
    field = keys[name]
    if cursor:
        c_sort, c_value, c_pk = _decode(cursor)
        if c_sort != sort:
            raise ValidationError({"cursor": _("Kursor berasal dari urutan lain.")})
        op = "lt" if desc else "gt"
        try:
            qs = qs.filter(Q(**{f"{field}__{op}": c_value}) | Q(**{field: c_value, f"pk__{op}": c_pk}))
        except (ValidationError, ValueError, TypeError):
            raise ValidationError({"cursor": _("Kursor tidak sah.")}) from None
    order = (f"-{field}", "-pk") if desc else (field, "pk")
    try:
        rows = list(qs.order_by(*order)[: limit + 1])
    except (ValidationError, ValueError, TypeError):
        raise ValidationError({"cursor": _("Kursor tidak sah.")}) from None
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _encode([sort, _value(rows[-1], field), rows[-1].pk]) if more and rows else None
    return rows, next_cursor


def _plan_datetime(value: Any) -> Any:
    if value is not None and not v.date_ok(value, v.DateKind.PLAN):
        raise ValueError(_("Tanggal harus antara 1 Januari 1940 dan 31 Desember 2100."))
    return value


# A scheduled time (trips, dispatch windows): 1940 .. 2100, as ``v.PlanDate`` is for dates.
PlanDateTime = Annotated[dt.datetime, AfterValidator(_plan_datetime), v.MARK]

# A numeric id in a path.
Id = Annotated[int, v.integer(1, v.INT_MAX, strict=False)]
