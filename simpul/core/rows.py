"""Fixed SQL statements built from a model's metadata, for the few reads and writes that run on
every request or in bulk: model instances from a fixed SELECT (``RowReader``) and the INSERT of a
model's columns (``insert_sql``).

Compiling an ORM query costs several times more than running a one-row lookup; ``raw()`` still
works out its column mapping and converters on each call. A ``RowReader`` works them out once per
model: the statement names every concrete column, and ``build()`` converts each value exactly as
the ORM would (the backend's converters, then the field's ``from_db_value``) before
``Model.from_db``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models


def insert_sql(model: type[models.Model], fields: Sequence[models.Field]) -> str:
    """``INSERT INTO <table> (<columns of fields>) VALUES (%s, ...)``; names come from the model's
    metadata, never from input."""
    qn = connection.ops.quote_name
    return "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )


class RowReader:
    def __init__(self, model: type[models.Model], alias: str) -> None:
        self.model = model
        fields = list(model._meta.concrete_fields)
        qn = connection.ops.quote_name
        # Column names come from the model's metadata; ``alias`` is the caller's table alias.
        self.select = ", ".join(f"{alias}.{qn(f.column)}" for f in fields)
        self.width = len(fields)
        self.attnames = [f.attname for f in fields]
        self._converters: list[tuple[int, Any, list[Callable[..., Any]]]] = []
        for i, f in enumerate(fields):
            col = f.get_col(alias)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if converters:
                self._converters.append((i, col, converters))

    def build(self, values: Sequence[Any]) -> Any:
        row = list(values)
        for i, col, converters in self._converters:
            value = row[i]
            for convert in converters:
                value = convert(value, col, connection)
            row[i] = value
        return self.model.from_db(connection.alias, self.attnames, row)
