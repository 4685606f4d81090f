"""Test helpers shared by every module's tests: personas, signed-in clients, the access-spec format.

Personas are the demo users (simpul/accounts/demo.py), so tests see what a newcomer sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul.accounts.models import User

TEST_PASSWORD = "uji-Simpul-2026!"  # noqa: S105 - synthetic test password
TEST_TOTP_KEY = bytes.fromhex("3132333435363738393031323334353637383930")

# One persona per role (the access matrix runs every URL for each), plus anonymous.
ROLE_PERSONAS: dict[str, str] = {
    "admin": "admin.hss",
    "kepala": "kepala.hss",
    "manajer_kasus": "manajer_kasus.hss",
    "pendamping": "pendamping.hss",
    "petugas_pengaduan": "petugas_pengaduan.hss",
    "mitra": "mitra.polres.hss",
    "relawan": "relawan.hss",
    "satgas": "satgas.hss",
    "analis": "analis.kalsel",
}
ANON = "anon"
PERSONAS: tuple[str, ...] = (ANON, *ROLE_PERSONAS)


def signed_in_client(username: str, *, verified: bool = True, client: Client | None = None) -> Client:
    """A test client signed in as ``username`` with the second factor done (unless ``verified=False``)."""
    client = client or Client()
    user = User.objects.get(username=username)
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", key=TEST_TOTP_KEY.hex(), confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def client_for(persona: str) -> Client:
    if persona == ANON:
        return Client()
    return signed_in_client(ROLE_PERSONAS.get(persona, persona))


@dataclass
class UrlSpec:
    """Expected HTTP status of one URL for every persona.

    ``name`` is the URL name (``namespace:name``); ``kwargs``/``data`` may be callables taking
    the ``world`` dict (demo organisations/users plus whatever ``setup`` added) so specs can
    create the objects they need. Statuses: 200 ok, 302 redirect (e.g. to sign-in), 401, 403, 404, 405.
    """

    name: str
    expect: dict[str, int]
    method: str = "GET"
    kwargs: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] = field(default_factory=dict)
    data: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] | None = None
    query: str = ""
    setup: Callable[[dict[str, Any]], None] | None = None
    default: int | None = None
    content_type: str | None = None
    note: str = ""

    def status_for(self, persona: str) -> int:
        if persona in self.expect:
            return self.expect[persona]
        if self.default is None:
            raise KeyError(f"{self.name}: no expected status for persona {persona!r}")
        return self.default

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{'?' + self.query if self.query else ''}"
