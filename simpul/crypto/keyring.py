"""The keyring: AES-256-GCM data keys with ids, plus a separate HMAC key for blind indexes.

Kept outside the database: ``SIMPUL_KEYS`` (JSON), ``SIMPUL_KEYS_FILE`` (path), or in demo
and test mode a file generated under ``var/`` with mode 0600. Format::

    {"version": 1, "active": "k2",
     "keys": [{"id": "k1", "key": "<base64 32 bytes>", "created": "...", "retired": false}, ...],
     "index_key": "<base64 32 bytes>"}

Production refuses to start without a keyring (see ``keyring()``).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_lock = threading.RLock()
_cached: Keyring | None = None


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

    @property
    def active(self) -> DataKey:
        return self.keys[self.active_id]

    def get(self, key_id: str) -> DataKey:
        try:
            return self.keys[key_id]
        except KeyError:
            raise KeyError(f"unknown data key id {key_id!r}: is the keyring complete?") from None

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "active": self.active_id,
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
        ring = Keyring(active_id=data["active"], keys=keys, index_key=base64.b64decode(data["index_key"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"keyring from {origin} is malformed: {exc}") from exc
    if ring.active_id not in ring.keys:
        raise ImproperlyConfigured(f"keyring from {origin}: active key {ring.active_id!r} is missing")
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


def keyring() -> Keyring:
    """The process's keyring (loaded once)."""
    global _cached
    if _cached is not None:
        return _cached
    with _lock:
        if _cached is None:
            _cached = _load()
        return _cached


def _load() -> Keyring:
    raw = os.environ.get("SIMPUL_KEYS")
    if raw:
        return _parse(raw, "SIMPUL_KEYS")
    path = keyring_path()
    if path.exists():
        return _parse(path.read_text(), str(path))
    if not settings.SIMPUL_GENERATE_KEYS:
        raise ImproperlyConfigured(
            "No encryption keyring: set SIMPUL_KEYS or SIMPUL_KEYS_FILE (production never generates keys). "
            "Create one with `simpul keys init --file PATH` and keep it outside the database and its backups."
        )
    ring = new_keyring()
    _write(ring, path)
    return ring


def save(ring: Keyring, path: Path | None = None) -> None:
    """Write the keyring atomically with mode 0600."""
    if os.environ.get("SIMPUL_KEYS"):
        raise ImproperlyConfigured("the keyring comes from SIMPUL_KEYS; update that variable instead")
    _write(ring, path or keyring_path())
    reload()


def _write(ring: Keyring, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(ring.to_json())
    os.replace(tmp, path)


def reload() -> None:
    global _cached
    with _lock:
        _cached = None
