"""API: OpenAPI, bearer tokens (hashed, scoped, expiring, revocable), session auth with CSRF
and a verified second factor, errors with the right status and an Indonesian message."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from simpul.accounts.models import User
from simpul.api.models import SCOPES, ApiToken
from simpul.api.tokens import token_create, token_resolve
from simpul.audit.models import AuditEvent
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_openapi_is_valid_json_and_lists_region_endpoints() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/regions/{code}/children" in doc["paths"]
    assert "/api/v1/regions/{code}" in doc["paths"]
    assert "/api/v1/me" in doc["paths"]
    schemes = doc["components"]["securitySchemes"]
    assert {"BearerToken", "SessionAuth"} <= set(schemes)


def test_no_interactive_docs_page() -> None:
    assert Client().get("/api/v1/docs").status_code == 404


def test_token_create_command_prints_the_token_once_and_stores_only_a_hash(demo: dict[str, Any]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", user="analis.kalsel", scopes="account:read,stats:read", days=30, stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("smp_") and raw.count("_") >= 2
    assert raw not in err.getvalue()
    assert "tidak akan ditampilkan lagi" in err.getvalue()
    token = ApiToken.objects.get(user=demo["user"]["analis.kalsel"])
    assert token.scopes == ["account:read", "stats:read"]
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    secret_part = raw.split("_", 2)[2]
    # The raw token (or its secret part) is nowhere in the database.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in ("regions_region",):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                blob = " ".join(str(v) for v in row)
                assert secret_part not in blob, table
    ev = AuditEvent.objects.filter(action="api.token_create").latest("seq")
    assert ev.object_id == str(token.pk) and ev.extra["scopes"] == ["account:read", "stats:read"]
    assert secret_part not in json.dumps(ev.extra)
    # It works once printed.
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "analis.kalsel"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"user": "tidak.ada", "scopes": "account:read", "days": 5}, "tidak ada"),
        ({"user": "analis.kalsel", "scopes": "semua:boleh", "days": 5}, "Cakupan tidak dikenal"),
        ({"user": "analis.kalsel", "scopes": "account:read", "days": 0}, "Masa berlaku"),
        ({"user": "analis.kalsel", "scopes": "account:read", "days": 100000}, "Masa berlaku"),
        ({"user": "analis.kalsel", "scopes": ",", "days": 5}, "minimal satu cakupan"),
    ],
)
def test_token_create_command_refuses_bad_input(demo: dict[str, Any], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("token", "create", stdout=io.StringIO(), stderr=io.StringIO(), **kwargs)
    assert not ApiToken.objects.exists()


def test_me_with_token_session_and_scopes(demo: dict[str, Any]) -> None:
    _t, raw = token_create(user=demo["user"]["kepala.hss"], scopes=["account:read"], days=1)
    body = _bearer(raw).get("/api/v1/me").json()
    assert body == {
        "username": "kepala.hss",
        "roles": ["kepala"],
        "seats": [{"organisation_id": demo["org"]["uptd.hss"].pk, "role": "kepala"}],
        "auth": "token",
        "scopes": ["account:read"],
    }
    body = signed_in_client("kepala.hss").get("/api/v1/me").json()
    assert body["auth"] == "session" and body["scopes"] is None


def test_token_without_the_scope_is_403_in_indonesian(demo: dict[str, Any]) -> None:
    _t, raw = token_create(user=demo["user"]["kepala.hss"], scopes=["stats:read"], days=1)
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 403
    assert response.json() == {"message": "Token tidak memiliki cakupan account:read."}


def test_expired_revoked_and_garbage_tokens_are_401(demo: dict[str, Any]) -> None:
    user = demo["user"]["kepala.hss"]
    token, raw = token_create(user=user, scopes=["account:read"], days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["message"] == "Belum masuk atau token tidak sah."
    token2, raw2 = token_create(user=user, scopes=["account:read"], days=1)
    assert _bearer(raw2).get("/api/v1/me").status_code == 200
    seq = AuditEvent.objects.latest("seq").seq
    response = _bearer(raw2).post(f"/api/v1/me/tokens/{token2.prefix}/revoke")
    assert response.status_code == 200 and response.json()["revoked_at"]
    assert AuditEvent.objects.filter(action="api.token_revoke", seq__gt=seq, object_id=str(token2.pk)).exists()
    assert _bearer(raw2).get("/api/v1/me").status_code == 401
    # A right prefix with a wrong secret, and garbage of every shape.
    wrong = f"smp_{token2.prefix}_{'x' * 43}"
    for bad in (wrong, "smp__", "smp_x", "abc", "smp_" + "a" * 500, "Bearer", "ü" * 10):
        assert token_resolve(bad) is None
        assert _bearer(bad).get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").get("/api/v1/me").status_code == 401


def test_cannot_revoke_someone_elses_token(demo: dict[str, Any]) -> None:
    other, _raw = token_create(user=demo["user"]["pendamping.hss"], scopes=["account:read"], days=1)
    _t, raw = token_create(user=demo["user"]["kepala.hss"], scopes=["account:read"], days=1)
    assert _bearer(raw).post(f"/api/v1/me/tokens/{other.prefix}/revoke").status_code == 403
    other.refresh_from_db()
    assert other.revoked_at is None


def test_a_token_revokes_only_itself_a_session_any_of_its_own(demo: dict[str, Any]) -> None:
    """Revoking is a write: a (read-only) token may only give itself up; other tokens of the same
    user are revoked from a session."""
    second, _raw2 = token_create(user=demo["user"]["kepala.hss"], scopes=["cases:read"], days=1)
    first, raw = token_create(user=demo["user"]["kepala.hss"], scopes=["account:read"], days=1)
    assert _bearer(raw).post(f"/api/v1/me/tokens/{second.prefix}/revoke").status_code == 403
    second.refresh_from_db()
    assert second.revoked_at is None
    assert signed_in_client("kepala.hss").post(f"/api/v1/me/tokens/{second.prefix}/revoke").status_code == 200
    assert _bearer(raw).post(f"/api/v1/me/tokens/{first.prefix}/revoke").status_code == 200
    first.refresh_from_db()
    assert first.revoked_at is not None


def test_token_of_an_inactive_user_is_401(demo: dict[str, Any]) -> None:
    user = demo["user"]["kepala.hss"]
    _t, raw = token_create(user=user, scopes=["account:read"], days=1)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _bearer(raw).get("/api/v1/me").status_code == 401


def test_session_needs_a_verified_second_factor(demo: dict[str, Any]) -> None:
    unverified = signed_in_client("kepala.hss", verified=False)
    response = unverified.get("/api/v1/me")
    assert response.status_code == 401
    # A role that does not need the second factor is fine without it.
    relawan = signed_in_client("relawan.hss", verified=False)
    assert relawan.get("/api/v1/me").status_code == 200


def test_session_needs_csrf_on_unsafe_methods(demo: dict[str, Any]) -> None:
    token, _raw = token_create(user=demo["user"]["kepala.hss"], scopes=["account:read"], days=1)
    client = signed_in_client("kepala.hss", client=Client(enforce_csrf_checks=True))
    url = f"/api/v1/me/tokens/{token.prefix}/revoke"
    response = client.post(url)
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"] and "gagal" in response.json()["message"]
    token.refresh_from_db()
    assert token.revoked_at is None
    # With the CSRF token (cookie + header, as the pages' HTMX sends it) it works.
    client.get("/beranda/")
    csrf = client.cookies["csrftoken"].value
    response = client.post(url, HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 200
    # A safe method needs no CSRF token.
    assert client.get("/api/v1/me").status_code == 200


def test_bearer_needs_no_csrf(demo: dict[str, Any]) -> None:
    token, raw = token_create(user=demo["user"]["kepala.hss"], scopes=["account:read"], days=1)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.post(f"/api/v1/me/tokens/{token.prefix}/revoke").status_code == 200


def test_anonymous_post_is_401_not_a_csrf_error(demo: dict[str, Any]) -> None:
    response = Client(enforce_csrf_checks=True).post("/api/v1/me/tokens/abc/revoke")
    assert response.status_code == 401


def test_every_scope_is_described() -> None:
    assert all(SCOPES.values())
    assert "account:read" in SCOPES and "regions:read" in SCOPES


def test_unknown_api_path_is_404_json() -> None:
    response = Client().get("/api/v1/tidak-ada")
    assert response.status_code == 404


def test_token_of_a_member_of_a_deactivated_organisation_reads_no_cases(demo: dict[str, Any]) -> None:
    from simpul.accounts.models import Organisation
    from simpul.cases.tests.factories import open_case

    open_case(demo)
    _token, raw = token_create(user=demo["user"]["manajer_kasus.hss"], scopes=["cases:read"], days=1)
    assert _bearer(raw).get("/api/v1/cases").json()["count"] == 1
    Organisation.objects.filter(pk=demo["org"]["uptd.hss"].pk).update(is_active=False)
    response = _bearer(raw).get("/api/v1/cases")
    assert response.status_code == 403 and response.json()["message"] == "Anda tidak berwenang melakukan tindakan ini."


def test_token_lookup_builds_the_same_token_and_user_as_the_orm(demo: dict[str, Any]) -> None:
    """token_resolve reads token and user with one fixed statement (simpul.core.rows.RowReader):
    every field must come out as the ORM gives it (datetimes aware, booleans, JSON scopes)."""
    user = demo["user"]["kepala.hss"]
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    token, raw = token_create(user=user, scopes=["account:read", "cases:read"], days=3)
    resolved = token_resolve(raw)
    assert resolved is not None
    for obj, fresh in ((resolved, ApiToken.objects.get(pk=token.pk)), (resolved.user, User.objects.get(pk=user.pk))):
        for f in type(fresh)._meta.concrete_fields:
            if f.attname == "last_used_at":
                continue  # token_resolve itself records the use
            assert getattr(obj, f.attname) == getattr(fresh, f.attname), f.attname
            assert type(getattr(obj, f.attname)) is type(getattr(fresh, f.attname)), f.attname
    assert resolved.scopes == ["account:read", "cases:read"] and resolved.expires_at.tzinfo is not None
    assert not resolved._state.adding and resolved.user.last_login is not None
