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

# Users of another kabupaten (OKU Selatan, province 16) and of the province (Kalimantan Selatan),
# each with the role whose answers theirs derive from (see ``UrlSpec.status_for``).
OUTSIDER_PERSONAS: dict[str, str] = {
    "admin.okus": "admin",
    "manajer_kasus.okus": "manajer_kasus",
    "petugas_pengaduan.okus": "petugas_pengaduan",
    "kepala.kalsel": "kepala",
    "manajer_kasus.kalsel": "manajer_kasus",
}
ALL_PERSONAS: tuple[str, ...] = (*PERSONAS, *OUTSIDER_PERSONAS)

# Statuses that mean "the request reached the protected logic": a spec's ``default`` may not grant
# one of them to a role silently (only to everybody, for a public URL, or through ``signed_in``).
GRANTS = frozenset({200, 201, 204, 400, 409, 422})


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

    Who gets what: ``expect`` names personas; ``signed_in`` is the status of every signed-in persona
    not named (a page every user has, e.g. "my account"); ``default`` covers the rest and may only
    refuse (403, 404, ...) unless the anonymous visitor gets the same (a public URL). Personas of
    another kabupaten or the province (``OUTSIDER_PERSONAS``) answer like their role on pages
    without an object; on a page of an object of HSS (``kwargs`` given, not public) they get 404
    where their role is let in, or is refused (403) an object that others do not even see
    (``default=404``). Name them in ``expect`` where that is not so (a province covering HSS, a
    task force HSS belongs to, reference data shared by all).
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
    signed_in: int | None = None

    def status_for(self, persona: str) -> int:
        if persona in self.expect:
            return self.expect[persona]
        if persona in OUTSIDER_PERSONAS:
            home = self.status_for(OUTSIDER_PERSONAS[persona])
            public = home in GRANTS and home == self.status_for(ANON)
            if self.kwargs and not public:
                if home in GRANTS | {302}:
                    return 404  # an object of HSS: hidden from another kabupaten
                if home == 403 and self.default == 404:
                    return 404  # the role sees the object but may not act: an outsider does not see it
            return home
        if persona != ANON and self.signed_in is not None:
            return self.signed_in
        if self.default is None:
            raise KeyError(f"{self.name}: no expected status for persona {persona!r}")
        return self.default

    def silent_grant(self) -> bool:
        """Whether ``default`` lets a role in without naming it (refused by the matrix test)."""
        if self.default is None or self.default not in GRANTS:
            return False
        return ANON in self.expect and self.expect[ANON] != self.default  # public URLs grant everybody

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{'?' + self.query if self.query else ''}"
