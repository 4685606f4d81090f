"""Reporter PINs: keyed HMAC with a salt per report (docs/intake.md, "PIN"); the older PBKDF2 form
still verifies; a rotated server key (SECRET_KEY_FALLBACKS) keeps PINs valid."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

from simpul.intake import codes


def test_pin_round_trip_and_salt() -> None:
    a, b = codes.hash_pin("123456"), codes.hash_pin("123456")
    assert a != b and a.startswith("pinmac$")  # salted: equal PINs are not visible as equal hashes
    assert codes.check_pin("123456", a) and codes.check_pin("123456", b)
    assert not codes.check_pin("123457", a)
    assert not codes.check_pin("123456", "") and not codes.check_pin("123456", "pinmac$broken")
    assert "123456" not in a


def test_older_pbkdf2_pins_still_verify(settings: Any) -> None:
    legacy = make_password(codes._legacy_peppered(settings.SECRET_KEY, "246810"), hasher=PBKDF2PasswordHasher())
    assert codes.check_pin("246810", legacy)
    assert not codes.check_pin("246811", legacy)


def test_a_rotated_server_key_keeps_pins_valid(settings: Any) -> None:
    encoded = codes.hash_pin("135790")
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-server-key-" + "x" * 40
    assert not codes.check_pin("135790", encoded)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert codes.check_pin("135790", encoded)


def test_the_pin_depends_on_the_server_key(settings: Any) -> None:
    encoded = codes.hash_pin("112233")
    settings.SECRET_KEY = "another-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = []
    assert not codes.check_pin("112233", encoded)
