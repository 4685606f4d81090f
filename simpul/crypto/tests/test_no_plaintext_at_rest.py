"""A database holding known names, NIKs and phone numbers contains none of them in clear text:
the raw SQLite file (after a checkpoint, plus its -wal file), or a pg_dump of PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from simpul.crypto.blind import normalise_phone
from simpul.files.services import attachment_store
from simpul.people.models import Person
from simpul.people.services import person_save

PEOPLE = [
    ("Siti Nurhaliza Contoh", "6306054501900111", "0812-7777-1001", dt.date(2010, 5, 1)),
    ("Budi Santoso Sintetis", "6306050101850222", "+62 813 7777 2002", dt.date(1985, 1, 1)),
    ("Wulandari Percobaan", "6306056002120333", "0857 7777 3003", dt.date(2012, 2, 20)),
]


FREE_TEXT_NAME = "Rahmawati Teksbebas Sintetis"


def needles() -> list[bytes]:
    found: list[str] = []
    for name, nik, phone, birth in PEOPLE:
        digits = "".join(c for c in phone if c.isdigit())
        found += [name, *name.split(), nik, phone, digits, normalise_phone(phone), birth.isoformat()]
    found.append("Jalan Kenanga Sintetis")
    found.append(FREE_TEXT_NAME)
    found.append("Nama Berkas Rahasia")
    return sorted({s.encode() for s in found if len(s) >= 6})


def _populate(demo: dict[str, Any]) -> None:
    for name, nik, phone, birth in PEOPLE:
        person_save(Person(), full_name=name, nik=nik, phone=phone, birth_date=birth, address_detail="Jalan Kenanga Sintetis 12")
    org = demo["org"]["uptd.hss"]
    attachment_store(
        actor=demo["user"]["admin.hss"], owner=org, organisation=org,
        uploaded_file=SimpleUploadedFile("Nama Berkas Rahasia.txt", b"Siti Nurhaliza Contoh 6306054501900111\n"),
    )


def _populate_free_text(demo: dict[str, Any]) -> None:
    """A name typed into every sealed free-text field (docs/privacy.md, "Free text")."""
    from django.utils import timezone

    from simpul.coordination.models import (
        ActionItem,
        Indicator,
        Meeting,
        Plan,
        PlanActivity,
        Programme,
        Realisation,
        TaskForce,
    )
    from simpul.intake.models import Report
    from simpul.outreach.models import DispatchRequest, Vehicle
    from simpul.prevention.models import Activity, FollowUp
    from simpul.privacy.models import LegalHold, SubjectRequest

    org = demo["org"]["uptd.hss"]
    now = timezone.now()
    text = f"tentang {FREE_TEXT_NAME}"
    tf = TaskForce.objects.create(organisation=org, name="Gugus Tugas Uji", kind="tppo", level="kabupaten")
    meeting = Meeting.objects.create(task_force=tf, date=dt.date(2026, 1, 5), agenda=text, minutes=text)
    ActionItem.objects.create(task_force=tf, meeting=meeting, description=text)
    plan = Plan.objects.create(organisation=org, title="RAD Uji", start_year=2025, end_year=2029)
    act = PlanActivity.objects.create(programme=Programme.objects.create(plan=plan, name="Program Uji"), name="Kegiatan Uji")
    Realisation.objects.create(indicator=Indicator.objects.create(activity=act, name="Indikator Uji", unit="kasus"), year=2026, value=1, evidence=text)
    Vehicle.objects.create(organisation=org, name="Molin Uji", notes=text)
    DispatchRequest.objects.create(organisation=org, purpose="penjangkauan", window_start=now, window_end=now + dt.timedelta(hours=2), pickup_place="x", area=text)
    activity = Activity.objects.create(organisation=org, title="Sosialisasi Uji", type="sosialisasi", main_topic="ktpa",
                                       start_date=dt.date(2026, 1, 5), end_date=dt.date(2026, 1, 5), description=text)
    FollowUp.objects.create(activity=activity, description=text)
    LegalHold.objects.create(object_type="case", object_id="1", organisation=org, reason=text, set_at=now)
    SubjectRequest.objects.create(organisation=org, kind="access", received_at=now, due_at=now, refusal_reason=text)
    report = Report.objects.first()
    if report is not None:
        report.external_ref = text
        report.save(update_fields=["external_ref"])


def _assert_absent(blob: bytes, where: str) -> None:
    leaked = [n.decode() for n in needles() if n in blob]
    assert not leaked, f"clear text in {where}: {leaked}"


@pytest.mark.django_db(transaction=True)
def test_database_at_rest_holds_no_identifying_plaintext(demo: dict[str, Any], settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _populate(demo)
    _populate_free_text(demo)
    # Sanity: the values are really there (decryptable) and the search would find them if clear.
    assert sorted(p.full_name for p in Person.objects.filter(full_name__isnull=False)) == sorted(p[0] for p in PEOPLE)
    for path in (settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            _assert_absent(path.read_bytes(), f"attachment file {path.name}")

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(PASSIVE)")
        db_path = Path(connection.settings_dict["NAME"])
        blobs = {"database file": db_path.read_bytes()}
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            blobs["-wal file"] = wal.read_bytes()
        assert b"people_person" in blobs["database file"]  # we are reading the right file
        for where, blob in blobs.items():
            _assert_absent(blob, where)
    elif connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None:
            pytest.skip("pg_dump not installed")
        s = connection.settings_dict
        env = {**os.environ}
        if s.get("PASSWORD"):
            env["PGPASSWORD"] = s["PASSWORD"]
        cmd = ["pg_dump", "--data-only", "-h", s.get("HOST") or "localhost", "-p", str(s.get("PORT") or 5432), "-U", s.get("USER") or "postgres", s["NAME"]]
        dump = subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=120).stdout
        assert b"COPY public.people_person" in dump
        _assert_absent(dump, "pg_dump")
    else:  # pragma: no cover
        pytest.skip(f"no raw check for {connection.vendor}")
