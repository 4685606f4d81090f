"""Encrypted backup archives: ``simpul backup --out FILE`` and ``simpul restore FILE``.

Archive = header + STREAM ciphertext (simpul/crypto/streamcrypt.py) of a tar stream holding::

    db.json                    dumpdata of every app (natural foreign keys, base managers),
                               encrypted fields dumped AS STORED (ciphertext; see fields.raw_mode)
    attachments/<aa>/<32 hex>  attachment files, still encrypted with their own file keys
    manifest.json              sha256 + size of every member, row counts, applied migrations

Header (clear, authenticated as associated data of every chunk)::

    b"SIMPULBAK1\\n" | u16 length | JSON {"version", "created", "salt", "chunk", "key_check"}

The stream key is HKDF-SHA256(archive secret, salt) with a fresh random salt per archive, so the
counter nonces of the stream never repeat under one key. The archive secret is NOT a data key:
``SIMPUL_BACKUP_KEY`` / ``SIMPUL_BACKUP_KEY_FILE``, or ``var/backup_key`` (0600) in demo/test.
The keyring is never in the archive: restoring needs the same keyring (kept apart).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import struct
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from simpul.conf import secret
from simpul.crypto import serializers as exact_json
from simpul.crypto.fields import raw_mode
from simpul.crypto.streamcrypt import DEFAULT_CHUNK, ChunkReader, Sealer, StreamError, open_chunks

MAGIC = b"SIMPULBAK1\n"
DB_MEMBER = "db.json"
MANIFEST = "manifest.json"
_ATTACHMENT_MEMBER = re.compile(r"^attachments/([0-9a-f]{2})/([0-9a-f]{32})$")
# Rows created by `migrate` itself: not dumped (they exist in every instance).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
# An instance holding any of these rows is not empty: restore refuses it.
SENTINELS = ["accounts.user", "accounts.organisation", "audit.auditevent", "people.person", "files.attachment", "cases.case", "intake.report"]

Printer = Callable[[str], None]


class BackupError(Exception):
    """The archive is refused (tampered, wrong key, incomplete, or the instance is not empty)."""


def archive_secret() -> bytes:
    value = secret("SIMPUL_BACKUP_KEY", generate=bool(getattr(settings, "SIMPUL_GENERATE_KEYS", False)), filename="backup_key")
    if len(value) < 32:
        raise ImproperlyConfigured("SIMPUL_BACKUP_KEY must be at least 32 characters of random data")
    return value.encode()


def _stream_key(secret_bytes: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"simpul-backup-v1").derive(secret_bytes)


def _key_check(secret_bytes: bytes) -> str:
    return hmac.new(secret_bytes, b"simpul-backup-key-check", hashlib.sha256).hexdigest()[:16]


class _HashingReader:
    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.sha.update(data)
        self.size += len(data)
        return data


@dataclass
class BackupResult:
    path: Path
    members: int
    db_bytes: int
    attachments: int
    missing_attachments: list[str] = field(default_factory=list)


def _applied_migrations() -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connection).applied_migrations())


def _counts() -> dict[str, int]:
    out = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or label.split(".")[0] in {"contenttypes", "sessions"}:
            continue
        if label in {"auth.permission", "admin.logentry"}:
            continue
        out[label] = model._base_manager.count()
    return out


@dataclass(frozen=True)
class BlobStore:
    """The files kept outside the database (encrypted attachments), as the backup sees them.
    Registered by the module that owns them (simpul.files, in ``ready()``): the ground does not
    import the platform."""

    root: Callable[[], Path]  # the directory that holds them (restore target)
    names: Callable[[], list[str]]  # every stored name, read inside the backup's snapshot
    path: Callable[[str], Path]  # where one stored name lives


_blob_store: list[BlobStore] = []


def register_blob_store(store: BlobStore) -> None:
    _blob_store[:] = [store]


def blob_store() -> BlobStore:
    if not _blob_store:
        raise BackupError("tidak ada penyimpanan lampiran terdaftar (simpul.files mendaftarkannya)")
    return _blob_store[0]


def backup(out_path: Path, *, say: Printer = lambda _m: None) -> BackupResult:
    """Write an encrypted archive to ``out_path`` (refuses to overwrite; mode 0600)."""
    store = blob_store()
    out_path = Path(out_path)
    if out_path.exists():
        raise BackupError(f"{out_path} sudah ada: arsip tidak ditimpa")
    secret_bytes = archive_secret()
    salt = secrets.token_bytes(32)
    header = json.dumps(
        {"version": 1, "created": datetime.now(UTC).isoformat(), "salt": base64.b64encode(salt).decode(), "chunk": DEFAULT_CHUNK, "key_check": _key_check(secret_bytes)},
        sort_keys=True,
    ).encode()
    prefix = MAGIC + struct.pack(">H", len(header)) + header
    manifest: dict[str, Any] = {"format": "simpul-backup", "version": 1, "members": {}, "missing": []}
    tmp_out = out_path.with_name(f".{out_path.name}.part")
    workdir = Path(tempfile.mkdtemp(prefix="simpul-backup-"))  # 0700
    result = BackupResult(out_path, 0, 0, 0)
    try:
        # 1. Logical dump, as stored (ciphertext), to a private temporary file.
        db_file = workdir / DB_MEMBER
        say("Membuat dump basis data…")
        with _snapshot():
            exact_json.register()
            with raw_mode():
                call_command(
                    "dumpdata", exclude=EXCLUDE, natural_foreign=True, use_base_manager=True,
                    format=exact_json.FORMAT, output=str(db_file), verbosity=0,
                )
            manifest["counts"] = _counts()
            manifest["migrations"] = _applied_migrations()
            storage_names = store.names()
        fd = os.open(tmp_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw_out:
            raw_out.write(prefix)
            sealer = Sealer(_stream_key(secret_bytes, salt), prefix, raw_out, DEFAULT_CHUNK)
            with tarfile.open(fileobj=sealer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]

                def add(name: str, path: Path) -> None:
                    info = tarfile.TarInfo(name)
                    info.size = path.stat().st_size
                    info.mtime = int(time.time())
                    info.mode = 0o600
                    with open(path, "rb") as fh:
                        reader = _HashingReader(fh)
                        tar.addfile(info, reader)  # type: ignore[arg-type]
                    manifest["members"][name] = {"sha256": reader.sha.hexdigest(), "size": reader.size}
                    result.members += 1

                add(DB_MEMBER, db_file)
                result.db_bytes = db_file.stat().st_size
                db_file.unlink()
                say(f"Basis data: {result.db_bytes} bita. Lampiran: {len(storage_names)} berkas…")
                for name in storage_names:
                    path = store.path(name)
                    if not path.exists():
                        manifest["missing"].append(name)
                        continue
                    add(f"attachments/{name[:2]}/{name}", path)
                    result.attachments += 1
                data = json.dumps(manifest, sort_keys=True, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(time.time())
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
            sealer.close()
            raw_out.flush()
            os.fsync(raw_out.fileno())
        os.replace(tmp_out, out_path)
    except BaseException:
        tmp_out.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result.missing_attachments = manifest["missing"]
    return result


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent read snapshot for the whole dump that does not block the app's writes:
    PostgreSQL REPEATABLE READ; SQLite a deferred (read) transaction, which under WAL sees one
    snapshot while writers carry on (Django's atomic() would take the write lock: IMMEDIATE)."""
    if connection.in_atomic_block:  # already inside a transaction (tests): use it
        yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("COMMIT")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def read_header(fh: BinaryIO) -> tuple[dict[str, Any], bytes]:
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupError("bukan arsip cadangan Simpul (tanda awal tidak cocok)")
    raw_len = fh.read(2)
    if len(raw_len) != 2:
        raise BackupError("arsip terpotong")
    (n,) = struct.unpack(">H", raw_len)
    header_bytes = fh.read(n)
    try:
        header = json.loads(header_bytes)
        if header.get("version") != 1:
            raise BackupError(f"versi arsip {header.get('version')!r} tidak dikenal")
    except ValueError:
        raise BackupError("kepala arsip rusak") from None
    return header, MAGIC + raw_len + header_bytes


