"""A real rotation process killed with SIGKILL midway, then re-run: every value readable, none
lost, only the new key in use; a separate app process keeps reading during the rotation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
N = 60

POPULATE = f"""
from simpul.people.models import Person
from simpul.people.services import person_save
for i in range({N}):
    person_save(Person(), full_name=f"Budi Sintetis {{i:03d}}", nik=f"63060501019{{i:05d}}", phone=f"0813-111-{{i:04d}}")
print("ok")
"""

# An app process: loads the keyring once, then reads and decrypts everything in a loop.
READER = f"""
import os, time
from pathlib import Path
from simpul.people.models import Person
stop = Path(os.environ["READER_STOP"])
while not stop.exists():
    names = sorted(p.full_name for p in Person.objects.all())
    assert names == [f"Budi Sintetis {{i:03d}}" for i in range({N})], names[:3]
    print("round", time.time(), flush=True)
    time.sleep(0.05)
"""

CHECK = f"""
from simpul.people.models import Person
names = sorted(p.full_name for p in Person.objects.all())
assert names == [f"Budi Sintetis {{i:03d}}" for i in range({N})]
phones = sorted(p.phone for p in Person.objects.all())
assert phones == [f"0813-111-{{i:04d}}" for i in range({N})]
print("all", len(names))
"""


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIMPUL_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="simpul.settings",
        SIMPUL_TESTING="1",
        SIMPUL_VAR_DIR=str(tmp),
        SIMPUL_KEYS_FILE=str(tmp / "keys.json"),
        SIMPUL_SQLITE_PATH=str(tmp / "db.sqlite3"),
        PYTHONPATH=str(ROOT),
    )
    return env


def _manage(env: dict[str, str], *args: str, timeout: int = 120) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_rotation_killed_midway_then_rerun_finishes(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _manage(env, "migrate", "-v0", timeout=300)
    assert "ok" in _manage(env, "shell", "-c", POPULATE)
    keys_before = json.loads((tmp_path / "keys.json").read_text())
    assert [k["id"] for k in keys_before["keys"]] == ["k1"]

    stop = tmp_path / "stop-reader"
    reader = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", READER],
        env={**env, "READER_STOP": str(stop)}, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert reader.stdout is not None
    assert reader.stdout.readline().startswith("round"), "reader did not start"
    started = time.time()
    try:
        rot = subprocess.Popen(
            [sys.executable, "-u", str(ROOT / "manage.py"), "keys", "rotate", "--batch", "5", "--sleep-between-batches", "0.2"],
            env={**env, "PYTHONUNBUFFERED": "1"}, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        assert rot.stdout is not None
        progress = 0
        deadline = time.monotonic() + 60
        while progress < 3 and time.monotonic() < deadline:
            line = rot.stdout.readline()
            if not line:
                break
            if "baris" in line:
                progress += 1
        os.kill(rot.pid, signal.SIGKILL)
        rot.wait(timeout=10)
        assert progress == 3, "rotation did not report progress"

        ring = json.loads((tmp_path / "keys.json").read_text())
        assert ring["active"] == "k2" and ring.get("rotating") == "k2"
        status = _manage(env, "keys", "status")
        assert "k1  [lama]" in status and "k2  [aktif]" in status
        assert "people.person.full_name" in status

        out = _manage(env, "keys", "rotate", "--batch", "5")
        assert "Melanjutkan rotasi ke kunci k2" in out and "Rotasi selesai" in out
        ended = time.time()
    finally:
        stop.touch()
        r_out, r_err = reader.communicate(timeout=60)
    assert reader.returncode == 0, r_err[-3000:]
    # The app process read (and decrypted) everything many times while the rotation ran.
    during = [float(line.split()[1]) for line in r_out.splitlines() if line.startswith("round")]
    assert len([t for t in during if started < t < ended]) >= 3

    ring = json.loads((tmp_path / "keys.json").read_text())
    assert [k["id"] for k in ring["keys"]] == ["k1", "k2"] and ring["active"] == "k2" and "rotating" not in ring
    status = _manage(env, "keys", "status")
    k1_block = status.split("k2  [aktif]")[0]
    assert "k1  [lama]  0 nilai" in k1_block
    assert f"people.person.full_name: {N}" in status.split("k2  [aktif]")[1]
    assert f"all {N}" in _manage(env, "shell", "-c", CHECK)
    _manage(env, "keys", "retire")
    assert json.loads((tmp_path / "keys.json").read_text())["keys"][0]["retired"] is True
