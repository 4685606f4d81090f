"""Matching keys: what is stored and compared instead of names, NIKs and phone numbers.

Every key is an HMAC-SHA256 (truncated to 8 bytes) under the keyring's index key, of a
normalised part of an identity: phonetic codes of the name tokens, the birth date and its parts,
the NIK and its parts (region, the birth date encoded in it, serial), the phone number, the desa.
The name is also kept as a keyed Bloom filter of its letter pairs (1,024 bits, 10 positions per
pair chosen by an HMAC of the pair), so that two spellings can be compared (Dice coefficient)
without either being readable. Sex and the kabupaten code are statistical attributes, stored
clear elsewhere, and used clear here. What each key reveals: docs/crypto.md ("Matching keys").

The same code computes the keys in the application (key = the keyring's index key) and in the
batch command (key = a random key for the run): comparisons and scores are the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field

from simpul.matching.names import bigrams, parse_name, phonetic, skeleton

BLOOM_BITS = 1024
BLOOM_K = 10
_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class Identity:
    """What a record says about a person (any part may be empty)."""

    full_name: str = ""
    sex: str = ""  # "L" / "P" / ""
    birth_date: dt.date | None = None
    nik: str = ""
    phone: str = ""
    kabupaten_code: str = ""  # "63.06"
    desa: str = ""


@dataclass
class Keys:
    """The keyed form of an Identity. ``bytes`` values are 8-byte HMACs; b"" means unknown."""

    name_seq: bytes = b""  # core phonetic tokens in order
    name_set: bytes = b""  # core phonetic tokens sorted (swapped order)
    tokens: frozenset[bytes] = frozenset()  # each core phonetic token
    given: bytes = b""  # phonetic of the first core token
    distinctive: bytes = b""  # phonetic of the first token that is not a common leading name
    distinctive_skel: bytes = b""  # consonant skeleton of it (typos)
    skeletons: bytes = b""  # consonant skeletons of all core tokens, sorted (typos, swapped order)
    lineage: bytes = b""  # father's name / clan after bin/binti/boru
    bloom: int = 0
    bloom_count: int = 0
    dob: bytes = b""
    dob_ym: bytes = b""
    dob_yd: bytes = b""
    dob_md: bytes = b""
    dob_swapped: bytes = b""  # day and month exchanged
    dob_y: bytes = b""
    nik: bytes = b""
    nik_region: bytes = b""
    nik_dob: bytes = b""
    nik_serial: bytes = b""
    phone: bytes = b""
    desa: bytes = b""
    sex: str = ""
    kabupaten: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def normalise_phone(value: str) -> str:
    digits = _DIGITS.sub("", value or "")
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return digits if len(digits) >= 7 else ""


def normalise_nik(value: str) -> str:
    digits = _DIGITS.sub("", value or "")
    return digits if len(digits) == 16 else ""


def birth_date_from_nik(nik: str) -> tuple[dt.date | None, str]:
    """The birth date and sex encoded in a NIK (digits 7-12: DDMMYY, DD + 40 for women)."""
    if len(nik) != 16:
        return None, ""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        day, sex = day - 40, "P"
    today = dt.datetime.now(dt.UTC).date()
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        return dt.date(century + year, month, day), sex
    except ValueError:
        return None, ""


class KeyMaker:
    """Computes Keys under one HMAC key (memoising the letter-pair masks of the Bloom filter)."""

    def __init__(self, key: bytes, memo: bool = False) -> None:
        """``memo``: remember each value's key for the life of this object (the batch command:
        names, dates and NIK parts repeat); off in the application, which keeps no clear values."""
        self._key = key
        self._pair_masks: dict[str, int] = {}
        self._memo: dict[str, bytes] | None = {} if memo else None
        self._names: dict[object, dict[str, object]] = {}
        self._dates: dict[object, dict[str, object]] = {}

    def h(self, kind: str, value: str) -> bytes:
        if not value:
            return b""
        msg = f"{kind}:{value}"
        memo = self._memo
        if memo is not None:
            found = memo.get(msg)
            if found is None:
                found = memo[msg] = hmac.digest(self._key, msg.encode(), hashlib.sha256)[:8]
            return found
        return hmac.digest(self._key, msg.encode(), hashlib.sha256)[:8]

    def _pair_mask(self, pair: str) -> int:
        mask = self._pair_masks.get(pair)
        if mask is None:
            digest = hmac.digest(self._key, f"bloom:{pair}".encode(), hashlib.sha256)
            mask = 0
            for i in range(BLOOM_K):
                mask |= 1 << (int.from_bytes(digest[2 * i : 2 * i + 2], "big") % BLOOM_BITS)
            self._pair_masks[pair] = mask
        return mask

    def bloom(self, text: str) -> int:
        bits = 0
        for pair in bigrams(text):
            bits |= self._pair_mask(pair)
        return bits

    def _name_keys(self, full_name: str) -> dict[str, object]:
        parts = parse_name(full_name)
        codes = [c for c in (phonetic(t) for t in parts.core) if c]
        out: dict[str, object] = {}
        if codes:
            bloom = self.bloom(" ".join(codes))
            out = {
                "name_seq": self.h("nseq", " ".join(codes)),
                "name_set": self.h("nset", " ".join(sorted(codes))),
                "tokens": frozenset(self.h("tok", c) for c in codes),
                "given": self.h("given", codes[0]),
                "distinctive": self.h("tok", phonetic(parts.distinctive)),
                "distinctive_skel": self.h("skel", skeleton(parts.distinctive)),
                "skeletons": self.h("skels", " ".join(sorted(skeleton(t) for t in parts.core))),
                "bloom": bloom,
                "bloom_count": bloom.bit_count(),
            }
        if parts.lineage:
            out["lineage"] = self.h("lin", " ".join(phonetic(t) for t in parts.lineage))
        return out

    def _date_keys(self, birth: dt.date) -> dict[str, object]:
        y, m, d = birth.year, birth.month, birth.day
        return {
            "dob": self.h("dob", f"{y:04d}{m:02d}{d:02d}"),
            "dob_ym": self.h("dob_ym", f"{y:04d}{m:02d}"),
            "dob_yd": self.h("dob_yd", f"{y:04d}{d:02d}"),
            "dob_md": self.h("dob_md", f"{m:02d}{d:02d}"),
            "dob_y": self.h("dob_y", f"{y:04d}"),
            "dob_swapped": self.h("dob", f"{y:04d}{d:02d}{m:02d}") if d <= 12 and d != m else b"",
        }

    def _cached(self, cache: dict[object, dict[str, object]], value: object, make: object) -> dict[str, object]:
        if self._memo is None:
            return make(value)  # type: ignore[operator, no-any-return]
        found = cache.get(value)
        if found is None:
            found = cache[value] = make(value)  # type: ignore[operator]
        return found

    def keys(self, ident: Identity) -> Keys:
        nik = normalise_nik(ident.nik)
        birth, sex = ident.birth_date, (ident.sex or "").upper()[:1]
        if nik:
            nik_birth, nik_sex = birth_date_from_nik(nik)
            birth = birth or nik_birth
            sex = sex or nik_sex
        k = Keys(sex=sex if sex in ("L", "P") else "", kabupaten=(ident.kabupaten_code or "").strip())
        fields = k.__dict__
        if ident.full_name:
            fields.update(self._cached(self._names, ident.full_name, self._name_keys))
        if birth:
            fields.update(self._cached(self._dates, birth, self._date_keys))
        if nik:
            k.nik = self.h("nik", nik)
            k.nik_region = self.h("nik_r", nik[:6])
            k.nik_dob = self.h("nik_d", nik[6:12])
            k.nik_serial = self.h("nik_s", nik[12:])
        phone = normalise_phone(ident.phone)
        if phone:
            k.phone = self.h("phone", phone)
        desa = " ".join(parse_name(ident.desa).core) if ident.desa else ""
        if desa:
            k.desa = self.h("desa", f"{k.kabupaten}:{desa}")
        return k


def dice(a: Keys, b: Keys) -> float:
    total = a.bloom_count + b.bloom_count
    if not total:
        return 0.0
    return 2 * (a.bloom & b.bloom).bit_count() / total
