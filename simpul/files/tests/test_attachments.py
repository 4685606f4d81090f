"""Encrypted attachments: content allow-list, size limit, random storage names, streaming
download through the owner's access check, audit, tamper detection, key rotation re-wrap."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from simpul.access import AccessDenied
from simpul.audit.models import AuditEvent
from simpul.files.models import Attachment
from simpul.files.services import (
    AttachmentRejected,
    AttachmentUnreadable,
    attachment_open,
    attachment_store,
    attachments_for,
    storage_path,
)
from simpul.files.streamcrypt import TAG
from simpul.testing import signed_in_client

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 900  # ~230 KB, 4 chunks
PDF = b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 50
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(300)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def store(demo: dict[str, Any], name: str, content: bytes, org_key: str = "uptd.hss") -> Attachment:
    org = demo["org"][org_key]
    return attachment_store(actor=demo["user"]["admin.hss"], owner=org, uploaded_file=upload(name, content), organisation=org)


@pytest.mark.django_db
def test_store_encrypts_under_a_random_name(demo: dict[str, Any], media_root: Path) -> None:
    att = store(demo, "Foto Siti Contoh.png", PNG)
    assert att.mime_type == "image/png" and att.size == len(PNG)
    path = storage_path(att.storage_name)
    assert path.is_relative_to(media_root) and path.name == att.storage_name
    assert "Siti" not in str(path) and "png" not in str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert len(raw) == len(PNG) + 4 * TAG
    assert b"IHDR" not in raw and bytes(range(64)) not in raw
    fresh = Attachment.objects.get(pk=att.pk)
    assert fresh.original_name == "Foto Siti Contoh.png"
    assert fresh.sha256 == hashlib.sha256(PNG).hexdigest()
    with connection.cursor() as cur:
        cur.execute("SELECT original_name, sha256, file_key FROM files_attachment WHERE id = %s", [att.pk])
        row = cur.fetchone()
    assert all(v.startswith("v1:") for v in row)
    assert "Siti" not in "".join(row) and hashlib.sha256(PNG).hexdigest() not in "".join(row)
    assert AuditEvent.objects.filter(action="file.upload", object_id=str(att.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("laporan.exe", PDF, "application/pdf"),  # content decides, not the name
        ("rekaman", MP3, "audio/mpeg"),
        ("catatan.jpg", b"Kronologi singkat, baris dua.\n", "text/plain"),
    ],
)
def test_type_is_decided_by_content(demo: dict[str, Any], media_root: Path, name: str, content: bytes, mime: str) -> None:
    assert store(demo, name, content).mime_type == mime


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", EXE),  # a Windows program named like a photo
        ("data.txt", b"\x00\x01\x02binary\xff\xfe"),
        ("kosong.txt", b""),
        ("teks.txt", b"ok " * 4000 + b"\xff\xfe broken utf-8 later"),  # invalid after the sniffed head
    ],
)
def test_disallowed_content_is_rejected_and_leaves_no_file(demo: dict[str, Any], media_root: Path, name: str, content: bytes) -> None:
    with pytest.raises(AttachmentRejected):
        store(demo, name, content)
    assert not Attachment.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_size_limit_from_setting(demo: dict[str, Any], media_root: Path, settings: Any) -> None:
    settings.SIMPUL_ATTACHMENT_MAX_MB = 1
    with pytest.raises(AttachmentRejected, match="terlalu besar"):
        store(demo, "besar.pdf", PDF + b"0" * (1024 * 1024))

    class Liar:
        """An upload that under-reports its size: the limit is enforced while streaming."""

        name = "bohong.pdf"
        size = 10

        def chunks(self, n: int) -> Any:
            yield PDF
            for _ in range(20):
                yield b"0" * 65536

    org = demo["org"]["uptd.hss"]
    with pytest.raises(AttachmentRejected):
        attachment_store(actor=demo["user"]["admin.hss"], owner=org, uploaded_file=Liar(), organisation=org)
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_user_given_path_never_reaches_the_file_system(demo: dict[str, Any], media_root: Path) -> None:
    att = store(demo, "../../../etc/passwd.txt", b"isi teks\n")
    assert att.original_name == "passwd.txt"
    files = [p for p in media_root.rglob("*") if p.is_file()]
    assert files == [storage_path(att.storage_name)]


@pytest.mark.django_db
def test_store_requires_edit_access_on_the_owner(demo: dict[str, Any], media_root: Path) -> None:
    org = demo["org"]["uptd.hss"]
    with pytest.raises(AccessDenied):
        attachment_store(actor=demo["user"]["pendamping.hss"], owner=org, uploaded_file=upload("a.txt", b"x\n"), organisation=org)


@pytest.mark.django_db
def test_download_streams_decrypted_file_with_safe_headers_and_audit(demo: dict[str, Any], media_root: Path) -> None:
    att = store(demo, 'Surat "rahasia" Siti.pdf', PDF)
    client = signed_in_client("pendamping.hss")
    response = client.get(reverse("files:download", args=[att.uid]))
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Surat_rahasia_Siti.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    ev = AuditEvent.objects.filter(action="file.download", object_id=str(att.pk)).get()
    assert ev.actor_id == demo["user"]["pendamping.hss"].pk
    # Another organisation's user: hidden. A guessed uid: hidden too.
    assert signed_in_client("mitra.polres.hss").get(reverse("files:download", args=[att.uid])).status_code == 404
    import uuid

    assert client.get(reverse("files:download", args=[uuid.uuid4()])).status_code == 404
    assert AuditEvent.objects.filter(action="file.download").count() == 1


@pytest.mark.django_db
def test_visible_scope_follows_the_owner_policy(demo: dict[str, Any], media_root: Path) -> None:
    a = store(demo, "a.txt", b"a\n")
    b = store(demo, "b.txt", b"b\n", org_key="dinas.hss")
    mine = demo["user"]["pendamping.hss"]  # member of uptd.hss only
    assert list(attachments_for(mine, demo["org"]["uptd.hss"])) == [a]
    assert list(attachments_for(mine, demo["org"]["dinas.hss"])) == []
    assert list(attachments_for(demo["user"]["admin.hss"], demo["org"]["dinas.hss"])) == [b]


@pytest.mark.django_db
def test_tampered_truncated_or_swapped_files_fail(demo: dict[str, Any], media_root: Path) -> None:
    actor = demo["user"]["admin.hss"]
    a = store(demo, "a.png", PNG)
    b = store(demo, "b.png", PNG)
    pa, pb = storage_path(a.storage_name), storage_path(b.storage_name)
    original = pa.read_bytes()

    pa.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:])
    with pytest.raises(AttachmentUnreadable):
        attachment_open(actor=actor, attachment=a)

    pa.write_bytes(original[: 2 * (a.chunk_size + TAG)])  # cut at a chunk boundary
    with pytest.raises(AttachmentUnreadable):
        b"".join(attachment_open(actor=actor, attachment=a))

    pa.write_bytes(pb.read_bytes())  # another attachment's file under this row
    with pytest.raises(AttachmentUnreadable):
        attachment_open(actor=actor, attachment=a)

    pa.write_bytes(original)
    assert b"".join(attachment_open(actor=actor, attachment=a)) == PNG
    os.unlink(pa)
    with pytest.raises(AttachmentUnreadable):
        attachment_open(actor=actor, attachment=a)


@pytest.mark.django_db
def test_damaged_file_gives_the_generic_error_page(demo: dict[str, Any], media_root: Path) -> None:
    att = store(demo, "Siti Contoh.txt", b"isi rahasia\n")
    p = storage_path(att.storage_name)
    p.write_bytes(b"\x00" + p.read_bytes()[1:])
    client = signed_in_client("pendamping.hss")
    client.raise_request_exception = False
    response = client.get(reverse("files:download", args=[att.uid]))
    assert response.status_code == 500
    assert "Siti" not in response.content.decode()


@pytest.mark.django_db
def test_rotation_rewraps_the_file_key_and_leaves_the_file(demo: dict[str, Any], media_root: Path, private_keyring: Path) -> None:
    from simpul.crypto import keyring as kr
    from simpul.crypto import rotation

    att = store(demo, "a.png", PNG)
    on_disk = storage_path(att.storage_name).read_bytes()
    old = kr.keyring().active_id
    rotation.rotate(batch=10)
    new = kr.keyring().active_id
    with connection.cursor() as cur:
        cur.execute("SELECT file_key, original_name FROM files_attachment WHERE id = %s", [att.pk])
        row = cur.fetchone()
    assert all(v.startswith(f"v1:{new}:") for v in row) and new != old
    assert storage_path(att.storage_name).read_bytes() == on_disk
    fresh = Attachment.objects.get(pk=att.pk)
    assert b"".join(attachment_open(actor=demo["user"]["admin.hss"], attachment=fresh)) == PNG


@pytest.mark.django_db
def test_handle_upload_helper_for_module_views(demo: dict[str, Any], media_root: Path) -> None:
    from django.template.loader import render_to_string

    from simpul.files.views import handle_upload, upload_form

    org = demo["org"]["uptd.hss"]
    rf = RequestFactory()
    request = rf.post("/x/", {"berkas": upload("scan.pdf", PDF)})
    request.user = demo["user"]["admin.hss"]
    form, att = handle_upload(request, owner=org, organisation=org)
    assert att is not None and att.mime_type == "application/pdf"

    request = rf.post("/x/", {"berkas": upload("virus.jpg", EXE)})
    request.user = demo["user"]["admin.hss"]
    form, att = handle_upload(request, owner=org, organisation=org)
    assert att is None and "Jenis berkas tidak diizinkan" in str(form.errors["berkas"])

    html = render_to_string("files/_upload.html", {"form": upload_form(), "action": "/x/"})
    assert 'enctype="multipart/form-data"' in html and 'name="berkas"' in html and "style=" not in html
