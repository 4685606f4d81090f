"""Sealing values with AES-256-GCM under the keyring, bound to their place by associated data.

Stored form (text): ``v1:<key id>:<base64(nonce 12 bytes | ciphertext | tag 16 bytes)>``.
The associated data names the table, column and row, so a value copied to another row or
column does not decrypt; any change to the stored text raises ``DecryptionError``.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from simpul.crypto import keyring as _keyring
from simpul.crypto.keyring import DataKey, keyring

PREFIX = "v1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value failed authentication: tampered, moved, or sealed under a missing key.
    Never returns wrong data."""


_ciphers: dict[bytes, AESGCM] = {}


def _cipher(key: DataKey) -> AESGCM:
    """One AESGCM object per key (building it costs more than sealing a short value)."""
    c = _ciphers.get(key.key)
    if c is None:
        c = _ciphers[key.key] = AESGCM(key.key)
    return c


def associated_data(table: str, column: str, row: str) -> bytes:
    return f"simpul|{table}|{column}|{row}".encode()


def seal(plaintext: bytes, aad: bytes, key_id: str | None = None) -> str:
    """Seal under ``key_id`` (default: the active key). Random 96-bit nonces: safe for far more
    values than one key will ever protect here (rotation also renews keys)."""
    ring = keyring()
    key = ring.get(key_id) if key_id else ring.active
    if key.retired:
        raise ValueError(f"data key {key.id!r} is retired and seals nothing new")
    nonce = secrets.token_bytes(NONCE_BYTES)
    ct = _cipher(key).encrypt(nonce, plaintext, aad)
    return f"{PREFIX}:{key.id}:{base64.b64encode(nonce + ct).decode()}"


def key_id_of(stored: str) -> str:
    try:
        version, kid, _ = stored.split(":", 2)
    except ValueError:
        raise DecryptionError("not a sealed value") from None
    if version != PREFIX:
        raise DecryptionError(f"unknown format {version!r}")
    return kid


def open_sealed(stored: str, aad: bytes) -> bytes:
    kid = key_id_of(stored)
    key = _key_for(kid)
    try:
        blob = base64.b64decode(stored.split(":", 2)[2], validate=True)
    except (ValueError, IndexError):
        raise DecryptionError("sealed value is not valid base64") from None
    if len(blob) < NONCE_BYTES + 16:
        raise DecryptionError("sealed value is truncated")
    try:
        return _cipher(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError("sealed value failed authentication (tampered, or moved to another row/column)") from None


def _key_for(kid: str) -> DataKey:
    """The key ``kid``; an unknown id makes the process re-read the keyring once (another process
    may just have added a key by rotation) before giving up."""
    try:
        return keyring().get(kid)
    except KeyError:
        _keyring.reload()
    try:
        return keyring().get(kid)
    except KeyError as exc:
        raise DecryptionError(str(exc)) from None
