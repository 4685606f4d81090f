"""Fast bulk inserts for the synthetic-data generator and the summary rebuild.

Rows are plain dicts of field name -> Python value; missing fields get the model default.
Ids are assigned here (from the table's current maximum), so no RETURNING is needed, and
the PostgreSQL sequences are moved past them afterwards (``fix_sequences``). Values go
through the backend's own adapters (dates, datetimes, UUIDs, JSON), so rows written here
read back exactly like rows written by ``Model.save()``. Encrypted fields must be given
already sealed (``Ciphertext``), see ``seal``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.db.models import Max
from django.utils import timezone


class Inserter:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        qn = connection.ops.quote_name
        # Table and column names come from the model's metadata, never from input.
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            qn(model._meta.db_table),
            ", ".join(qn(c) for c in self.columns),
            ", ".join(["%s"] * len(self.columns)),
        )
        self.next_id = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        now = timezone.now()
        self._defaults: dict[str, Any] = {}
        self._uuid_fields: list[str] = []
        for f in self.fields:
            if f.primary_key:
                continue
            if isinstance(f, models.UUIDField) and f.has_default():
                self._uuid_fields.append(f.attname)
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self._defaults[f.attname] = now
            else:
                self._defaults[f.attname] = f.get_default()  # "" for text fields without default
        self._prep = {f.attname: f for f in self.fields}
        self._plain_types = (int, float, bool, str, type(None))

    def new_id(self) -> int:
        i = self.next_id
        self.next_id += 1
        return i

    def _value(self, field: models.Field, value: Any) -> Any:
        if isinstance(value, self._plain_types) and not isinstance(
            field, (models.JSONField, models.UUIDField)
        ):
            return value
        return field.get_db_prep_save(value, connection)

    def row(self, **values: Any) -> tuple[Any, ...]:
        """One row as a parameter tuple; ``id`` is assigned when not given."""
        if "id" not in values:
            values["id"] = self.new_id()
        out = []
        for f in self.fields:
            name = f.attname
            if name in values:
                v = values[name]
            elif name in self._uuid_fields:
                v = uuid.uuid4()
            else:
                v = self._defaults[name]
            out.append(self._value(f, v))
        return tuple(out)

    def insert(self, rows: Iterable[tuple[Any, ...]], batch: int = 5000) -> int:
        rows = list(rows)
        with connection.cursor() as cur:
            for start in range(0, len(rows), batch):
                cur.executemany(self.sql, rows[start : start + batch])
        return len(rows)


def seal(model: type[models.Model], field_name: str, uid: uuid.UUID, value: str | None) -> Any:
    """Encrypt ``value`` for ``model.field_name`` of the row with ``uid`` (as save() would)."""
    if value is None:
        return None
    field = model._meta.get_field(field_name)

    class _Row:
        pass

    row = _Row()
    row.uid = uid  # type: ignore[attr-defined]
    return field.seal_value(row, value)  # type: ignore[union-attr]


def fix_sequences(*models_: type[models.Model]) -> None:
    """PostgreSQL: move each table's id sequence past the ids assigned here."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        for m in models_:
            table = m._meta.db_table
            sql = f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))"  # noqa: S608
            cur.execute(sql)
