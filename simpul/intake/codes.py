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
from django.contrib.auth.hashers import PBKDF2PasswordHasher

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


# A PIN is hashed on every public submission. Threat model (docs/intake.md, "PIN"): a 6-digit
# PIN has 10^6 values, so no number of hash rounds protects it once both the database and the
# server key are stolen (PBKDF2 at 60,000 rounds took ~15 ms per PIN: the whole space in hours on
# one core); what protects it is the server-side key (a database alone allows no offline search)
# and the online limits per address and per tracking code. So the PIN is stored as a keyed
# HMAC-SHA256 with a random salt per report (no equal-PIN patterns): ~2 microseconds instead of
# ~15 ms, which was 58 % of a public submission. Hashes of the older PBKDF2 form still verify.
PIN_SCHEME = "pinmac"


def _pin_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"simpul.intake.pin.v2", hashlib.sha256).digest()


def _pin_mac(secret: str, salt: str, pin: str) -> str:
    return hmac.new(_pin_key(secret), f"{salt}:{pin}".encode(), hashlib.sha256).hexdigest()


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def hash_pin(pin: str) -> str:
    salt = secrets.token_hex(8)
    return f"{PIN_SCHEME}${salt}${_pin_mac(settings.SECRET_KEY, salt, pin)}"


def _legacy_peppered(secret: str, pin: str) -> str:
    return hmac.new(secret.encode(), f"intake-pin-pepper:{pin}".encode(), hashlib.sha256).hexdigest()


def check_pin(pin: str, encoded: str) -> bool:
    """Whether ``pin`` matches; accepts the current form under SECRET_KEY or a fallback key, and
    the older PBKDF2 form (kept readable so no reporter is locked out by the change)."""
    if not encoded:
        return False
    if encoded.startswith(PIN_SCHEME + "$"):
        try:
            _scheme, salt, mac = encoded.split("$", 2)
        except ValueError:
            return False
        return any(hmac.compare_digest(_pin_mac(secret, salt, pin), mac) for secret in _secrets())
    if encoded.startswith("pbkdf2_sha256$"):
        hasher = PBKDF2PasswordHasher()
        return any(bool(hasher.verify(_legacy_peppered(secret, pin), encoded)) for secret in _secrets())
    return False
