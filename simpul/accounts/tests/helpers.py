"""Helpers for the accounts tests: a real sign-in through the pages, audit assertions."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django_otp.oath import totp

from simpul.audit.models import AuditEvent
from simpul.testing import TEST_PASSWORD, TEST_TOTP_KEY


def current_code(key: bytes = TEST_TOTP_KEY) -> str:
    return f"{totp(key):06d}"


def sign_in(client: Client, username: str, password: str = TEST_PASSWORD, *, ip: str = "127.0.0.1") -> Any:
    return client.post("/masuk/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def sign_in_full(username: str, password: str = TEST_PASSWORD, *, client: Client | None = None) -> Client:
    """Password then TOTP, through the real pages."""
    client = client or Client()
    response = sign_in(client, username, password)
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/masuk/2fa/"
    response = client.post("/masuk/2fa/", {"code": current_code()})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def events(action: str, **filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("seq"))


def last_seq() -> int:
    ev = AuditEvent.objects.order_by("-seq").first()
    return ev.seq if ev else 0


def assert_no_values(since_seq: int, *values: str) -> None:
    """No audit row written after ``since_seq`` contains any of ``values`` (passwords, names...)."""
    for ev in AuditEvent.objects.filter(seq__gt=since_seq):
        blob = json.dumps(
            [ev.action, ev.object_type, ev.object_id, ev.ip, ev.fields, ev.extra], default=str
        ).lower()
        for value in values:
            if value:
                assert value.lower() not in blob, f"audit #{ev.seq} {ev.action} carries {value!r}"
