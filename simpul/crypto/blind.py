"""Blind indexes: HMAC-SHA256 (with a key separate from the data keys) of normalised values,
for exact lookups of encrypted data without decrypting it.

    blind_index("nik", "6306054501900001")  -> 64 hex chars
    blind_index("phone", "0812-3456-7890")   == blind_index("phone", "+6281234567890")
    name_tokens("Siti Nur'aini binti Ahmad") -> ["ahmad", "nuraini", "siti"]  (duplicate detection)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable

from simpul.crypto.keyring import keyring

_NON_DIGIT = re.compile(r"\D+")
# Words that say nothing about who someone is (kinship particles, honorifics).
NAME_STOPWORDS = frozenset({"bin", "binti", "bt", "bte", "b", "al", "dan", "ibu", "bapak", "pak", "bu", "sdr", "sdri", "an", "alm", "almh", "hj", "h", "dr", "ir"})


def normalise_nik(value: str) -> str:
    return _NON_DIGIT.sub("", value or "")


def normalise_phone(value: str) -> str:
    """Indonesian numbers to E.164: 0812..., 62812..., +62 812..., 812... -> +62812...."""
    digits = _NON_DIGIT.sub("", value or "")
    if not digits:
        return ""
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return "+62" + digits


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def name_tokens(value: str) -> list[str]:
    """Lower-case, accent-free, punctuation-free tokens, without stopwords, sorted and unique."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['`’]", "", text)
    tokens = re.split(r"[^a-z0-9]+", text)
    return sorted({t for t in tokens if len(t) > 1 and t not in NAME_STOPWORDS})


NORMALISERS: dict[str, Callable[[str], str]] = {
    "nik": normalise_nik,
    "phone": normalise_phone,
    "email": normalise_email,
    "name_token": lambda v: v,
    "name": lambda v: " ".join(name_tokens(v)),
}


def blind_index(kind: str, value: str | None) -> str:
    """The blind index of ``value`` for lookups of ``kind``; "" for an empty value."""
    if value is None:
        return ""
    normalised = NORMALISERS[kind](value)
    if not normalised:
        return ""
    mac = hmac.new(keyring().index_key, f"{kind}:{normalised}".encode(), hashlib.sha256)
    return mac.hexdigest()


def name_token_indexes(value: str) -> list[str]:
    return [blind_index("name_token", t) for t in name_tokens(value)]
