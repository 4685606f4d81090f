"""Key status, rotation and retirement over every encrypted column (``fields.REGISTRY``).

Rotation is resumable by design:

* Starting writes a new active key AND a ``rotating`` marker into the keyring in one atomic
  file replace. A re-run that finds the marker continues towards that key instead of adding
  another one.
* Work is "every value not yet under the target key": rows already rotated are not looked at
  again, so a re-run after ``kill -9`` only does what is left.
* Each batch is its own transaction; a row is only updated while its stored value is still the
  one read (``filter(pk=pk, col=old)``), so a concurrent edit is never overwritten. Values the
  app writes meanwhile with a stale key are caught by the next pass; the run ends when no value
  under an older key remains, and then clears the marker.
* Old keys stay in the ring (the app keeps reading everything while rotation runs); they are
  retired by ``keys retire`` only when no value uses them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Count, Q

from simpul.crypto import keyring as kr
from simpul.crypto.aead import PREFIX, DecryptionError
from simpul.crypto.fields import REGISTRY, EncryptedMixin

UNKNOWN = "?"


class RotationError(Exception):
    """Rotation could not finish (unreadable values, or a keyring that cannot be written)."""


class RetireRefused(Exception):
    """A key is still in use (or active): it cannot be retired."""


def encrypted_columns() -> dict[type[models.Model], list[EncryptedMixin]]:
    """Encrypted fields grouped by concrete model (proxies, duplicates and models whose table does
    not exist yet, i.e. unapplied migrations, are skipped)."""
    grouped: dict[type[models.Model], list[EncryptedMixin]] = defaultdict(list)
    tables = set(connection.introspection.table_names())
    for model, f in REGISTRY:
        if model._meta.proxy or not model._meta.managed or model._meta.swapped or model._meta.db_table not in tables:
            continue
        if f not in grouped[model]:
            grouped[model].append(f)
    return dict(grouped)


def label(model: type[models.Model], f: EncryptedMixin) -> str:
    return f"{model._meta.label_lower}.{f.column}"


def _prefix(kid: str) -> str:
    return f"{PREFIX}:{kid}:"


def key_usage() -> dict[str, dict[str, int]]:
    """``{key id: {"app.model.column": number of stored values}}`` for every key in the ring
    (zero counts included) plus ``"?"`` for values under a key id the ring does not hold.
    One aggregate query per model."""
    ring = kr.keyring()
    usage: dict[str, dict[str, int]] = {kid: {} for kid in ring.keys}
    for model, fs in encrypted_columns().items():
        aggs: dict[str, Any] = {}
        for i, f in enumerate(fs):
            aggs[f"t{i}"] = Count("pk", filter=Q(**{f"{f.attname}__isnull": False}))
            for j, kid in enumerate(ring.keys):
                aggs[f"c{i}_{j}"] = Count("pk", filter=Q(**{f"{f.attname}__startswith": _prefix(kid)}))
        row = model._base_manager.aggregate(**aggs)
        for i, f in enumerate(fs):
            name = label(model, f)
            known = 0
            for j, kid in enumerate(ring.keys):
                n = row[f"c{i}_{j}"]
                usage[kid][name] = n
                known += n
            unknown = row[f"t{i}"] - known
            if unknown:
                usage.setdefault(UNKNOWN, {})[name] = unknown
    return usage


def values_under(usage: dict[str, dict[str, int]], kid: str) -> int:
    return sum(usage.get(kid, {}).values())


@dataclass
class RotationResult:
    target: str
    rotated: int = 0
    skipped_concurrent: int = 0
    unreadable: dict[str, int] = field(default_factory=dict)
    passes: int = 0
    started: bool = False


Printer = Callable[[str], None]


def _fresh_ring() -> kr.Keyring:
    kr.reload()
    return kr.keyring()


def start_or_resume() -> tuple[kr.Keyring, bool]:
    """The keyring with the rotation target active: continue a marked rotation, else add a key."""
    ring = _fresh_ring()
    if ring.rotating:
        if ring.rotating != ring.active_id or ring.rotating not in ring.keys:
            raise RotationError(f"keyring marks a rotation to {ring.rotating!r} but the active key is {ring.active_id!r}")
        return ring, False
    try:
        new = ring.with_new_active_key(rotating=True)
        kr.save(new)
    except ImproperlyConfigured as exc:
        raise RotationError(str(exc)) from exc
    return _fresh_ring(), True


def rotate(
    *,
    batch: int = 500,
    sleep_between_batches: float = 0.0,
    out: Printer = lambda _m: None,
    max_batches: int | None = None,
) -> RotationResult:
    """Rotate to a new key (or continue an interrupted rotation) and re-encrypt everything.

    ``max_batches`` stops after that many batches, leaving the rotation marked (tests use it to
    simulate a crash in-process)."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    ring, started = start_or_resume()
    target = ring.active_id
    result = RotationResult(target=target, started=started)
    out(
        f"Kunci baru {target} aktif; mengenkripsi ulang semua nilai." if started
        else f"Melanjutkan rotasi ke kunci {target}."
    )
    budget = [max_batches]
    while True:
        result.passes += 1
        progress = 0
        result.unreadable = {}
        for model, fs in encrypted_columns().items():
            progress += _rotate_model(model, fs, target, batch, sleep_between_batches, out, result, budget)
            if budget[0] is not None and budget[0] <= 0:
                out("Berhenti setelah batas batch (rotasi belum selesai; jalankan lagi untuk melanjutkan).")
                return result
        remaining = _remaining(target)
        if remaining == 0:
            break
        if progress == 0:
            raise RotationError(
                f"{remaining} nilai masih di bawah kunci lama dan tidak dapat dienkripsi ulang "
                f"(tidak terbaca: {result.unreadable or 'tidak ada'}); rotasi tetap tercatat, kunci lama tetap disimpan."
            )
        out(f"Putaran {result.passes} selesai; {remaining} nilai ditulis ulang oleh aplikasi dengan kunci lama, diulang.")
    current = _fresh_ring()
    if current.rotating == target:
        kr.save(replace(current, rotating=None))
    out(f"Rotasi selesai: {result.rotated} nilai dienkripsi ulang ke kunci {target}.")
    return result