def instance_rows() -> dict[str, int]:
    """Rows in the models whose presence means the instance is in use."""
    found = {}
    for label in SENTINELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        n = model._base_manager.count()
        if n:
            found[label] = n
    return found


@dataclass
class RestoreResult:
    objects: dict[str, int]
    attachments: int


def restore(archive: Path, *, say: Printer = lambda _m: None) -> RestoreResult:
    """Verify the whole archive, then load it into this (empty) instance. Nothing is changed
    unless every chunk authenticates and every member matches the manifest."""
    busy = instance_rows()
    if busy:
        detail = ", ".join(f"{k}: {v}" for k, v in busy.items())
        raise BackupError(f"instans ini tidak kosong ({detail}); pulihkan hanya ke instans baru yang sudah di-migrate")
    secret_bytes = archive_secret()
    root = blob_store().root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        with open(archive, "rb") as fh:
            header, prefix = read_header(fh)
            if not hmac.compare_digest(str(header.get("key_check", "")), _key_check(secret_bytes)):
                raise BackupError("kunci arsip (SIMPUL_BACKUP_KEY) tidak cocok dengan arsip ini")
            try:
                salt = base64.b64decode(header["salt"])
                chunk = int(header["chunk"])
            except (KeyError, ValueError, TypeError):
                raise BackupError("kepala arsip rusak") from None
            reader = ChunkReader(open_chunks(_stream_key(secret_bytes, salt), prefix, fh, chunk))
            say("Mendekripsi dan memeriksa arsip…")
            seen = _extract(reader, staging)
        manifest = _verify(staging, seen)
        missing_migrations = sorted({tuple(m) for m in manifest.get("migrations", [])} - {tuple(m) for m in _applied_migrations()})
        if missing_migrations:
            raise BackupError(f"skema instans ini lebih lama dari arsip; jalankan migrate dulu (kurang: {missing_migrations[:5]})")
        say("Arsip utuh. Memuat data…")
        moved: list[Path] = []
        try:
            with transaction.atomic():
                with raw_mode():
                    call_command("loaddata", str(staging / DB_MEMBER), verbosity=0)
                for name in seen:
                    m = _ATTACHMENT_MEMBER.match(name)
                    if not m:
                        continue
                    target = root / m.group(1) / m.group(2)
                    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    if target.exists():
                        raise BackupError(f"berkas lampiran {m.group(2)} sudah ada di instans ini")
                    os.replace(staging / name, target)
                    moved.append(target)
        except BaseException:
            for path in moved:
                path.unlink(missing_ok=True)
            raise
        return RestoreResult(objects=manifest.get("counts", {}), attachments=len(moved))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(reader: ChunkReader, staging: Path) -> dict[str, dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                name = member.name
                if not member.isreg() or not (name in {DB_MEMBER, MANIFEST} or _ATTACHMENT_MEMBER.match(name)):
                    raise BackupError(f"anggota arsip tidak dikenal: {name[:80]!r}")
                if name in seen:
                    raise BackupError(f"anggota arsip ganda: {name}")
                src = tar.extractfile(member)
                if src is None:
                    raise BackupError(f"anggota arsip tidak terbaca: {name}")
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                sha = hashlib.sha256()
                size = 0
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    while block := src.read(DEFAULT_CHUNK):
                        sha.update(block)
                        size += len(block)
                        out.write(block)
                seen[name] = {"sha256": sha.hexdigest(), "size": size}
        # Drain: the stream must end with its authenticated final chunk (no truncation, nothing appended).
        while reader.read(DEFAULT_CHUNK):
            pass
    except StreamError:
        raise BackupError("arsip rusak atau telah diubah (autentikasi gagal); tidak ada yang dipulihkan") from None
    except tarfile.TarError as exc:
        raise BackupError(f"isi arsip rusak: {exc}") from None
    return seen


def _verify(staging: Path, seen: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if MANIFEST not in seen or DB_MEMBER not in seen:
        raise BackupError("arsip tidak lengkap (manifest atau dump basis data hilang)")
    try:
        manifest: dict[str, Any] = json.loads((staging / MANIFEST).read_text())
    except ValueError:
        raise BackupError("manifest rusak") from None
    listed: dict[str, dict[str, Any]] = manifest.get("members", {})
    actual = {k: v for k, v in seen.items() if k != MANIFEST}
    if set(listed) != set(actual):
        raise BackupError("isi arsip tidak sesuai manifest (anggota hilang atau tambahan)")
    for name, expected in listed.items():
        if actual[name]["sha256"] != expected.get("sha256") or actual[name]["size"] != expected.get("size"):
            raise BackupError(f"hash {name} tidak cocok dengan manifest")
    return manifest
