"""Sealing values with AES-256-GCM under the keyring, bound to their place by associated data.

Stored form (text): ``v1:<key id>:<base64(nonce 12 bytes | ciphertext | tag 16 bytes)>``.
The associated data names the table, column and row, so a value copied to another row or
column does not decrypt; any change to the stored text raises ``DecryptionError``.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Iterable

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
    return aad_prefix(table, column) + row.encode()


def aad_prefix(table: str, column: str) -> bytes:
    """The associated data of every row of one column, before the row's id."""
    return f"simpul|{table}|{column}|".encode()


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


def _parts(stored: str) -> tuple[str, str]:
    """(key id, base64 body) of a stored value."""
    version, _sep, rest = stored.partition(":")
    kid, sep, body = rest.partition(":")
    if not sep:
        raise DecryptionError("not a sealed value")
    if version != PREFIX:
        raise DecryptionError(f"unknown format {version!r}")
    return kid, body


def _open(cipher: AESGCM, body: str, aad: bytes) -> bytes:
    try:
        blob = binascii.a2b_base64(body, strict_mode=True)
    except (binascii.Error, ValueError):
        raise DecryptionError("sealed value is not valid base64") from None
    if len(blob) < NONCE_BYTES + 16:
        raise DecryptionError("sealed value is truncated")
    try:
        return cipher.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError("sealed value failed authentication (tampered, or moved to another row/column)") from None


def open_sealed(stored: str, aad: bytes) -> bytes:
    kid, body = _parts(stored)
    return _open(_cipher(_key_for(kid)), body, aad)


def open_many(pairs: Iterable[tuple[str | None, bytes]]) -> list[bytes | None]:
    """``open_sealed`` for many (stored, associated data) pairs, None staying None: the same
    checks, with each key looked up once (a list page opens hundreds of short values)."""
    ciphers: dict[str, AESGCM] = {}
    out: list[bytes | None] = []
    for stored, aad in pairs:
        if stored is None:
            out.append(None)
            continue
        kid, body = _parts(stored)
        cipher = ciphers.get(kid)
        if cipher is None:
            cipher = ciphers[kid] = _cipher(_key_for(kid))
        out.append(_open(cipher, body, aad))
    return out


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
