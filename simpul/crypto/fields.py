"""Encrypted model fields: text, date and JSON, sealed per value with AES-256-GCM.

A model with encrypted fields must have a ``uid`` UUID field (set before the first save);
the table, column and ``uid`` are the associated data of every value.

* Writing: the plaintext set on the instance is sealed in ``pre_save`` (so ``save()`` and
  ``bulk_create()`` work). ``QuerySet.update()``/``bulk_update()`` with plaintext is refused:
  there is no row to bind to. Rotation writes ``Ciphertext`` values it sealed itself.
* Reading: values from the database stay sealed until the attribute is read; then they are
  opened with the row's ``uid``. A failure raises ``DecryptionError``.
* Queries cannot filter on these columns (use blind indexes, simpul.crypto.blind).
* ``raw_mode()``: inside it, attributes give the stored ``Ciphertext`` and ``to_python`` turns
  strings into ``Ciphertext``, so Django's ``dumpdata``/``loaddata`` copy sealed values as they are
  (backup and restore never see plaintext; see simpul/crypto/backup.py).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from simpul.crypto import aead

# Every (model, field) with encrypted values, for rotation, status and backup checks.
REGISTRY: list[tuple[type[models.Model], EncryptedMixin]] = []


class Ciphertext(str):
    """A sealed value as stored in the database (never plaintext)."""

    __slots__ = ()


_RAW = contextvars.ContextVar("simpul_crypto_raw", default=False)


@contextlib.contextmanager
def raw_mode() -> Iterator[None]:
    """Within this block encrypted attributes are the stored ciphertext (for dump and load)."""
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)


class _Plain:
    """Wrapper marking a decrypted value cached on the instance."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class EncryptedDescriptor(DeferredAttribute):
    """A data descriptor: opens the sealed value on read (once per instance), loads deferred
    values like Django's own descriptor, and drops the cached plaintext on write."""

    field: EncryptedMixin  # type: ignore[assignment]

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        data = instance.__dict__
        if self.field.attname not in data:
            super().__get__(instance, cls)  # deferred: fetch from the database
        raw = data.get(self.field.attname)
        if isinstance(raw, Ciphertext):
            if _RAW.get():
                return raw
            cached = data.get(self.field.cache_name_plain)
            if cached is not None:
                return cached.value
            value = self.field.open_value(instance, raw)
            data[self.field.cache_name_plain] = _Plain(value)
            return value
        return raw

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__.pop(self.field.cache_name_plain, None)
        instance.__dict__[self.field.attname] = value


class EncryptedMixin:
    """Shared behaviour; concrete classes define to_bytes/from_bytes."""

    attname: str
    column: str
    name: str
    model: type[models.Model]
    aad_field = "uid"

    def get_internal_type(self) -> str:
        return "TextField"

    @property
    def cache_name_plain(self) -> str:
        return f"_{self.attname}_plain"

    descriptor_class = EncryptedDescriptor

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)  # type: ignore[misc]
        # Skip abstract models and the historical copies that migrations build ("__fake__").
        if not cls._meta.abstract and cls.__module__ != "__fake__":
            REGISTRY.append((cls, self))

    def _row_of(self, instance: Any) -> Any:
        row = getattr(instance, self.aad_field, None)
        if not row:
            raise ImproperlyConfigured(f"{type(instance).__name__}.{self.aad_field} must be set before saving encrypted fields")
        return row

    def _aad_for(self, row: Any) -> bytes:
        return aead.associated_data(self.model._meta.db_table, self.column, str(row))

    def seal_for(self, row: Any, value: Any, key_id: str | None = None) -> Ciphertext | None:
        """Seal ``value`` for the row whose ``aad_field`` value (uid) is ``row`` (bulk writes)."""
        if value is None:
            return None
        return Ciphertext(aead.seal(self.to_bytes(value), self._aad_for(row), key_id))

    def seal_value(self, instance: Any, value: Any, key_id: str | None = None) -> Ciphertext | None:
        return None if value is None else self.seal_for(self._row_of(instance), value, key_id)

    def open_for(self, row: Any, stored: str | None) -> Any:
        """Open a value read with ``values()``/``values_list()`` (no model instance); ``row`` is the
        row's ``aad_field`` value (its uid). Same checks as reading it through a model."""
        if stored is None:
            return None
        return self.from_bytes(aead.open_sealed(stored, self._aad_for(row)))

    def open_many(self, pairs: Iterable[tuple[Any, str | None]]) -> list[Any]:
        """``open_for`` over many (row, stored) pairs in one pass (list pages)."""
        prefix = aead.aad_prefix(self.model._meta.db_table, self.column)
        opened = aead.open_many((stored, prefix + str(row).encode()) for row, stored in pairs)
        return [None if data is None else self.from_bytes(data) for data in opened]

    def open_value(self, instance: Any, stored: str) -> Any:
        return self.open_for(self._row_of(instance), stored)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        raw = model_instance.__dict__.get(self.attname)
        if raw is None or isinstance(raw, Ciphertext):
            return raw
        return self.seal_value(model_instance, raw)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else Ciphertext(value)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or isinstance(value, Ciphertext):
            return None if value is None else str(value)
        raise TypeError(
            f"{self.name}: plaintext cannot be written without its row (use save(), or seal it with field.seal_value)"
        )

    def to_python(self, value: Any) -> Any:
        if _RAW.get() and isinstance(value, str):
            return Ciphertext(value)
        return value

    def value_to_string(self, obj: Any) -> str:
        raw = obj.__dict__.get(self.attname)
        return "" if raw is None else str(raw)

    # subclasses
    def to_bytes(self, value: Any) -> bytes:  # pragma: no cover - abstract
        raise NotImplementedError

    def from_bytes(self, data: bytes) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class EncryptedTextField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    def to_bytes(self, value: Any) -> bytes:
        return str(value).encode()

    def from_bytes(self, data: bytes) -> str:
        return data.decode()


class EncryptedDateField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    def to_bytes(self, value: Any) -> bytes:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        if not isinstance(value, dt.date):
            raise TypeError(f"{self.name}: a date is required")
        return value.isoformat().encode()

    def from_bytes(self, data: bytes) -> dt.date:
        return dt.date.fromisoformat(data.decode())

    def formfield(self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        from django import forms

        return (form_class or forms.DateField)(required=not self.blank, label=self.verbose_name, **kwargs)


class EncryptedJSONField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    def to_bytes(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    def from_bytes(self, data: bytes) -> Any:
        return json.loads(data)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedMixin]:
    return [f for m, f in REGISTRY if m is model]
