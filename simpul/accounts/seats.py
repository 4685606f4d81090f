"""The seats of a user (active memberships in active organisations), read for every signed-in
request with one fixed SQL statement and handed to the access layer (registered in ``ready()``)."""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection


@functools.cache
def _seats_sql() -> str:
    """(organisation id, type, region code, role) of the active memberships in active
    organisations. Fixed SQL because every signed-in request runs it; names come from the
    models' metadata."""
    from simpul.accounts.models import Membership, Organisation

    qn = connection.ops.quote_name
    m, o = Membership._meta, Organisation._meta

    def col(meta: Any, name: str) -> str:
        return qn(meta.get_field(name).column)

    return (
        f"SELECT m.{col(m, 'organisation')}, o.{col(o, 'type')}, o.{col(o, 'region')}, m.{col(m, 'role')} "  # noqa: S608
        f"FROM {qn(m.db_table)} m JOIN {qn(o.db_table)} o ON o.{col(o, 'id')} = m.{col(m, 'organisation')} "
        f"WHERE m.{col(m, 'user')} = %s AND m.{col(m, 'is_active')} = %s AND o.{col(o, 'is_active')} = %s "
        f"ORDER BY m.{col(m, 'organisation')}, m.{col(m, 'role')}"
    )


def seats_of(user_id: int) -> list[tuple[int, str, str | None, str]]:
    with connection.cursor() as cur:
        cur.execute(_seats_sql(), [user_id, True, True])
        return [tuple(row) for row in cur.fetchall()]  # type: ignore[misc]


def seats_of_orm(user_id: int) -> list[tuple[int, str, str | None, str]]:
    """The same answer through the ORM (the reference the fixed statement is tested against)."""
    from simpul.accounts.models import Membership

    return list(
        Membership.objects.filter(user_id=user_id, is_active=True, organisation__is_active=True)
        .order_by("organisation_id", "role")
        .values_list("organisation_id", "organisation__type", "organisation__region_id", "role")
    )
