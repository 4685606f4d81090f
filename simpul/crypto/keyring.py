"""The keyring: AES-256-GCM data keys with ids, plus a separate HMAC key for blind indexes.

Kept outside the database: ``SIMPUL_KEYS`` (JSON), ``SIMPUL_KEYS_FILE`` (path), or in demo
and test mode a file generated under ``var/`` with mode 0600. Format::

    {"version": 1, "active": "k2", "rotating": "k2",
     "keys": [{"id": "k1", "key": "<base64 32 bytes>", "created": "...", "retired": false}, ...],
     "index_key": "<base64 32 bytes>"}

``rotating`` (optional) marks a rotation in progress towards that key: ``simpul keys rotate``
continues it instead of adding another key (see simpul/crypto/rotation.py).

Production refuses to start without a keyring (see ``keyring()``). A process notices a changed
keyring file within ``RECHECK_SECONDS`` (and at once when it meets an unknown key id), so a
rotation run by another process never stops the app from reading.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_lock = threading.RLock()
_cached: Keyring | None = None
_cached_stamp: tuple[int, int] | None = None  # (mtime_ns, size) of the file the cache came from
_checked_at = 0.0
RECHECK_SECONDS = 2.0


@dataclass(frozen=True)
class DataKey:
    id: str
    key: bytes
    created: str
    retired: bool = False


@dataclass(frozen=True)
class Keyring:
    active_id: str
    keys: dict[str, DataKey]
    index_key: bytes
    rotating: str | None = None

    @property
    def active(self) -> DataKey:
        return self.keys[self.active_id]

    def get(self, key_id: str) -> DataKey:
        try:
            return self.keys[key_id]
        except KeyError:
            raise KeyError(f"unknown data key id {key_id!r}: is the keyring complete?") from None

    def next_key_id(self) -> str:
        numbers = [int(k[1:]) for k in self.keys if k.startswith("k") and k[1:].isdigit()]
        return f"k{max(numbers, default=0) + 1}"

    def with_new_active_key(self, *, rotating: bool = True) -> Keyring:
        """A copy with a fresh random key made active (and marked as the rotation target)."""
        kid = self.next_key_id()
        keys = dict(self.keys)
        keys[kid] = DataKey(kid, secrets.token_bytes(32), datetime.now(UTC).isoformat())
        return replace(self, active_id=kid, keys=keys, rotating=kid if rotating else None)

    def to_json(self) -> str:
        extra: dict[str, Any] = {"rotating": self.rotating} if self.rotating else {}
        return json.dumps(
            {
                "version": 1,
                "active": self.active_id,
                **extra,
                "keys": [
                    {"id": k.id, "key": base64.b64encode(k.key).decode(), "created": k.created, "retired": k.retired}
                    for k in self.keys.values()
                ],
                "index_key": base64.b64encode(self.index_key).decode(),
            },
            indent=1,
        )


def _parse(raw: str, origin: str) -> Keyring:
    try:
        data: dict[str, Any] = json.loads(raw)
        keys = {
            k["id"]: DataKey(k["id"], base64.b64decode(k["key"]), k.get("created", ""), bool(k.get("retired", False)))
            for k in data["keys"]
        }
        ring = Keyring(
            active_id=data["active"],
            keys=keys,
            index_key=base64.b64decode(data["index_key"]),
            rotating=data.get("rotating") or None,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"keyring from {origin} is malformed: {exc}") from exc
    if ring.active_id not in ring.keys:
        raise ImproperlyConfigured(f"keyring from {origin}: active key {ring.active_id!r} is missing")
    if ring.active.retired:
        raise ImproperlyConfigured(f"keyring from {origin}: active key {ring.active_id!r} is retired")
    for k in ring.keys.values():
        if len(k.key) != 32:
            raise ImproperlyConfigured(f"keyring from {origin}: key {k.id!r} is not 256 bits")
    if len(ring.index_key) < 32:
        raise ImproperlyConfigured(f"keyring from {origin}: index key is shorter than 256 bits")
    return ring


def new_keyring() -> Keyring:
    kid = "k1"
    return Keyring(
        active_id=kid,
        keys={kid: DataKey(kid, secrets.token_bytes(32), datetime.now(UTC).isoformat())},
        index_key=secrets.token_bytes(32),
    )


def keyring_path() -> Path:
    return Path(settings.SIMPUL_KEYS_FILE)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def keyring() -> Keyring:
    """The process's keyring (loaded once; a keyring file is re-read when it changed)."""
    global _cached, _checked_at
    ring = _cached
    if ring is not None:
        if _cached_stamp is None:
            return ring
        now = time.monotonic()
        if now - _checked_at < RECHECK_SECONDS:
            return ring
        _checked_at = now
        if _stamp(keyring_path()) == _cached_stamp:
            return ring
    with _lock:
        if _cached is None or (_cached_stamp is not None and _stamp(keyring_path()) != _cached_stamp):
            _set_cache(*_load())
        return _cached  # type: ignore[return-value]  # set just above


def _set_cache(ring: Keyring, stamp: tuple[int, int] | None) -> None:
    global _cached, _cached_stamp, _checked_at
    _cached, _cached_stamp, _checked_at = ring, stamp, time.monotonic()


def _load() -> tuple[Keyring, tuple[int, int] | None]:
    raw = os.environ.get("SIMPUL_KEYS")
    if raw:
        return _parse(raw, "SIMPUL_KEYS"), None
    path = keyring_path()
    if path.exists():
        stamp = _stamp(path)
        return _parse(path.read_text(), str(path)), stamp
    if not settings.SIMPUL_GENERATE_KEYS:
        raise ImproperlyConfigured(
            "No encryption keyring: set SIMPUL_KEYS or SIMPUL_KEYS_FILE (production never generates keys). "
            "Create one with `simpul keys init --file PATH` and keep it outside the database and its backups."
        )
    ring = new_keyring()
    _write(ring, path)
    return ring, _stamp(path)


def save(ring: Keyring, path: Path | None = None) -> None:
    """Write the keyring atomically with mode 0600."""
    if os.environ.get("SIMPUL_KEYS"):
        raise ImproperlyConfigured("the keyring comes from SIMPUL_KEYS; update that variable instead")
    _write(ring, path or keyring_path())
    reload()


def create(path: Path) -> Keyring:
    """Write a new keyring to ``path`` (mode 0600); refuses to overwrite an existing file."""
    ring = new_keyring()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(ring.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    return ring


def _write(ring: Keyring, path: Path) -> None:
    """Atomic replace (temp file, fsync, rename): a crash leaves the old or the new keyring."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(ring.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def reload() -> None:
    """Forget the cached keyring; the next ``keyring()`` reads it again."""
    global _cached, _cached_stamp
    with _lock:
        _cached = None
        _cached_stamp = None
