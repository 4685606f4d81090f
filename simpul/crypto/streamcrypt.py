"""Chunked AES-256-GCM streams (STREAM construction): used for attachments and backup archives.

The plaintext is cut in chunks of ``chunk_size`` bytes; chunk *i* is sealed with the nonce
``i`` (96-bit big-endian counter) and associated data ``context | i | final-flag``. The key must
be used for ONE stream only (attachments: a random key per file; archives: a key derived from
the archive key and a random salt), so counter nonces never repeat. Reordering, dropping,
duplicating or truncating chunks, appending data, or changing one byte fails authentication.

Ciphertext layout: ``chunk_0 | chunk_1 | ... | chunk_n`` where every chunk but the last is
``chunk_size + 16`` bytes; the last one (flag set) is shorter or equal, possibly just a tag.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TAG = 16
DEFAULT_CHUNK = 64 * 1024


class StreamError(Exception):
    """The stream failed authentication: tampered, truncated, reordered, or the wrong key."""


def _nonce(index: int) -> bytes:
    return b"\0\0\0\0" + struct.pack(">Q", index)


def _aad(context: bytes, index: int, final: bool) -> bytes:
    return context + b"|" + struct.pack(">QB", index, 1 if final else 0)


class Sealer:
    """Incremental writer: ``write(data)`` any sizes, then ``close()`` once."""

    def __init__(self, key: bytes, context: bytes, out: BinaryIO, chunk_size: int = DEFAULT_CHUNK) -> None:
        self._aes = AESGCM(key)
        self._context = context
        self._out = out
        self._chunk = chunk_size
        self._buf = bytearray()
        self._index = 0
        self._closed = False
        self.plain_bytes = 0

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("stream already closed")
        self._buf += data
        self.plain_bytes += len(data)
        # Keep at least one full chunk back: the last chunk is only known at close().
        while len(self._buf) > self._chunk:
            self._emit(bytes(self._buf[: self._chunk]), final=False)
            del self._buf[: self._chunk]
        return len(data)

    def _emit(self, plain: bytes, *, final: bool) -> None:
        self._out.write(self._aes.encrypt(_nonce(self._index), plain, _aad(self._context, self._index, final)))
        self._index += 1

    def close(self) -> None:
        if not self._closed:
            self._emit(bytes(self._buf), final=True)
            self._buf.clear()
            self._closed = True

    def flush(self) -> None:  # file-like protocol (e.g. for json.dump / tarfile)
        pass


def open_chunks(key: bytes, context: bytes, src: BinaryIO, chunk_size: int = DEFAULT_CHUNK) -> Iterator[bytes]:
    """Decrypt and yield plaintext chunks; raises ``StreamError`` on any inconsistency
    (a chunk that fails, a stream that ends without its final chunk, data after it)."""
    aes = AESGCM(key)
    size = chunk_size + TAG
    index = 0
    current = _read_exactly(src, size)
    while True:
        if len(current) < TAG:
            raise StreamError("stream truncated")
        nxt = _read_exactly(src, size) if len(current) == size else b""
        final = not nxt
        try:
            plain = aes.decrypt(_nonce(index), current, _aad(context, index, final))
        except InvalidTag:
            raise StreamError(f"chunk {index} failed authentication (tampered, truncated or wrong key)") from None
        yield plain
        if final:
            return
        index += 1
        current = nxt


def _read_exactly(src: BinaryIO, n: int) -> bytes:
    parts = []
    remaining = n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


class ChunkReader:
    """A read-only file-like view of a decrypted chunk iterator (for tarfile streaming)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._it = iter(chunks)
        self._buf = bytearray()
        self._eof = False

    def read(self, n: int = -1) -> bytes:
        while not self._eof and (n < 0 or len(self._buf) < n):
            try:
                self._buf += next(self._it)
            except StopIteration:
                self._eof = True
        if n < 0:
            n = len(self._buf)
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out
