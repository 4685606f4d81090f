"""Backup and restore: round trip gives identical data (ciphertext only in the archive), the
audit chain still verifies, tampered archives and non-empty instances are refused."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from simpul.accounts.models import Organisation, User
from simpul.audit.services import verify
from simpul.crypto import backup as bk
from simpul.crypto import serializers as exact_json
from simpul.crypto.fields import REGISTRY, raw_mode
from simpul.files.services import attachment_open, attachment_store
from simpul.people.models import Person
from simpul.people.services import person_save

SECRETS = ["Siti Contoh Rahasia", "6306054501990077", "081299887766", "Jalan Mawar Sintetis 7"]
PDF = b"%PDF-1.4\n" + b"Laporan visum sintetis\n" * 4000  # ~90 KB, two chunks


def _world(demo: dict[str, Any]) -> dict[str, Any]:
    p = person_save(Person(), full_name=SECRETS[0], nik=SECRETS[1], phone=SECRETS[2], address_detail=SECRETS[3], birth_date=dt.date(2011, 3, 4))
    q = person_save(Person(), full_name="Budi Sintetis", phone="+62 813 0000 1111")
    org = demo["org"]["uptd.hss"]
    att = attachment_store(actor=demo["user"]["admin.hss"], owner=org, uploaded_file=SimpleUploadedFile("visum Siti.pdf", PDF), organisation=org)
    return {"p": p.pk, "q": q.pk, "att": att.pk}


def _snapshot() -> list[dict[str, Any]]:
    out = io.StringIO()
    exact_json.register()
    with raw_mode():
        call_command("dumpdata", exclude=bk.EXCLUDE, natural_foreign=True, use_base_manager=True, format=exact_json.FORMAT, stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda o: (o["model"], str(o.get("pk"))))


def _encrypted_field_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for model, f in REGISTRY:
        names.setdefault(model._meta.label_lower, set()).add(f.name)
    return names


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_round_trip_identical_data_and_audit_chain(demo: dict[str, Any], tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media-a"
    ids = _world(demo)
    before = _snapshot()
    assert verify().ok
    archive = tmp_path / "simpul.bak"
    out = io.StringIO()
    call_command("backup", "--out", str(archive), stdout=out)
    assert "1 lampiran" in out.getvalue()
    blob = archive.read_bytes()
    for s in [*SECRETS, "Budi", "Laporan visum"]:
        assert s.encode() not in blob
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("backup", "--out", str(archive))

    # The dump inside holds ciphertext only: every encrypted field value is sealed.
    staging = tmp_path / "inspect"
    staging.mkdir()
    with open(archive, "rb") as fh:
        header, prefix = bk.read_header(fh)
        import base64

        chunks = bk.open_chunks(bk._stream_key(bk.archive_secret(), base64.b64decode(header["salt"])), prefix, fh, header["chunk"])
        seen = bk._extract(bk.ChunkReader(chunks), staging)
    assert DB in seen and bk.MANIFEST in seen
    db_text = (staging / DB).read_text()
    for s in SECRETS:
        assert s not in db_text
    encrypted = _encrypted_field_names()
    for obj in json.loads(db_text):
        for name in encrypted.get(obj["model"], ()):
            value = obj["fields"].get(name)
            assert value is None or value.startswith("v1:"), (obj["model"], name)

    # A fresh, empty instance (flush = tables emptied, migrate's own rows recreated).
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "media-b"
    assert not Person.objects.exists() and not User.objects.exists()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Rantai audit utuh" in out.getvalue()

    assert _snapshot() == before
    p = Person.objects.get(pk=ids["p"])
    assert (p.full_name, p.nik, p.phone, p.address_detail, p.birth_date) == (*SECRETS, dt.date(2011, 3, 4))
    assert Person.objects.get(pk=ids["q"]).full_name == "Budi Sintetis"
    from simpul.files.models import Attachment

    att = Attachment.objects.get(pk=ids["att"])
    assert att.original_name == "visum Siti.pdf"
    assert b"".join(attachment_open(actor=User.objects.get(username="admin.hss"), attachment=att)) == PDF
    assert verify().ok
    # Sequences continue after the restored rows (PostgreSQL: reset by loaddata).
    new = person_save(Person(), full_name="Ani Sintetis")
    assert new.pk > max(ids["p"], ids["q"])
    assert Organisation.objects.count() == len({o["pk"] for o in before if o["model"] == "accounts.organisation"})

    # Restoring again into the now non-empty instance is refused.
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore", str(archive))


DB = bk.DB_MEMBER


def _flip(path: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    out = path.with_name(f"{path.name}.{offset}")
    out.write_bytes(bytes(data))
    return out


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_tampered_or_foreign_archive_is_refused_and_nothing_restored(demo: dict[str, Any], tmp_path: Path, settings: Any, monkeypatch: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media-a"
    _world(demo)
    archive = tmp_path / "simpul.bak"
    bk.backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = media = tmp_path / "media-b"
    size = archive.stat().st_size
    header_len = len(bk.MAGIC) + 2 + 40  # inside the clear header
    for offset in (header_len, size // 2, size - 3):
        with pytest.raises(CommandError, match="ditolak"):
            call_command("restore", str(_flip(archive, offset)))
    truncated = tmp_path / "truncated.bak"
    truncated.write_bytes(archive.read_bytes()[: size - 70000])
    with pytest.raises(CommandError, match="rusak"):
        call_command("restore", str(truncated))
    assert not Person.objects.exists() and not User.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()] if media.exists() else True

    monkeypatch.setenv("SIMPUL_BACKUP_KEY", "x" * 48)
    with pytest.raises(CommandError, match="kunci arsip"):
        call_command("restore", str(archive))
    monkeypatch.delenv("SIMPUL_BACKUP_KEY")
    shutil.copy(archive, tmp_path / "ok.bak")
    call_command("restore", str(tmp_path / "ok.bak"), stdout=io.StringIO())
    assert Person.objects.filter(full_name__isnull=False).count() == 2
