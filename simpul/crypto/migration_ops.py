"""Migration helpers for turning a clear column into a sealed one.

A field becomes sealed in two migrations:

1. if the model has no ``uid`` yet: ``AddField(uid, null=True)`` then
   ``RunPython(*fill_uids("app", "model"))`` (the last operation of that migration);
2. ``AlterField(uid, unique, default=uuid4)``, ``AlterField(col → EncryptedTextField)``, then
   ``RunPython(*seal_columns("app", "model", ["col", ...]))`` as the last operation.

Data changes come last in a migration because PostgreSQL refuses ``ALTER TABLE`` on a table with
pending trigger events in the same transaction. Rows are read and written with plain SQL (the
historical model would read the clear text as if it were ciphertext); each value is sealed with the
historical field, which is the same ``EncryptedMixin`` bound to the same table, column and row uid.
The reverse opens the values and writes the clear text back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

BATCH = 500

Op = Callable[[Any, Any], None]


def fill_uids(app_label: str, model_name: str, uid_field: str = "uid") -> tuple[Op, Op]:
    """Give every existing row a fresh random uid (forwards); nothing to undo (backwards)."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        qn = schema_editor.connection.ops.quote_name
        table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
        column = qn(model._meta.get_field(uid_field).column)
        with schema_editor.connection.cursor() as cur:
            cur.execute(f"SELECT {pk} FROM {table} WHERE {column} IS NULL")  # noqa: S608 - quoted identifiers
            ids = [row[0] for row in cur.fetchall()]
            for row_id in ids:
                value = uuid.uuid4()
                stored = value.hex if schema_editor.connection.vendor == "sqlite" else value
                cur.execute(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [stored, row_id])  # noqa: S608

    def backwards(apps: Any, schema_editor: Any) -> None:
        return None

    return forwards, backwards


def _rewrite(app_label: str, model_name: str, columns: Sequence[str], uid_field: str, seal: bool) -> Op:
    def run(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        fields = [model._meta.get_field(name) for name in columns]
        qn = schema_editor.connection.ops.quote_name
        table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
        uid_col = qn(model._meta.get_field(uid_field).column)
        cols = ", ".join(qn(f.column) for f in fields)
        sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
        last = None
        with schema_editor.connection.cursor() as cur:
            while True:
                where = "" if last is None else f" WHERE {pk} > %s"
                cur.execute(
                    f"SELECT {pk}, {uid_col}, {cols} FROM {table}{where} ORDER BY {pk} LIMIT {BATCH}",  # noqa: S608
                    [] if last is None else [last],
                )
                rows = cur.fetchall()
                if not rows:
                    return
                for row_id, row_uid, *values in rows:
                    uid = uuid.UUID(str(row_uid))
                    out: list[Any] = []
                    for field, value in zip(fields, values, strict=True):
                        if value is None:
                            out.append(None)
                        elif seal:
                            out.append(str(field.seal_for(uid, value)))
                        else:
                            out.append(field.open_for(uid, value))
                    cur.execute(f"UPDATE {table} SET {sets} WHERE {pk} = %s", [*out, row_id])  # noqa: S608
                last = rows[-1][0]

    return run


def seal_columns(app_label: str, model_name: str, columns: Sequence[str], uid_field: str = "uid") -> tuple[Op, Op]:
    """Seal the clear values of ``columns`` (forwards) / open them again (backwards)."""
    return (
        _rewrite(app_label, model_name, columns, uid_field, seal=True),
        _rewrite(app_label, model_name, columns, uid_field, seal=False),
    )
