"""Org admins manage the users of their own organisations, in the app's own pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul.access.roles import Role
from simpul.accounts import services
from simpul.accounts.models import Membership, User
from simpul.accounts.tests.helpers import assert_no_values, events, last_seq, sign_in
from simpul.api.tokens import token_create
from simpul.testing import TEST_PASSWORD, signed_in_client

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return response.content.decode()


def _base(demo: dict[str, Any], org: str = "uptd.hss") -> str:
    return f"/organisasi/{demo['org'][org].pk}/pengguna/"


def _temp_password(response: Any) -> str:
    match = re.search(r'data-testid="temp-password">([^<]+)<', _html(response))
    assert match, "temporary password not shown"
    return match.group(1)


def test_org_list_and_members_page(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    admin = signed_in_client("admin.hss")
    response = admin.get("/organisasi/")
    assert response.status_code == 200
    html = _html(response)
    assert "UPTD PPA Kabupaten Hulu Sungai Selatan" in html and "OKU" not in html
    with django_assert_max_num_queries(20):
        response = admin.get(_base(demo))
    assert response.status_code == 200
    assert "pendamping.hss" in _html(response) and "manajer_kasus.okus" not in _html(response)


def test_member_list_query_count_is_constant(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    admin = signed_in_client("admin.hss")
    admin.get(_base(demo))  # warm up
    for i in range(15):
        services.user_invite(
            actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], username=f"contoh-{i}",
            first_name="Budi", last_name="Sintetis", email="", roles=[Role.PENDAMPING, Role.KEPALA],
        )
    with django_assert_max_num_queries(20):
        assert admin.get(_base(demo)).status_code == 200


def test_invite_shows_a_temporary_password_once_and_audits(demo: dict[str, Any]) -> None:
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(
        _base(demo) + "undang/",
        {"username": "pendamping-siti", "first_name": "Siti", "last_name": "Contoh", "email": "siti@contoh.invalid", "roles": [Role.PENDAMPING]},
    )
    assert response.status_code == 200
    temp = _temp_password(response)
    user = User.objects.get(username="pendamping-siti")
    assert user.must_change_password and user.check_password(temp)
    assert list(Membership.objects.filter(user=user).values_list("organisation_id", "role")) == [
        (demo["org"]["uptd.hss"].pk, Role.PENDAMPING)
    ]
    (ev,) = events("user.invite", seq__gt=seq)
    assert ev.actor_id == demo["user"]["admin.hss"].pk and ev.object_id == str(user.pk)
    assert ev.organisation_id == demo["org"]["uptd.hss"].pk and ev.extra == {"roles": ["pendamping"]}
    assert_no_values(seq, temp, "Siti", "Contoh", "siti@contoh.invalid")
    # The detail page never shows the password again.
    assert temp not in _html(admin.get(f"{_base(demo)}{user.pk}/"))


def test_invite_bad_input_is_400_with_what_was_typed(demo: dict[str, Any]) -> None:
    admin = signed_in_client("admin.hss")
    response = admin.post(_base(demo) + "undang/", {"username": "pendamping.hss", "first_name": "Siti Contoh", "roles": []})
    assert response.status_code == 400
    html = _html(response)
    assert 'value="Siti Contoh"' in html
    assert "Periksa kembali isian yang ditandai." in html
    response = admin.post(_base(demo) + "undang/", {"username": "pendamping", "first_name": "Siti", "roles": [Role.PENDAMPING]})
    assert response.status_code == 200
    response = admin.post(_base(demo) + "undang/", {"username": "pendamping", "first_name": "Siti", "roles": [Role.PENDAMPING]})
    assert response.status_code == 400 and "Nama pengguna ini sudah dipakai." in _html(response)
    response = admin.post(_base(demo) + "undang/", {"username": "baru", "first_name": "Siti", "roles": ["raja"]})
    assert response.status_code == 400


def test_change_roles_and_audit(demo: dict[str, Any]) -> None:
    target = demo["user"]["pendamping.hss"]
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(f"{_base(demo)}{target.pk}/", {"roles": [Role.MANAJER_KASUS, Role.PENDAMPING]})
    assert response.status_code == 302
    roles = set(Membership.objects.filter(user=target, organisation=demo["org"]["uptd.hss"]).values_list("role", flat=True))
    assert roles == {Role.MANAJER_KASUS, Role.PENDAMPING}
    (ev,) = events("user.roles_change", seq__gt=seq)
    assert ev.extra == {"added": ["manajer_kasus"], "removed": []}
    response = admin.post(f"{_base(demo)}{target.pk}/", {"roles": []})
    assert response.status_code == 400 and "Bidang ini tidak boleh kosong." in _html(response)


def test_admin_cannot_remove_own_admin_role(demo: dict[str, Any]) -> None:
    me = demo["user"]["admin.hss"]
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(f"{_base(demo)}{me.pk}/", {"roles": [Role.KEPALA]})
    assert response.status_code == 400
    assert "Anda tidak dapat mencabut peran admin Anda sendiri." in _html(response)
    assert Membership.objects.filter(user=me, organisation=demo["org"]["uptd.hss"], role=Role.ADMIN).exists()
    assert not events("user.roles_change", seq__gt=seq)


def test_admin_cannot_deactivate_self(demo: dict[str, Any]) -> None:
    me = demo["user"]["admin.hss"]
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(f"{_base(demo)}{me.pk}/nonaktifkan/")
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.is_active
    assert Membership.objects.filter(user=me, organisation=demo["org"]["uptd.hss"], is_active=True).exists()
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in _html(admin.get(response["Location"]))
    assert not events("user.deactivate", seq__gt=seq)


def test_deactivate_ends_sign_in_sessions_and_tokens_then_reactivate(demo: dict[str, Any]) -> None:
    target = demo["user"]["pendamping.hss"]
    _token, raw = token_create(user=target, scopes=["account:read"], days=5)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/me").status_code == 200
    their_session = signed_in_client("pendamping.hss")
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(f"{_base(demo)}{target.pk}/nonaktifkan/")
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    (ev,) = events("user.deactivate", seq__gt=seq)
    assert ev.object_id == str(target.pk) and ev.organisation_id == demo["org"]["uptd.hss"].pk
    assert sign_in(Client(), "pendamping.hss").status_code == 401
    assert their_session.get("/beranda/").status_code == 302
    assert api.get("/api/v1/me").status_code == 401
    # The list shows the account as inactive.
    assert "nonaktif" in _html(admin.get(f"{_base(demo)}{target.pk}/"))

    seq = last_seq()
    assert admin.post(f"{_base(demo)}{target.pk}/aktifkan/").status_code == 302
    target.refresh_from_db()
    assert target.is_active
    assert events("user.reactivate", seq__gt=seq)
    assert sign_in(Client(), "pendamping.hss").status_code == 302
    assert api.get("/api/v1/me").status_code == 200


def test_deactivate_in_one_org_keeps_other_memberships(demo: dict[str, Any]) -> None:
    user, _temp = services.user_invite(
        actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], username="dua-org",
        first_name="Budi", last_name="Sintetis", email="", roles=[Role.PENDAMPING],
    )
    services.membership_set_roles(actor=demo["user"]["admin.hss"], organisation=demo["org"]["dinas.hss"], user=user, roles=[Role.ANALIS])
    services.membership_deactivate(actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], user=user)
    user.refresh_from_db()
    assert user.is_active
    assert set(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)) == {Role.ANALIS}


def test_reset_password_shows_it_once_old_one_fails_and_change_is_forced(demo: dict[str, Any]) -> None:
    target = demo["user"]["kepala.hss"]
    their_session = signed_in_client("kepala.hss")
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    response = admin.post(f"{_base(demo)}{target.pk}/reset-sandi/")
    assert response.status_code == 200
    temp = _temp_password(response)
    (ev,) = events("user.password_reset", seq__gt=seq)
    assert ev.actor_id == demo["user"]["admin.hss"].pk and ev.object_id == str(target.pk)
    assert_no_values(seq, temp, TEST_PASSWORD, "Kepala")
    assert their_session.get("/beranda/").status_code == 302  # sessions ended
    assert sign_in(Client(), "kepala.hss", TEST_PASSWORD).status_code == 401
    client = signed_in_client("kepala.hss")
    assert client.get("/beranda/")["Location"] == "/akun/kata-sandi/"
    assert sign_in(Client(), "kepala.hss", temp).status_code == 302


def test_reset_second_factor(demo: dict[str, Any]) -> None:
    target = demo["user"]["kepala.hss"]
    services.recovery_codes_regenerate(user=target)
    their_session = signed_in_client("kepala.hss")
    admin = signed_in_client("admin.hss")
    seq = last_seq()
    assert admin.post(f"{_base(demo)}{target.pk}/reset-2fa/").status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    (ev,) = events("auth.2fa_reset", seq__gt=seq)
    assert ev.object_id == str(target.pk)
    assert their_session.get("/beranda/").status_code == 302
    client = Client()
    sign_in(client, "kepala.hss")
    assert "Aktifkan verifikasi dua langkah" in _html(client.get("/masuk/2fa/"))  # enrols again


def test_unknown_action_is_404(demo: dict[str, Any]) -> None:
    target = demo["user"]["kepala.hss"]
    admin = signed_in_client("admin.hss")
    assert admin.post(f"{_base(demo)}{target.pk}/hapus-semua/").status_code == 404


# --- another organisation ------------------------------------------------------------------


def test_admin_okus_gets_404_for_hss_pages(demo: dict[str, Any]) -> None:
    okus = signed_in_client("admin.okus")
    target = demo["user"]["pendamping.hss"]
    seq = last_seq()
    assert okus.get(_base(demo)).status_code == 404
    assert okus.get(_base(demo) + "undang/").status_code == 404
    assert okus.post(_base(demo) + "undang/", {"username": "penyusup", "first_name": "X", "roles": ["admin"]}).status_code == 404
    assert okus.get(f"{_base(demo)}{target.pk}/").status_code == 404
    assert okus.post(f"{_base(demo)}{target.pk}/", {"roles": [Role.ADMIN]}).status_code == 404
    for action in ("nonaktifkan", "aktifkan", "reset-sandi", "reset-2fa"):
        assert okus.post(f"{_base(demo)}{target.pk}/{action}/").status_code == 404
    # Through their own organisation's URL, the HSS user is not there either.
    assert okus.get(f"{_base(demo, 'uptd.okus')}{target.pk}/").status_code == 404
    assert okus.post(f"{_base(demo, 'uptd.okus')}{target.pk}/reset-sandi/").status_code == 404
    assert not User.objects.filter(username="penyusup").exists()
    target.refresh_from_db()
    assert target.is_active and target.check_password(TEST_PASSWORD)
    from simpul.audit.models import AuditEvent

    assert not AuditEvent.objects.filter(seq__gt=seq, action__startswith="user.").exists()


def test_services_refuse_cross_org_actions(demo: dict[str, Any]) -> None:
    okus = demo["user"]["admin.okus"]
    hss_org = demo["org"]["uptd.hss"]
    target = demo["user"]["pendamping.hss"]
    with pytest.raises(PermissionDenied):
        services.membership_set_roles(actor=okus, organisation=hss_org, user=target, roles=[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        services.membership_deactivate(actor=okus, organisation=hss_org, user=target)
    with pytest.raises(PermissionDenied):
        services.user_reset_password(actor=okus, user=target)
    with pytest.raises(PermissionDenied):
        services.user_reset_second_factor(actor=okus, user=target)
    with pytest.raises(PermissionDenied):
        services.user_invite(actor=okus, organisation=hss_org, username="x1", first_name="X", last_name="", email="", roles=["admin"])
    # An admin of their own org cannot pull a foreign user into it and then act on them.
    with pytest.raises(PermissionDenied):
        services.membership_set_roles(actor=okus, organisation=demo["org"]["uptd.okus"], user=target, roles=[Role.PENDAMPING])


def test_non_admin_cannot_manage(demo: dict[str, Any]) -> None:
    kepala = signed_in_client("kepala.hss")
    assert kepala.get("/organisasi/").status_code == 403
    assert kepala.get(_base(demo)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.user_reset_password(actor=demo["user"]["kepala.hss"], user=demo["user"]["pendamping.hss"])
