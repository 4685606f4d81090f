"""Fast bulk inserts for the synthetic-data generator and the summary rebuild.

Rows are plain dicts of field name -> Python value; missing fields get the model default.
Ids are assigned here (from the table's current maximum), so no RETURNING is needed, and
the PostgreSQL sequences are moved past them afterwards (``fix_sequences``). Values go
through the backend's own adapters (dates, datetimes, UUIDs, JSON), so rows written here
read back exactly like rows written by ``Model.save()``. Encrypted fields must be given
already sealed (``Ciphertext``), see ``seal``.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from simpul.core.rows import insert_sql


class Inserter:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.sql = insert_sql(model, self.fields)
        self.next_id = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        now = timezone.now()
        # Per column: its position, a converter to the database value (None: the Python value is
        # already what the driver takes) and a default row, converted once.
        self._index = {f.attname: i for i, f in enumerate(self.fields)}
        self._conv: list[Callable[[Any], Any] | None] = [self._converter(f) for f in self.fields]
        self._uuid_cols: list[int] = []
        default: list[Any] = []
        for i, f in enumerate(self.fields):
            if f.primary_key:
                v = None
            elif isinstance(f, models.UUIDField) and f.has_default():
                self._uuid_cols.append(i)
                v = None
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                v = now
            else:
                v = f.get_default()  # "" for text fields without default
            conv = self._conv[i]
            default.append(conv(v) if conv is not None and v is not None else v)
        self._default = default
        self._id_col = self._index.get("id")

    @staticmethod
    def _converter(field: models.Field) -> Callable[[Any], Any] | None:
        """What ``Model.save()`` would do to a value of this field, as one callable (or None)."""
        from simpul.crypto.fields import EncryptedMixin

        ops = connection.ops
        if isinstance(field, EncryptedMixin):
            return None  # given already sealed (a str)
        if type(field) in (models.TextField, models.CharField) or isinstance(
            field, (models.IntegerField, models.BooleanField, models.ForeignKey)
        ):
            return None
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(field, models.UUIDField):
            return None if connection.features.has_native_uuid_field else _uuid_hex
        return functools.partial(_prep_save, field)

    def new_id(self) -> int:
        i = self.next_id
        self.next_id += 1
        return i

    def row(self, **values: Any) -> tuple[Any, ...]:
        """One row as a parameter tuple; ``id`` is assigned when not given."""
        out = self._default.copy()
        if self._id_col is not None and "id" not in values:
            out[self._id_col] = self.new_id()
        for i in self._uuid_cols:
            conv = self._conv[i]
            out[i] = conv(uuid.uuid4()) if conv else uuid.uuid4()
        index, convs = self._index, self._conv
        for name, v in values.items():
            i = index[name]
            conv = convs[i]
            out[i] = conv(v) if conv is not None and v is not None else v
        return tuple(out)

    def insert(self, rows: Iterable[tuple[Any, ...]], batch: int = 5000) -> int:
        rows = list(rows)
        with connection.cursor() as cur:
            for start in range(0, len(rows), batch):
                cur.executemany(self.sql, rows[start : start + batch])
        return len(rows)


def _prep_save(field: models.Field, value: Any) -> Any:
    return field.get_db_prep_save(value, connection)


def _uuid_hex(value: uuid.UUID) -> str:
    return value.hex


def seal(model: type[models.Model], field_name: str, uid: uuid.UUID, value: str | None) -> Any:
    """Encrypt ``value`` for ``model.field_name`` of the row with ``uid`` (as save() would)."""
    if value is None:
        return None
    from simpul.crypto.fields import EncryptedMixin

    field = model._meta.get_field(field_name)
    assert isinstance(field, EncryptedMixin)  # noqa: S101 - programming error, not input
    return field.seal_for(uid, value)


def fix_sequences(*models_: type[models.Model]) -> None:
    """PostgreSQL: move each table's id sequence past the ids assigned here."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        for m in models_:
            table = m._meta.db_table
            sql = f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))"  # noqa: S608
            cur.execute(sql)
