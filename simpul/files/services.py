"""Storing and opening attachments: content-checked, size-limited, encrypted in chunks on disk.

    att = attachment_store(actor=user, owner=case, uploaded_file=request.FILES["berkas"],
                           organisation=case.organisation)
    for chunk in attachment_open(actor=user, attachment=att): ...

The allowed types are decided from the file's CONTENT (``filetype`` magic numbers, or valid
UTF-8 text), never from its name or the browser's Content-Type. The name the user gave is kept
only encrypted (for display and the download name); the file system sees a random name.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from simpul import access, validators
from simpul.audit.services import record
from simpul.crypto.streamcrypt import DEFAULT_CHUNK, Sealer, StreamError, open_chunks
from simpul.files.models import Attachment

# Detected MIME type -> label. Plain text is recognised separately (valid UTF-8, no control bytes).
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "application/pdf": "PDF",
    "audio/mpeg": "MP3",
    "audio/mp4": "M4A",
    "video/mp4": "MP4",  # phone voice recorders often write an MP4 container (brand mp42/isom)
    "audio/ogg": "OGG",
    "audio/x-wav": "WAV",
    "text/plain": "Teks",
}
TEXT = "text/plain"
HEAD_BYTES = 8192
STORAGE_NAME = re.compile(r"^[0-9a-f]{32}$")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class AttachmentRejected(ValidationError):
    """The file is not accepted (type, size, empty); the message is for the user."""


class AttachmentUnreadable(Exception):
    """The stored file is missing or fails authentication (tampered, moved, wrong key)."""


def max_bytes() -> int:
    return int(getattr(settings, "SIMPUL_ATTACHMENT_MAX_MB", 20)) * 1024 * 1024


def storage_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def storage_path(storage_name: str) -> Path:
    if not STORAGE_NAME.match(storage_name):
        raise ValueError("invalid storage name")
    return storage_root() / storage_name[:2] / storage_name


def _context(uid: Any) -> bytes:
    return f"simpul-file|{uid}".encode()


def detect_type(head: bytes) -> str | None:
    """The allowed MIME type of a file starting with ``head``, or None (not allowed)."""
    kind = filetype.guess(head) if head else None
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_TYPES else None
    return TEXT if _looks_like_text(head, final=False) else None


def _looks_like_text(data: bytes, *, final: bool) -> bool:
    if _CONTROL.search(data):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return True


# The extension a download gets comes from the detected content, never from the name typed.
EXTENSIONS: dict[str, str] = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf",
    "audio/mpeg": "mp3", "audio/mp4": "m4a", "video/mp4": "mp4", "audio/ogg": "ogg",
    "audio/x-wav": "wav", "text/plain": "txt",
}


def safe_display_name(name: str) -> str:
    """The base name only: no path parts, no NUL or lone surrogate, no control or bidi characters
    (``laporan\u202efdp.exe`` would read "laporanexe.pdf"), at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    if validators.text_problem(base):
        base = base.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    base = "".join(c for c in validators.clean_name(base) if c.isprintable())
    return base[:200].strip() or "berkas"


