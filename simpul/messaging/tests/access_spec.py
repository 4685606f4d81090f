"""Expected status of every messaging URL for every persona (tests/test_access_matrix.py)."""

from __future__ import annotations

from typing import Any

from simpul.testing import ANON, UrlSpec

OFFICERS = ("petugas_pengaduan", "kepala", "manajer_kasus")


def _report(world: dict[str, Any]) -> None:
    """An open report of UPTD PPA HSS whose reporter allowed messages."""
    from simpul.intake import services

    world["report"] = services.report_record(
        actor=world["user"]["petugas_pengaduan.hss"],
        data={"channel": "telepon", "story": "Cerita sintetis untuk uji akses.", "region_id": "63.06.05",
              "reporter_contact": "0812-0000-2222", "safe_contact": {"message": "ya", "times": ""}},
    )


def _uid(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["report"].uid}


def _officers(ok: int, other: int, anon: int = 302) -> dict[str, int]:
    expect = {ANON: anon}
    for role in OFFICERS:
        expect[role] = ok
    for role in ("admin", "pendamping", "mitra", "relawan", "satgas", "analis"):
        expect[role] = other
    return expect


SPECS = [
    # The officers who may message on the report (intake's "message" rule); for everyone else it does not exist.
    UrlSpec("messaging:report", setup=_report, kwargs=_uid, expect=_officers(200, 404)),
    UrlSpec("messaging:report", method="POST", setup=_report, kwargs=_uid, data={"template": "balasan"},
            expect=_officers(400, 404), note="refused with a message while no gateway is connected"),
    # The reporter's own choices: public, checked with the tracking code and PIN.
    UrlSpec("messaging:preference", expect={}, default=200),
    UrlSpec("messaging:preference", method="POST", data={"code": "XXXX-XXXX", "pin": "000000", "channel": "sms"}, expect={}, default=400,
            note="code and PIN do not match"),
    UrlSpec("api:messaging_status", method="POST", content_type="application/json", data={"id": "x", "status": "delivered"},
            expect={}, default=503, note="refused while SIMPUL_WEBHOOK_SECRET is unset"),
]
