"""Demo (and test) organisations and users: one user per role, named <role>.<place>.

Everything here is synthetic. The same function builds the fixtures of the test
suite, so the access tests exercise exactly what a newcomer sees in `make demo`.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul.access.roles import Role
from simpul.accounts.models import Membership, Organisation, OrgType, User
from simpul.conf import VAR_DIR, write_private_file
from simpul.regions.models import Level, Region

# (key, name, short name, type, region code, parent key)
ORGS: list[tuple[str, str, str, str, str, str | None]] = [
    ("dinas.kalsel", "DP3AKB Provinsi Kalimantan Selatan", "DP3AKB Kalsel", OrgType.DINAS_PPA, "63", None),
    ("uptd.kalsel", "UPTD PPA Provinsi Kalimantan Selatan", "UPTD PPA Kalsel", OrgType.UPTD_PPA, "63", "dinas.kalsel"),
    ("dinas.hss", "Dinas PPKBPPPA Kabupaten Hulu Sungai Selatan", "Dinas PPKBPPPA HSS", OrgType.DINAS_PPA, "63.06", None),
    ("uptd.hss", "UPTD PPA Kabupaten Hulu Sungai Selatan", "UPTD PPA HSS", OrgType.UPTD_PPA, "63.06", "dinas.hss"),
    ("polres.hss", "Unit PPA Satreskrim Polres Hulu Sungai Selatan", "Unit PPA Polres HSS", OrgType.POLISI, "63.06", None),
    ("rsud.hss", "RSUD Kandangan (demo)", "RSUD Kandangan", OrgType.RUMAH_SAKIT, "63.06", None),
    ("puskesmas.kandangan", "Puskesmas Kandangan (demo)", "Puskesmas Kandangan", OrgType.PUSKESMAS, "63.06.05", None),
    ("puspaga.hss", "Puspaga Kabupaten Hulu Sungai Selatan", "Puspaga HSS", OrgType.PUSPAGA, "63.06", "dinas.hss"),
    ("satgas.kandangan", "Satgas PPA Kecamatan Kandangan (demo)", "Satgas PPA Kandangan", OrgType.SATGAS, "63.06.05", "dinas.hss"),
    ("relawan.hss", "Relawan Sahabat Perempuan dan Anak HSS (demo)", "Relawan SAPA HSS", OrgType.RELAWAN, "63.06", "dinas.hss"),
    ("dinas.okus", "DP2KBP3A Kabupaten OKU Selatan", "DP2KBP3A OKU Selatan", OrgType.DINAS_PPA, "16.09", None),
    ("uptd.okus", "UPTD PPA Kabupaten OKU Selatan", "UPTD PPA OKU Selatan", OrgType.UPTD_PPA, "16.09", "dinas.okus"),
]

# (username, first name, last name, [(org key, role)])
USERS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("admin.hss", "Admin", "HSS (demo)", [("uptd.hss", Role.ADMIN), ("dinas.hss", Role.ADMIN)]),
    ("kepala.hss", "Kepala", "UPTD HSS (demo)", [("uptd.hss", Role.KEPALA)]),
    # The head of the dinas keeps its named lists (attendance, relawan/Satgas registry): not admin.
    ("kepala.dinas.hss", "Kepala", "Dinas HSS (demo)", [("dinas.hss", Role.KEPALA)]),
    ("manajer_kasus.hss", "Manajer", "Kasus HSS (demo)", [("uptd.hss", Role.MANAJER_KASUS)]),
    ("pendamping.hss", "Pendamping", "HSS (demo)", [("uptd.hss", Role.PENDAMPING)]),
    ("petugas_pengaduan.hss", "Petugas", "Pengaduan HSS (demo)", [("uptd.hss", Role.PETUGAS_PENGADUAN)]),
    ("mitra.polres.hss", "Mitra", "Polres HSS (demo)", [("polres.hss", Role.MITRA)]),
    ("mitra.rsud.hss", "Mitra", "RSUD HSS (demo)", [("rsud.hss", Role.MITRA)]),
    ("relawan.hss", "Relawan", "HSS (demo)", [("relawan.hss", Role.RELAWAN)]),
    ("satgas.hss", "Satgas", "Kandangan (demo)", [("satgas.kandangan", Role.SATGAS)]),
    ("analis.kalsel", "Analis", "Kalsel (demo)", [("dinas.kalsel", Role.ANALIS)]),
    ("kepala.kalsel", "Kepala", "UPTD Kalsel (demo)", [("uptd.kalsel", Role.KEPALA)]),
    ("manajer_kasus.kalsel", "Manajer", "Kasus Kalsel (demo)", [("uptd.kalsel", Role.MANAJER_KASUS)]),
    ("admin.okus", "Admin", "OKU Selatan (demo)", [("uptd.okus", Role.ADMIN), ("dinas.okus", Role.ADMIN)]),
    ("manajer_kasus.okus", "Manajer", "Kasus OKU Selatan (demo)", [("uptd.okus", Role.MANAJER_KASUS)]),
    ("petugas_pengaduan.okus", "Petugas", "Pengaduan OKU Selatan (demo)", [("uptd.okus", Role.PETUGAS_PENGADUAN)]),
]

# Regions the demo needs even when the full code list is not loaded (tests).
_MIN_REGIONS = [
    ("63", "Kalimantan Selatan", Level.PROVINSI, None),
    ("63.06", "Kabupaten Hulu Sungai Selatan", Level.KABUPATEN, "63"),
    ("63.06.05", "Kandangan", Level.KECAMATAN, "63.06"),
    ("63.06.01", "Sungai Raya", Level.KECAMATAN, "63.06"),
    ("63.07", "Kabupaten Hulu Sungai Tengah", Level.KABUPATEN, "63"),
    ("63.71", "Kota Banjarmasin", Level.KABUPATEN, "63"),
    ("16", "Sumatera Selatan", Level.PROVINSI, None),
    ("16.09", "Kabupaten Ogan Komering Ulu Selatan", Level.KABUPATEN, "16"),
    ("16.09.01", "Muara Dua", Level.KECAMATAN, "16.09"),
]


@dataclass
class DemoCredentials:
    password: str
    totp_secret_b32: str
    usernames: list[str]


def demo_password() -> str:
    if settings.SIMPUL_DEMO_PASSWORD:
        return settings.SIMPUL_DEMO_PASSWORD
    path = VAR_DIR / "demo_password"
    if not path.exists():
        write_private_file(path, "demo-" + secrets.token_urlsafe(9))
    return path.read_text().strip()


def demo_totp_key() -> bytes:
    """One TOTP key shared by the demo users (printed by `make demo`), kept in var/ (0600)."""
    path = VAR_DIR / "demo_totp_key"
    if not path.exists():
        write_private_file(path, secrets.token_hex(20))
    return bytes.fromhex(path.read_text().strip())


def ensure_min_regions() -> None:
    for code, name, level, parent in _MIN_REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent, "search_name": name.upper()})


@transaction.atomic
def create_demo_data(*, password: str | None = None, totp_key: bytes | None = None) -> DemoCredentials:
    """Idempotent: existing organisations and users are reused, never duplicated or reset
    (a second `make demo` keeps passwords that were changed and everything else)."""
    ensure_min_regions()
    password = password if password is not None else demo_password()
    totp_key = totp_key if totp_key is not None else demo_totp_key()
    orgs: dict[str, Organisation] = {}
    for key, name, short, org_type, region, parent in ORGS:
        org, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"short_name": short, "type": org_type, "region_id": region, "parent": orgs.get(parent or "")},
        )
        orgs[key] = org
    for username, first, last, seats in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@demo.simpul.invalid")
            user.set_password(password)
            user.save()
        for org_key, role in seats:
            Membership.objects.get_or_create(user=user, organisation=orgs[org_key], role=role)
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Demo", key=totp_key.hex(), confirmed=True)
    return DemoCredentials(
        password=password,
        totp_secret_b32=base64.b32encode(totp_key).decode().rstrip("="),
        usernames=[u[0] for u in USERS],
    )


def org(key: str) -> Organisation:
    """The demo organisation with ``key`` (tests)."""
    name = next(o[1] for o in ORGS if o[0] == key)
    return Organisation.objects.get(name=name)