def ascii_filename(name: str, mime: str) -> str:
    """A safe ASCII download name (letters, digits, dot, dash, underscore) whose extension is
    the detected type's: a PDF named ``x.exe`` downloads as ``x.exe.pdf``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", safe_display_name(name)).strip("._") or "berkas"
    ext = EXTENSIONS.get(mime, "bin")
    if stem.lower().endswith("." + ext):
        stem = stem[: -len(ext) - 1]
    return f"{stem[:90]}.{ext}"


@transaction.atomic
def attachment_store(
    *,
    actor: Any,
    owner: models.Model,
    uploaded_file: Any,
    organisation: Any,
    access_action: str = "edit",
    request: Any = None,
) -> Attachment:
    """Check ``access_action`` on ``owner``, check size and content type, encrypt the file to disk
    and record it. Raises ``AccessDenied`` or ``AttachmentRejected`` (message for the user)."""
    access.check(actor, access_action, owner)
    limit = max_bytes()
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise AttachmentRejected(_("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, code="too_large")
    chunks = _iter_upload(uploaded_file)
    head = bytearray()
    pending: list[bytes] = []
    for chunk in chunks:
        pending.append(chunk)
        head += chunk
        if len(head) >= HEAD_BYTES:
            break
    if not head:
        raise AttachmentRejected(_("Berkas kosong."), code="empty")
    mime = detect_type(bytes(head[:HEAD_BYTES]))
    if mime is None:
        raise AttachmentRejected(
            _("Jenis berkas tidak diizinkan. Yang diterima: foto (JPEG, PNG, WebP), PDF, rekaman suara (MP3, M4A/MP4, OGG, WAV) dan teks."),
            code="type",
        )
    att = Attachment(
        owner_type=owner._meta.label_lower,
        owner_id=owner.pk,
        organisation=organisation,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        original_name=safe_display_name(getattr(uploaded_file, "name", "") or ""),
        mime_type=mime,
        storage_name=secrets.token_hex(16),
        chunk_size=DEFAULT_CHUNK,
    )
    file_key = secrets.token_bytes(32)
    att.file_key = base64.b64encode(file_key).decode()
    path = storage_path(att.storage_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{att.storage_name}.part")
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            sealer = Sealer(file_key, _context(att.uid), fh, att.chunk_size)

            def feed(data: bytes) -> None:
                if sealer.plain_bytes + len(data) > limit:
                    raise AttachmentRejected(
                        _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, code="too_large"
                    )
                if mime == TEXT:
                    try:
                        decoder.decode(data)
                    except UnicodeDecodeError:
                        raise AttachmentRejected(_("Berkas teks harus UTF-8 yang sah."), code="type") from None
                    if _CONTROL.search(data):
                        raise AttachmentRejected(_("Berkas teks berisi karakter kendali."), code="type")
                digest.update(data)
                sealer.write(data)

            for chunk in pending:
                feed(chunk)
            for chunk in chunks:
                feed(chunk)
            if mime == TEXT:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    raise AttachmentRejected(_("Berkas teks harus UTF-8 yang sah."), code="type") from None
            sealer.close()
            fh.flush()
            os.fsync(fh.fileno())
        att.size = sealer.plain_bytes
        att.sha256 = digest.hexdigest()
        os.replace(tmp, path)
        att.save()
        record(
            "file.upload",
            actor=actor,
            obj=att,
            organisation_id=getattr(organisation, "pk", None),
            fields=["original_name", "content"],
            extra={"owner_type": att.owner_type, "owner_id": att.owner_id, "mime": mime, "size": att.size},
            request=request,
        )
    except BaseException:
        tmp.unlink(missing_ok=True)
        if att.pk is None:
            path.unlink(missing_ok=True)
        raise
    # If a surrounding transaction rolls back later, the encrypted file stays as an orphan
    # (unreadable without its row's file key); ``orphan_files_remove`` sweeps those.
    return att


def _iter_upload(uploaded_file: Any) -> Iterator[bytes]:
    if hasattr(uploaded_file, "chunks"):
        yield from uploaded_file.chunks(DEFAULT_CHUNK)
        return
    while True:
        block = uploaded_file.read(DEFAULT_CHUNK)
        if not block:
            return
        yield block


def file_key(att: Attachment) -> bytes:
    return base64.b64decode(att.file_key)


def decrypt_stream(att: Attachment) -> Iterator[bytes]:
    """Plaintext chunks of ``att`` (no access check: callers check). The first chunk is decrypted
    before this returns, so a missing or damaged file raises ``AttachmentUnreadable`` here rather
    than mid-download; later damage raises while iterating."""
    try:
        fh = open(storage_path(att.storage_name), "rb")  # noqa: SIM115 - closed by the generator
    except OSError:
        raise AttachmentUnreadable("stored file missing") from None
    chunks = open_chunks(file_key(att), _context(att.uid), fh, att.chunk_size)
    try:
        first = next(chunks)
    except StreamError as exc:
        fh.close()
        raise AttachmentUnreadable(str(exc)) from None

    def generate() -> Iterator[bytes]:
        digest = hashlib.sha256(first)
        try:
            yield first
            try:
                for chunk in chunks:
                    digest.update(chunk)
                    yield chunk
            except StreamError as exc:
                raise AttachmentUnreadable(str(exc)) from None
            if digest.hexdigest() != att.sha256:
                raise AttachmentUnreadable("content hash does not match")
        finally:
            fh.close()

    return generate()


def attachment_open(*, actor: Any, attachment: Attachment, request: Any = None, audit_action: str = "file.download") -> Iterator[bytes]:
    """Check access (the owner's ``view``), audit, and return the decrypted content as an iterator."""
    access.check(actor, "view", attachment)
    stream = decrypt_stream(attachment)
    record(
        audit_action,
        actor=actor,
        obj=attachment,
        organisation_id=attachment.organisation_id,
        fields=["content"],
        extra={"owner_type": attachment.owner_type, "owner_id": attachment.owner_id},
        request=request,
    )
    return stream


def orphan_files_remove(*, older_than_seconds: int = 3600) -> int:
    """Delete stored files no Attachment row refers to (uploads whose transaction rolled back)."""
    import time

    root = storage_root()
    if not root.exists():
        return 0
    known = set(Attachment.objects.values_list("storage_name", flat=True))
    cutoff = time.time() - older_than_seconds
    removed = 0
    for path in root.glob("[0-9a-f][0-9a-f]/*"):
        name = path.name.lstrip(".").removesuffix(".part")
        if name in known or path.stat().st_mtime > cutoff:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def attachments_for(actor: Any, owner: models.Model) -> models.QuerySet[Attachment]:
    """The attachments of ``owner`` the actor may see (newest first)."""
    qs = Attachment.objects.filter(owner_type=owner._meta.label_lower, owner_id=owner.pk).order_by("-created_at", "-pk")
    return access.visible(actor, qs, "view")
