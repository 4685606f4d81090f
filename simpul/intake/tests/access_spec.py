"""Expected status of every intake URL for every persona (tests/test_access_matrix.py)."""

from __future__ import annotations

from typing import Any

from simpul.testing import ANON, UrlSpec

OFFICERS = ("petugas_pengaduan", "kepala", "manajer_kasus")
FIELD = ("relawan", "satgas")


def _report(world: dict[str, Any]) -> None:
    """An open report of UPTD PPA HSS (incident in Kandangan)."""
    from simpul.intake import services

    report = services.report_record(
        actor=world["user"]["petugas_pengaduan.hss"],
        data={"channel": "telepon", "story": "Cerita sintetis untuk uji akses.", "region_id": "63.06.05"},
    )
    world["report"] = report


def _uid(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["report"].uid}


def _api_id(world: dict[str, Any]) -> dict[str, Any]:
    return {"report_id": world["report"].uid}


def _officers(ok: int, other: int, anon: int = 302) -> dict[str, int]:
    expect = {ANON: anon}
    for role in OFFICERS:
        expect[role] = ok
    for role in ("admin", "pendamping", "mitra", "relawan", "satgas", "analis"):
        expect[role] = other
    return expect


def _field(ok: int) -> dict[str, int]:
    expect = {ANON: 302}
    for role in ("admin", "kepala", "manajer_kasus", "pendamping", "petugas_pengaduan", "mitra", "analis"):
        expect[role] = 403
    for role in FIELD:
        expect[role] = ok
    return expect


SPECS = [
    # Public portal: open to everyone, signed in or not.
    UrlSpec("intake:public_report", expect={}, default=200),
    UrlSpec("intake:public_report", method="POST", data={"story": ""}, expect={}, default=400, note="invalid form"),
    UrlSpec("intake:public_done", expect={}, default=200, note="nothing held: the 'shown once' text"),
    UrlSpec("intake:public_set_pin", method="POST", data={"token": "x"}, expect={}, default=400, note="expired token"),
    UrlSpec("intake:public_status", expect={}, default=200),
    UrlSpec("intake:public_message", method="POST", data={"token": "x", "body": "halo"}, expect={}, default=400),
    UrlSpec("intake:quick_exit", expect={}, default=302, note="old address: redirects to core:neutral"),
    # Relawan and Satgas.
    UrlSpec("intake:field_list", expect=_field(200)),
    UrlSpec("intake:field_new", expect=_field(200)),
    # Officers of the responsible UPTD PPA; everyone else sees nothing (404 for objects).
    UrlSpec("intake:queue", expect=_officers(200, 403)),
    UrlSpec("intake:officer_new", expect=_officers(200, 403)),
    # Response clock and duty roster: the head and case manager only (petugas_pengaduan sees the queue).
    UrlSpec("intake:settings", expect={**_officers(200, 403), "petugas_pengaduan": 403}),
    UrlSpec("intake:detail", setup=_report, kwargs=_uid, expect=_officers(200, 404)),
    UrlSpec("intake:edit", setup=_report, kwargs=_uid, expect=_officers(200, 404)),
    UrlSpec("intake:triage", setup=_report, kwargs=_uid, expect=_officers(200, 404)),
    UrlSpec("intake:message", method="POST", setup=_report, kwargs=_uid, data={"body": "Catatan uji", "internal": "on"},
            expect=_officers(302, 404)),
    # Decisions, one URL each. Posted empty, the form-backed ones are refused with the form re-shown (400);
    # accepting an untriaged report is refused with a message (400).
    UrlSpec("intake:decide_accept", method="POST", setup=_report, kwargs=_uid, data={}, expect=_officers(400, 404)),
    UrlSpec("intake:decide_attach", method="POST", setup=_report, kwargs=_uid, data={}, expect=_officers(400, 404)),
    UrlSpec("intake:decide_refer", method="POST", setup=_report, kwargs=_uid, data={}, expect=_officers(400, 404)),
    UrlSpec("intake:decide_merge", method="POST", setup=_report, kwargs=_uid, data={}, expect=_officers(400, 404)),
    UrlSpec("intake:decide_close", method="POST", setup=_report, kwargs=_uid, data={"reason": "Bukan kasus (uji)"},
            expect=_officers(302, 404)),
    # API (session callers here; token scopes are tested in test_api.py).
    UrlSpec("api:intake_create", method="POST", content_type="application/json",
            data={"story": "Cerita sintetis dari hotline.", "channel": "telepon", "region_code": "63.06"},
            expect=_officers(201, 403, anon=401)),
    UrlSpec("api:intake_list", expect=_officers(200, 403, anon=401)),  # a role without a queue: 403 like the page
    UrlSpec("api:intake_detail", setup=_report, kwargs=_api_id, expect=_officers(200, 404, anon=401)),
    UrlSpec("api:intake_accept_as_case", method="POST", setup=_report, kwargs=_api_id, content_type="application/json",
            expect=_officers(422, 404, anon=401), note="untriaged report: refused with a message"),
    UrlSpec("api:intake_webhook", method="POST", content_type="application/json",
            data={"from": "+6281200000000", "message_id": "m1", "text": "halo"}, expect={}, default=503,
            note="refused while SIMPUL_WEBHOOK_SECRET is unset"),
]
