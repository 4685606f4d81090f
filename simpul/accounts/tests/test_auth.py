"""Sign-in, lockout, second factor, enrolment, forced password change, sessions, idle timeout."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul.access.roles import Role
from simpul.accounts.middleware import LAST_SEEN_KEY
from simpul.accounts.models import Membership, User
from simpul.accounts.tests.helpers import (
    assert_no_values,
    current_code,
    events,
    last_seq,
    sign_in,
    sign_in_full,
)
from simpul.testing import TEST_PASSWORD, signed_in_client

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return response.content.decode()


# --- password step -----------------------------------------------------------------------


def test_wrong_password_is_401_in_indonesian_and_keeps_the_username(demo: dict[str, Any]) -> None:
    seq = last_seq()
    response = sign_in(Client(), "pendamping.hss", "salah-sekali-123")
    assert response.status_code == 401
    html = _html(response)
    assert "Nama pengguna atau kata sandi salah." in html
    assert 'value="pendamping.hss"' in html
    assert "salah-sekali-123" not in html  # the password is never echoed
    failed = events("auth.login_failed", seq__gt=seq)
    assert len(failed) == 1
    assert failed[0].object_id == str(demo["user"]["pendamping.hss"].pk)
    assert_no_values(seq, "salah-sekali-123", "Pendamping", TEST_PASSWORD)


def test_wrong_password_in_english(demo: dict[str, Any]) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = sign_in(client, "pendamping.hss", "salah-sekali-123")
    assert response.status_code == 401
    assert "Wrong username or password." in _html(response)


def test_unknown_user_is_401_and_audited_without_the_name(demo: dict[str, Any]) -> None:
    seq = last_seq()
    response = sign_in(Client(), "siti.contoh", "salah-sekali-123")
    assert response.status_code == 401
    (ev,) = events("auth.login_failed", seq__gt=seq)
    assert ev.object_id == "" and ev.extra == {"known_user": False}
    assert_no_values(seq, "siti.contoh", "salah-sekali-123")


def test_empty_form_is_400_not_500(demo: dict[str, Any]) -> None:
    response = Client().post("/masuk/", {"username": "", "password": ""})
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong." in _html(response)


def test_correct_password_goes_to_second_factor_and_audits_login(demo: dict[str, Any]) -> None:
    seq = last_seq()
    client = Client()
    response = sign_in(client, "pendamping.hss")
    assert response.status_code == 302 and response["Location"] == "/masuk/2fa/"
    # Nothing else is reachable until the second factor is done.
    assert client.get("/beranda/")["Location"] == "/masuk/2fa/"
    assert client.get("/akun/")["Location"] == "/masuk/2fa/"
    assert events("auth.login", seq__gt=seq)
    assert_no_values(seq, TEST_PASSWORD)


def test_next_is_kept_through_the_second_factor_and_foreign_next_is_refused(demo: dict[str, Any]) -> None:
    client = Client()
    client.post("/masuk/?next=/akun/", {"username": "pendamping.hss", "password": TEST_PASSWORD, "next": "/akun/"})
    response = client.post("/masuk/2fa/", {"code": current_code()})
    assert response["Location"] == "/akun/"
    other = Client()
    other.post("/masuk/", {"username": "kepala.hss", "password": TEST_PASSWORD, "next": "https://jahat.example/"})
    response = other.post("/masuk/2fa/", {"code": current_code()})
    assert response["Location"] == "/beranda/"


# --- lockout (django-axes) -----------------------------------------------------------------


def test_axes_settings() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]  # account OR address
    assert settings.AXES_LOCKOUT_CALLABLE == "simpul.accounts.views.lockout_response"
    assert settings.AXES_COOLOFF_TIME and settings.AXES_COOLOFF_TIME > 0
    assert "axes.backends.AxesStandaloneBackend" == settings.AUTHENTICATION_BACKENDS[0]
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_lockout_per_account_from_many_addresses(demo: dict[str, Any]) -> None:
    seq = last_seq()
    for i in range(5):
        response = sign_in(Client(), "kepala.hss", f"tebakan-{i}-xx", ip=f"10.0.0.{i + 1}")
        assert response.status_code in (401, 429)
    # Locked: even the right password from a fresh address is refused.
    response = sign_in(Client(), "kepala.hss", TEST_PASSWORD, ip="10.0.0.99")
    assert response.status_code == 429
    html = _html(response)
    assert "Terlalu banyak percobaan masuk yang gagal" in html
    assert 'value="kepala.hss"' in html
    lockouts = events("auth.lockout", seq__gt=seq)
    assert lockouts, "lockout must be audited"
    assert lockouts[-1].object_id == str(demo["user"]["kepala.hss"].pk)
    assert not events("auth.login", seq__gt=seq)
    # Another account from the same address is not affected.
    assert sign_in(Client(), "pendamping.hss", ip="10.0.0.99").status_code == 302
    assert_no_values(seq, TEST_PASSWORD, "tebakan", "Kepala")


def test_lockout_per_address_across_accounts(demo: dict[str, Any]) -> None:
    seq = last_seq()
    names = ["satu.contoh", "dua.contoh", "tiga.contoh", "empat.contoh", "lima.contoh"]
    for name in names:
        sign_in(Client(), name, "salah-salah-1", ip="10.9.9.9")
    response = sign_in(Client(), "manajer_kasus.hss", TEST_PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert events("auth.lockout", seq__gt=seq)
    # The same account from another address still works.
    assert sign_in(Client(), "manajer_kasus.hss", ip="10.9.9.10").status_code == 302


def test_one_lockout_response_writes_one_audit_event(demo: dict[str, Any]) -> None:
    for i in range(5):
        sign_in(Client(), "kepala.hss", f"tebakan-{i}-xx", ip="10.1.1.1")
    seq = last_seq()
    response = sign_in(Client(), "kepala.hss", "lagi-lagi-salah", ip="10.1.1.1")
    assert response.status_code == 429
    assert len(events("auth.lockout", seq__gt=seq)) == 1


# --- second factor ---------------------------------------------------------------------------


def test_wrong_totp_code_is_401_and_audited(demo: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "pendamping.hss")
    seq = last_seq()
    wrong = f"{(totp(b'x' * 20)) % 1000000:06d}"
    if wrong == current_code():
        wrong = "000000" if wrong != "000000" else "111111"
    response = client.post("/masuk/2fa/", {"code": wrong})
    assert response.status_code == 401
    assert "Kode salah atau kedaluwarsa" in _html(response)
    failed = events("auth.2fa_failed", seq__gt=seq)
    assert len(failed) == 1 and failed[0].actor_id == demo["user"]["pendamping.hss"].pk
    assert_no_values(seq, wrong)
    assert client.get("/beranda/").status_code == 302  # still not verified


def test_empty_totp_code_is_400(demo: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "pendamping.hss")
    assert client.post("/masuk/2fa/", {"code": ""}).status_code == 400


def test_right_totp_code_verifies_and_audits(demo: dict[str, Any]) -> None:
    seq = last_seq()
    client = sign_in_full("pendamping.hss")
    assert client.get("/beranda/").status_code == 200
    (ev,) = events("auth.2fa_verify", seq__gt=seq)
    assert ev.extra == {"method": "totp"}


def test_recovery_code_works_once(demo: dict[str, Any]) -> None:
    from simpul.accounts import services

    user = demo["user"]["pendamping.hss"]
    codes = services.recovery_codes_regenerate(user=user)
    client = Client()
    sign_in(client, "pendamping.hss")
    seq = last_seq()
    response = client.post("/masuk/2fa/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/beranda/").status_code == 200
    (ev,) = events("auth.2fa_verify", seq__gt=seq)
    assert ev.extra == {"method": "recovery"}
    assert_no_values(seq, codes[0])
    # The same code a second time, in a new sign-in, fails.
    other = Client()
    sign_in(other, "pendamping.hss")
    assert other.post("/masuk/2fa/", {"code": codes[0]}).status_code == 401
    assert StaticDevice.objects.get(user=user).token_set.count() == len(codes) - 1


# --- enrolment ----------------------------------------------------------------------------


def _invite(demo: dict[str, Any], username: str, roles: list[str], org_key: str = "uptd.hss") -> tuple[User, str]:
    from simpul.accounts import services

    return services.user_invite(
        actor=demo["user"]["admin.hss"],
        organisation=demo["org"][org_key],
        username=username,
        first_name="Siti",
        last_name="Contoh",
        email="",
        roles=roles,
    )


def test_first_sign_in_enrols_totp_then_forces_password_change(demo: dict[str, Any]) -> None:
    user, temp = _invite(demo, "pendamping-siti", [Role.PENDAMPING])
    client = Client()
    response = sign_in(client, "pendamping-siti", temp)
    assert response["Location"] == "/masuk/2fa/"
    page = client.get("/masuk/2fa/")
    assert page.status_code == 200
    html = _html(page)
    assert "Aktifkan verifikasi dua langkah" in html and 'data-testid="totp-secret"' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    seq = last_seq()
    assert client.post("/masuk/2fa/", {"code": "000000" if current_code(device.bin_key) != "000000" else "111111"}).status_code == 401
    assert events("auth.2fa_enrol_failed", seq__gt=seq)
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles the next try for a second after a failure
    response = client.post("/masuk/2fa/", {"code": current_code(device.bin_key)})
    assert response.status_code == 200
    assert "Kode pemulihan" in _html(response)
    assert StaticDevice.objects.get(user=user).token_set.count() == 10
    assert events("auth.2fa_enrol", seq__gt=seq)
    # Temporary password: every page leads to the password change first.
    assert client.get("/beranda/")["Location"] == "/akun/kata-sandi/"
    response = client.post(
        "/akun/kata-sandi/", {"old_password": temp, "new_password": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"}
    )
    assert response.status_code == 302
    assert client.get("/beranda/").status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Baru-Sekali-2026")
    assert events("auth.password_change", seq__gt=seq)
    assert_no_values(seq, temp, "Baru-Sekali-2026", "Siti", "Contoh")


def test_relawan_is_not_forced_to_enrol(demo: dict[str, Any]) -> None:
    user, temp = _invite(demo, "relawan-budi", [Role.RELAWAN])
    client = Client()
    response = sign_in(client, "relawan-budi", temp)
    assert response.status_code == 302 and response["Location"] == "/beranda/"
    assert client.get("/beranda/")["Location"] == "/akun/kata-sandi/"  # temporary password still must go
    client.post("/akun/kata-sandi/", {"old_password": temp, "new_password": "Kebun-Pisang-77", "new_password2": "Kebun-Pisang-77"})
    assert client.get("/beranda/").status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_password_change_errors_are_400_in_indonesian(demo: dict[str, Any]) -> None:
    client = signed_in_client("pendamping.hss")
    response = client.post("/akun/kata-sandi/", {"old_password": "bukan-ini", "new_password": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"})
    assert response.status_code == 400 and "Kata sandi lama salah." in _html(response)
    response = client.post("/akun/kata-sandi/", {"old_password": TEST_PASSWORD, "new_password": "12345678901", "new_password2": "12345678901"})
    assert response.status_code == 400
    response = client.post("/akun/kata-sandi/", {"old_password": TEST_PASSWORD, "new_password": "Baru-Sekali-2026", "new_password2": "Lain-2026-xx"})
    assert response.status_code == 400 and "Kedua kata sandi baru tidak sama." in _html(response)


# --- sessions ---------------------------------------------------------------------------------


def test_logout_is_audited(demo: dict[str, Any]) -> None:
    client = signed_in_client("kepala.hss")
    seq = last_seq()
    assert client.post("/keluar/").status_code == 302
    assert events("auth.logout", seq__gt=seq)
    assert client.get("/beranda/").status_code == 302


def test_sign_out_of_all_sessions_ends_other_clients(demo: dict[str, Any]) -> None:
    phone = sign_in_full("kepala.hss")
    laptop = signed_in_client("kepala.hss")
    assert phone.get("/beranda/").status_code == 200
    seq = last_seq()
    response = laptop.post("/keluar/semua/")
    assert response.status_code == 302
    assert events("auth.logout_all", seq__gt=seq)
    response = phone.get("/beranda/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    assert events("auth.session_revoked", seq__gt=seq)
    assert laptop.get("/beranda/").status_code == 302
    # A new sign-in works again (password step; the same TOTP code cannot be replayed).
    assert sign_in(Client(), "kepala.hss").status_code == 302


def test_idle_timeout_redirects_to_sign_in_with_message_and_is_audited(demo: dict[str, Any]) -> None:
    client = signed_in_client("manajer_kasus.hss")
    assert client.get("/beranda/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    seq = last_seq()
    response = client.get("/akun/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=")
    assert "%2Fakun%2F" in response["Location"]
    (ev,) = events("auth.session_expired", seq__gt=seq)
    assert ev.actor_id == demo["user"]["manajer_kasus.hss"].pk
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Sesi Anda berakhir" in _html(page)


def test_activity_within_the_limit_keeps_the_session(demo: dict[str, Any]) -> None:
    client = signed_in_client("manajer_kasus.hss")
    client.get("/beranda/")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/akun/").status_code == 200


def test_inactive_membership_removes_the_role(demo: dict[str, Any]) -> None:
    Membership.objects.filter(user=demo["user"]["admin.hss"]).update(is_active=False)
    client = signed_in_client("admin.hss")
    assert client.get("/organisasi/").status_code == 403
