"""Key rotation: resumable, no extra key on re-run, concurrent edits kept, retire only unused keys."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from simpul.crypto import keyring as kr
from simpul.crypto import rotation
from simpul.people.models import Person
from simpul.people.services import person_save

NAMES = [f"Siti Contoh {i:03d}" for i in range(23)]


def _people() -> list[Person]:
    return [person_save(Person(), full_name=n, nik=f"63060545019{i:05d}", phone=f"0812-000-{i:04d}") for i, n in enumerate(NAMES)]


def _persons_values_under(kid: str) -> int:
    usage = rotation.key_usage()
    return sum(n for col, n in usage.get(kid, {}).items() if col.startswith("people.person."))


def test_keys_init_creates_private_file_and_refuses_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "k" / "keys.json"
    out = io.StringIO()
    call_command("keys", "init", "--file", str(path), stdout=out)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data["active"] == "k1" and len(data["keys"]) == 1
    before = path.read_bytes()
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("keys", "init", "--file", str(path))
    assert path.read_bytes() == before


@pytest.mark.django_db
def test_interrupted_rotation_resumes_without_a_new_key(private_keyring: Path) -> None:
    people = _people()
    old = kr.keyring().active_id
    before = _persons_values_under(old)
    assert before == 3 * len(NAMES)

    # "Crash" after two batches of 5 rows: marker left, some rows rotated, some not.
    result = rotation.rotate(batch=5, max_batches=2)
    ring = kr.keyring()
    new = ring.active_id
    assert new != old and ring.rotating == new and result.started
    assert 0 < _persons_values_under(new) < before
    # Reads work in the middle: both keys are in the ring.
    assert sorted(Person.objects.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)) == sorted(p.pk for p in people)
    assert sorted(p.full_name for p in Person.objects.filter(pk__in=[p.pk for p in people])) == sorted(NAMES)

    out = io.StringIO()
    call_command("keys", "rotate", "--batch", "7", stdout=out)
    assert "Melanjutkan rotasi" in out.getvalue()
    ring = kr.keyring()
    assert ring.active_id == new and ring.rotating is None
    assert set(ring.keys) == {old, new}, "a resumed rotation must not add another key"
    assert _persons_values_under(old) == 0
    assert _persons_values_under(new) == before
    for p, name in zip(Person.objects.filter(pk__in=[p.pk for p in people]).order_by("pk"), NAMES, strict=True):
        assert p.full_name == name
    # updated_at is not touched by rotation, blind indexes still find people.
    from simpul.people.services import find_candidates

    assert find_candidates(nik="6306054501900003")["nik"] == [people[3].pk]


@pytest.mark.django_db
def test_status_reports_counts_per_key_and_column(private_keyring: Path) -> None:
    _people()
    out = io.StringIO()
    call_command("keys", "status", stdout=out)
    text = out.getvalue()
    active = kr.keyring().active_id
    assert f"{active}  [aktif]" in text
    assert f"people.person.full_name: {len(NAMES)}" in text
    assert f"people.person.nik: {len(NAMES)}" in text


@pytest.mark.django_db
def test_rotation_skips_rows_edited_meanwhile_and_catches_stale_writes(private_keyring: Path) -> None:
    people = _people()
    old = kr.keyring().active_id
    edited: list[int] = []

    def meanwhile(message: str) -> None:
        # After the first batch, a stale app process writes a row with the OLD key (raw SQL,
        # as a process that has not yet noticed the new keyring would).
        if edited or "baris" not in message:
            return
        victim = people[-1]
        with connection.cursor() as cur:
            cur.execute("SELECT full_name FROM people_person WHERE id = %s", [victim.pk])
            (stored,) = cur.fetchone()
        assert stored.startswith(f"v1:{old}:")
        from simpul.crypto import aead

        aad = aead.associated_data("people_person", "full_name", str(victim.uid))
        resealed = aead.seal(b"Siti Diubah", aad, key_id=old)
        with connection.cursor() as cur:
            cur.execute("UPDATE people_person SET full_name = %s WHERE id = %s", [resealed, victim.pk])
        edited.append(victim.pk)

    rotation.rotate(batch=5, out=meanwhile)
    assert edited
    assert _persons_values_under(old) == 0
    assert Person.objects.get(pk=edited[0]).full_name == "Siti Diubah"


@pytest.mark.django_db
def test_retire_refuses_while_values_use_the_key_then_retires_and_removes(private_keyring: Path) -> None:
    _people()
    old = kr.keyring().active_id
    with pytest.raises(CommandError, match="masih aktif"):
        call_command("keys", "retire", "--key", old)
    rotation.rotate(batch=50, max_batches=1)
    with pytest.raises(CommandError, match="belum selesai"):
        call_command("keys", "retire")
    # Finish the rotation, then put one value back under the old key: retire must refuse.
    rotation.rotate(batch=50)
    p = Person.objects.order_by("pk").last()
    assert p is not None
    from simpul.crypto import aead

    aad = aead.associated_data("people_person", "phone", str(p.uid))
    with connection.cursor() as cur:
        cur.execute("UPDATE people_person SET phone = %s WHERE id = %s", [aead.seal(b"0812", aad, key_id=old), p.pk])
    with pytest.raises(CommandError, match="masih melindungi"):
        call_command("keys", "retire")
    assert not kr.keyring().keys[old].retired
    with connection.cursor() as cur:
        cur.execute("UPDATE people_person SET phone = NULL WHERE id = %s", [p.pk])
    call_command("keys", "retire", stdout=io.StringIO())
    ring = kr.keyring()
    assert ring.keys[old].retired
    with pytest.raises(ValueError, match="retired"):
        aead.seal(b"x", b"aad", key_id=old)
    call_command("keys", "retire", "--remove", stdout=io.StringIO())
    assert old not in kr.keyring().keys
    assert {p.full_name for p in Person.objects.all()} >= set(NAMES)


@pytest.mark.django_db
def test_a_process_with_a_cached_keyring_reads_values_under_a_new_key(private_keyring: Path, monkeypatch: Any) -> None:
    p = _people()[0]
    ring = kr.keyring()
    # Another process rotates: the file changes behind this process's cache.
    newer = ring.with_new_active_key(rotating=False)
    kr._write(newer, private_keyring)
    from simpul.crypto import aead

    aad = aead.associated_data("people_person", "full_name", str(p.uid))
    blob = aead.AESGCM(newer.active.key)
    import base64
    import secrets

    nonce = secrets.token_bytes(12)
    stored = f"v1:{newer.active_id}:{base64.b64encode(nonce + blob.encrypt(nonce, b'Siti Baru', aad)).decode()}"
    with connection.cursor() as cur:
        cur.execute("UPDATE people_person SET full_name = %s WHERE id = %s", [stored, p.pk])
    assert Person.objects.get(pk=p.pk).full_name == "Siti Baru"
    assert kr.keyring().active_id == newer.active_id