def _needs_rotation(fs: list[EncryptedMixin], target: str) -> Q:
    q = Q()
    for f in fs:
        q |= Q(**{f"{f.attname}__isnull": False}) & ~Q(**{f"{f.attname}__startswith": _prefix(target)})
    return q


def _remaining(target: str) -> int:
    return sum(m._base_manager.filter(_needs_rotation(fs, target)).count() for m, fs in encrypted_columns().items())


def _rotate_model(
    model: type[models.Model],
    fs: list[EncryptedMixin],
    target: str,
    batch: int,
    sleep: float,
    out: Printer,
    result: RotationResult,
    budget: list[int | None],
) -> int:
    prefix = _prefix(target)
    aad_fields = sorted({f.aad_field for f in fs})
    qs = model._base_manager.filter(_needs_rotation(fs, target)).order_by("pk")
    total = qs.count()
    if not total:
        return 0
    name = model._meta.label_lower
    done = 0
    last_pk: Any = None
    attnames = [f.attname for f in fs]
    while True:
        page = qs if last_pk is None else qs.filter(pk__gt=last_pk)
        rows = list(page.values_list("pk", *aad_fields, *attnames)[:batch])
        if not rows:
            break
        with transaction.atomic():
            for row in rows:
                pk = row[0]
                inst = SimpleNamespace(**dict(zip(aad_fields, row[1 : 1 + len(aad_fields)], strict=True)))
                old: dict[str, Any] = {}
                new: dict[str, Any] = {}
                for f, stored in zip(fs, row[1 + len(aad_fields) :], strict=True):
                    if stored is None or stored.startswith(prefix):
                        continue
                    try:
                        plaintext = f.open_value(inst, stored)
                    except DecryptionError:
                        key = label(model, f)
                        result.unreadable[key] = result.unreadable.get(key, 0) + 1
                        continue
                    old[f.attname] = stored
                    new[f.attname] = f.seal_value(inst, plaintext, target)
                if not new:
                    continue
                if model._base_manager.filter(pk=pk, **old).update(**new):
                    result.rotated += len(new)
                else:
                    result.skipped_concurrent += 1  # edited meanwhile: picked up by the next pass
        done += len(rows)
        last_pk = rows[-1][0]
        out(f"{name}: {done}/{total} baris")
        if budget[0] is not None:
            budget[0] -= 1
            if budget[0] <= 0:
                return done
        if sleep:
            time.sleep(sleep)
    return done


def retire(*, key_ids: list[str] | None = None, remove: bool = False) -> list[str]:
    """Mark unused old keys retired (``remove``: also delete retired, unused keys from the ring).
    Refuses, changing nothing, when a named key is active, a rotation is unfinished, or any
    value still uses a key."""
    ring = _fresh_ring()
    if ring.rotating:
        raise RetireRefused(f"rotasi ke {ring.rotating} belum selesai: jalankan `simpul keys rotate` lagi")
    if key_ids:
        unknown = [k for k in key_ids if k not in ring.keys]
        if unknown:
            raise RetireRefused(f"kunci tidak dikenal: {', '.join(unknown)}")
        candidates = list(key_ids)
    else:
        candidates = [k for k, v in ring.keys.items() if k != ring.active_id and (remove or not v.retired)]
    if ring.active_id in candidates:
        raise RetireRefused(f"kunci {ring.active_id} masih aktif: rotasikan dulu")
    usage = key_usage()
    busy = {k: values_under(usage, k) for k in candidates if values_under(usage, k)}
    if busy:
        detail = ", ".join(f"{k}: {n} nilai" for k, n in busy.items())
        raise RetireRefused(f"kunci masih melindungi data ({detail}): selesaikan rotasi dulu")
    keys = dict(ring.keys)
    for kid in candidates:
        if remove:
            del keys[kid]
        else:
            keys[kid] = replace(keys[kid], retired=True)
    kr.save(replace(ring, keys=keys))
    return candidates
