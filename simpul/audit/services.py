"""Writing and verifying the audit chain.

Each row's hash is SHA-256 over the previous row's hash and the row's own
canonical content; a head row stores the tail, so editing, deleting,
inserting or reordering any row (including the last) is detected by
``simpul audit verify``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from simpul.audit import events
from simpul.audit.models import AuditEvent, AuditHead
from simpul.core.rows import insert_sql

GENESIS = "0" * 64
_FORBIDDEN_EXTRA_KEYS = {"name", "nama", "nik", "phone", "telepon", "address", "alamat", "email", "password"}


def _canonical(row: dict[str, Any]) -> bytes:
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str).encode()


def _row_content(ev: AuditEvent) -> dict[str, Any]:
    return {
        "seq": ev.seq,
        "at": ev.at.isoformat(),
        "action": ev.action,
        "actor_id": ev.actor_id,
        "organisation_id": ev.organisation_id,
        "object_type": ev.object_type,
        "object_id": ev.object_id,
        "ip": ev.ip,
        "fields": list(ev.fields or []),
        "extra": ev.extra or {},
    }


def compute_hash(prev_hash: str, ev: AuditEvent) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + _canonical(_row_content(ev))).hexdigest()


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def record(
    action: str,
    *,
    actor: Any = None,
    obj: Any = None,
    object_type: str = "",
    object_id: Any = "",
    organisation_id: int | None = None,
    fields: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction when there is one,
    so an event is kept exactly when the change it describes is kept."""
    extra = dict(extra or {})
    leaked = _FORBIDDEN_EXTRA_KEYS & {k.lower() for k in extra}
    if leaked:
        raise ValueError(f"audit extra must not carry identifying values: {sorted(leaked)}")
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or obj.pk
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(), connection.cursor() as cur:
        seq, prev_hash = _lock_head(cur)
        ev = AuditEvent(
            seq=seq + 1,
            at=timezone.now(),
            action=action,
            actor_id=actor_id,
            organisation_id=organisation_id,
            object_type=object_type,
            object_id=str(object_id or ""),
            ip=ip if ip is not None else client_ip(request),
            fields=sorted(set(fields)),
            extra=extra,
            prev_hash=prev_hash,
        )
        ev.hash = compute_hash(prev_hash, ev)
        # Every request that shows protected data appends a row, so this is fixed SQL rather than
        # Model.save(): the values are converted by the fields themselves (get_db_prep_save), as
        # save() would. The returned event has no pk (nothing needs it).
        cur.execute(_sql()["insert"], [f.get_db_prep_save(getattr(ev, f.attname), connection) for f in _EVENT_FIELDS])
        cur.execute(_sql()["move_head"], [ev.seq, ev.hash])
        if events.subscribers(action):
            events.publish(events.Event.of(action, actor_id, organisation_id, object_type, ev.object_id, extra))
    return ev


_EVENT_FIELDS = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]


@functools.cache
def _sql() -> dict[str, str]:
    qn = connection.ops.quote_name
    head = qn(AuditHead._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite: BEGIN IMMEDIATE locks
    # Table and column names from the models' metadata; values are parameters.
    return {
        "head": f"SELECT seq, hash FROM {head} WHERE id = 1{lock}",  # noqa: S608
        "insert": insert_sql(AuditEvent, _EVENT_FIELDS),
        "move_head": f"UPDATE {head} SET seq = %s, hash = %s WHERE id = 1",  # noqa: S608
    }


def _lock_head(cur: Any) -> tuple[int, str]:
    """The chain's tail (seq, hash), locked until the transaction ends; the head row is created
    on the very first event."""
    cur.execute(_sql()["head"])
    row = cur.fetchone()
    if row is None:
        AuditHead.objects.get_or_create(id=1)
        cur.execute(_sql()["head"])
        row = cur.fetchone()
    return int(row[0]), str(row[1])


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify(batch_size: int = 5000) -> VerifyResult:
    """Walk the chain in order and report the first row that does not fit."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for ev in batch:
            last_id = ev.id
            if ev.seq != expected_seq:
                return VerifyResult(
                    False, checked, expected_seq,
                    f"baris hilang, disisipkan atau urutannya berubah (di tempatnya ada baris #{ev.seq})",
                )
            if ev.prev_hash != prev_hash:
                return VerifyResult(False, checked, ev.seq, "tautan ke hash baris sebelumnya putus (baris disisipkan, dihapus atau ditukar)")
            if compute_hash(prev_hash, ev) != ev.hash:
                return VerifyResult(False, checked, ev.seq, "isi tidak cocok dengan hash-nya (baris diubah)")
            prev_hash = ev.hash
            expected_seq += 1
            checked += 1
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    if head_seq > checked:
        return VerifyResult(False, checked, checked + 1, "baris terakhir dihapus (ekor rantai tidak cocok)")
    if head_seq < checked:
        return VerifyResult(False, head_seq, head_seq + 1, "baris ditambahkan di luar pencatat audit (disisipkan di akhir)")
    if head_hash != prev_hash:
        return VerifyResult(False, checked, checked, "hash baris terakhir tidak cocok dengan ekor rantai")
    return VerifyResult(True, checked)
