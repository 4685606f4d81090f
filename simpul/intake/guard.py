"""Abuse protection for public endpoints, without any third party: fixed-window rate limits
in Django's cache (shared by every worker when the cache is the database or Redis), a
proof-of-work puzzle, and the client address behind a known number of proxies."""

from __future__ import annotations

import hashlib
import secrets
import time

from django.core import signing
from django.core.cache import cache

from simpul.clientaddr import client_address

_POW_SALT = "simpul.intake.pow"


client_ip = client_address  # one rule for the rate limits and the audit log (simpul/clientaddr.py)


def _key(bucket: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"intake:rl:{bucket}:{digest}:{int(time.time()) // window}"


def hit(bucket: str, ident: str, *, limit: int, window: int, cost: int = 1) -> bool:
    """Count ``cost`` against the bucket; False when the limit is exceeded."""
    key = _key(bucket, ident, window)
    cache.add(key, 0, window + 5)
    try:
        value = cache.incr(key, cost)
    except ValueError:  # evicted between add and incr
        cache.set(key, cost, window + 5)
        value = cost
    return value <= limit


def peek(bucket: str, ident: str, *, window: int) -> int:
    return int(cache.get(_key(bucket, ident, window), 0) or 0)


def pow_challenge() -> str:
    """A signed, timestamped random challenge for the proof-of-work script."""
    return signing.dumps(secrets.token_hex(8), salt=_POW_SALT)


def pow_valid(challenge: str, nonce: str, bits: int, max_age: int = 3600) -> bool:
    """Whether sha256(challenge + nonce) starts with ``bits`` zero bits and the challenge is ours."""
    if not challenge or not nonce or len(nonce) > 32:
        return False
    try:
        signing.loads(challenge, salt=_POW_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    digest = hashlib.sha256(f"{challenge}{nonce}".encode()).digest()
    value = int.from_bytes(digest, "big")
    return value >> (256 - bits) == 0 if bits > 0 else True


def pow_solve(challenge: str, bits: int) -> str:
    """Reference solver (tests, benchmark); the browser runs the same loop in intake/public.js."""
    n = 0
    while True:
        nonce = str(n)
        if pow_valid(challenge, nonce, bits):
            return nonce
        n += 1
