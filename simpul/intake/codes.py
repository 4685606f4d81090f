"""Tracking codes and PINs for reporters.

Codes use 31 characters without 0/O, 1/I/L (no confusion when read aloud or typed on a
phone): 8 characters, shown grouped as ``K7QM-4XPD`` (31^8 ~ 8.5e11 codes).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
_STRIP = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(raw: str) -> str | None:
    """User input to the stored form (upper case, no separators); None when impossible."""
    code = _STRIP.sub("", (raw or "").upper())
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def derived_pin(idempotency_key: str) -> str:
    """The PIN handed out with a submission, derived from its (secret, per-form) idempotency
    key with the server key: a double-click or a resubmission shows the same PIN again."""
    mac = hmac.new(settings.SECRET_KEY.encode(), f"intake-pin:{idempotency_key}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(mac[:8], 'big') % 1_000_000:06d}"


def random_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


PIN_RE = re.compile(r"^\d{6,12}$")


class PinHasher(PBKDF2PasswordHasher):
    """PBKDF2 with fewer rounds than account passwords: a PIN is hashed on every public
    submission (Argon2 at ~1 s per hash would cap the portal at a few reports per second).
    The PIN is peppered with the server key first, so a leaked database alone does not allow
    an offline search of the 10^6 six-digit PINs; online guessing is throttled per code."""

    iterations = 60_000


def _peppered(pin: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"intake-pin-pepper:{pin}".encode(), hashlib.sha256).hexdigest()


def hash_pin(pin: str) -> str:
    return make_password(_peppered(pin), hasher=PinHasher())


def check_pin(pin: str, encoded: str) -> bool:
    if not encoded or not encoded.startswith("pbkdf2_sha256$"):
        return False
    return bool(PinHasher().verify(_peppered(pin), encoded))
