"""Shared helpers for the intake tests (synthetic data only)."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.test import Client

from simpul.intake import services
from simpul.intake.models import Report

STORY = "Siti Contoh dipukul oleh tetangga di rumahnya kemarin malam."


def public_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "story": STORY,
        "kabupaten": "63.06",
        "wilayah": "63.06.05",
        "location_text": "Desa Sintetis RT 01",
        "period": "hari_ini",
        "for_whom": "orang_lain",
        "victim_is_child": "ya",
        "reporter_name": "Budi Sintetis",
        "reporter_contact": "0812-0000-1111",
        "safe_call": "tidak",
        "safe_message": "ya",
        "safe_times": "pagi hari",
        "idem": secrets.token_urlsafe(24),
        "website": "",
    }
    data.update(overrides)
    return data


def submit(client: Client, **overrides: Any) -> Any:
    return client.post("/lapor/", public_data(**overrides))


def code_and_pin(html: str) -> tuple[str, str]:
    code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', html)
    pin = re.search(r'id="tracking-pin">(\d+)<', html)
    assert code and pin, html[:3000]
    return code.group(1), pin.group(1)


def officer_report(world: dict[str, Any], username: str = "petugas_pengaduan.hss", **data: Any) -> Report:
    fields = {"channel": "telepon", "story": STORY, "region_id": "63.06.05"}
    fields.update(data)
    return services.report_record(actor=world["user"][username], data=fields)
