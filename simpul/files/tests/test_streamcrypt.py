from __future__ import annotations

import io
import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simpul.files.streamcrypt import TAG, ChunkReader, Sealer, StreamError, open_chunks

KEY = bytes(range(32))
CTX = b"simpul-file|test"


def seal(data: bytes, chunk: int, key: bytes = KEY, ctx: bytes = CTX) -> bytes:
    out = io.BytesIO()
    s = Sealer(key, ctx, out, chunk)
    for i in range(0, len(data), 7):
        s.write(data[i : i + 7])
    s.close()
    return out.getvalue()


def unseal(blob: bytes, chunk: int, key: bytes = KEY, ctx: bytes = CTX) -> bytes:
    return b"".join(open_chunks(key, ctx, io.BytesIO(blob), chunk))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), chunk=st.integers(min_value=1, max_value=64))
def test_round_trip_any_size(data: bytes, chunk: int) -> None:
    blob = seal(data, chunk)
    assert unseal(blob, chunk) == data
    assert ChunkReader(open_chunks(KEY, CTX, io.BytesIO(blob), chunk)).read() == data


def _chunks(blob: bytes, chunk: int) -> list[bytes]:
    size = chunk + TAG
    return [blob[i : i + size] for i in range(0, len(blob), size)]


@pytest.mark.parametrize("length", [32, 40])  # exactly 2 chunks, and 2 chunks + a short one
def test_truncation_reordering_appending_and_flips_fail(length: int) -> None:
    chunk = 16
    data = secrets.token_bytes(length)
    blob = seal(data, chunk)
    parts = _chunks(blob, chunk)
    assert len(parts) >= 2
    bad = [
        b"".join(parts[:-1]),  # drop the final chunk (truncation at a chunk boundary)
        blob[:-1],  # cut one byte
        b"".join([parts[1], parts[0], *parts[2:]]),  # reorder
        blob + parts[-1],  # append a chunk
        blob[:5] + bytes([blob[5] ^ 1]) + blob[6:],  # flip one bit
    ]
    for candidate in bad:
        with pytest.raises(StreamError):
            unseal(candidate, chunk)
    with pytest.raises(StreamError):
        unseal(blob, chunk, ctx=b"simpul-file|other")  # moved to another file id
    with pytest.raises(StreamError):
        unseal(blob, chunk, key=bytes(32))


def test_empty_stream_is_one_authenticated_chunk() -> None:
    blob = seal(b"", 8)
    assert len(blob) == TAG
    assert unseal(blob, 8) == b""
    with pytest.raises(StreamError):
        unseal(b"", 8)
