"""Secure defaults: headers, CSP, cookies, secrets, DEBUG, hashers, health checks, error pages."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from simpul import conf
from simpul.conf import BASE_DIR
from simpul.testing import TEST_PASSWORD, signed_in_client

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def _csp(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _sep, value = part.strip().partition(" ")
        directives[name] = value.strip()
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/masuk/", "/wilayah/pilih/", "/tidak-ada/"])
def test_security_headers_on_public_pages(url: str) -> None:
    response = Client().get(url)
    assert _csp(response) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "http" not in response["Content-Security-Policy"]  # no third-party host
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(demo: dict[str, Any]) -> None:
    response = signed_in_client("kepala.hss").get("/beranda/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert _csp(response) == EXPECTED_CSP
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, LANGUAGE_COOKIE_SECURE=True)
def test_cookies_are_secure_and_httponly(demo: dict[str, Any]) -> None:
    client = Client()
    page = client.get("/masuk/")
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post("/masuk/", {"username": "kepala.hss", "password": TEST_PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    lang = client.post("/bahasa/", {"language": "en", "next": "/"}).cookies[settings.LANGUAGE_COOKIE_NAME]
    assert lang["secure"] and lang["httponly"]


def _run_settings(env: dict[str, str], code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SIMPUL_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], env=clean, cwd=BASE_DIR, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _run_settings({}, "import simpul.settings", tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SIMPUL_SECRET_KEY is not set" in result.stderr
    assert not any(tmp_path.iterdir()), "production must not generate secrets"


def test_production_defaults_are_secure(tmp_path: Path) -> None:
    code = (
        "import simpul.settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher'),"
        " s.SIMPUL_GENERATE_KEYS, s.SIMPUL_IDLE_TIMEOUT_MINUTES)"
    )
    # SIMPUL_INSECURE_HTTP is ignored outside demo/debug/test mode.
    result = _run_settings({"SIMPUL_SECRET_KEY": "x" * 60, "SIMPUL_INSECURE_HTTP": "1"}, code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "True", "True", "False", "30"]


def test_demo_mode_allows_plain_http_only_when_asked(tmp_path: Path) -> None:
    code = "import simpul.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    result = _run_settings({"SIMPUL_DEMO": "1"}, code, tmp_path)
    assert result.stdout.split() == ["False", "True", "False"], result.stderr
    result = _run_settings({"SIMPUL_DEMO": "1", "SIMPUL_INSECURE_HTTP": "1"}, code, tmp_path)
    assert result.stdout.split() == ["False", "False", "False"], result.stderr
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_bad_boolean_setting_fails_loudly(tmp_path: Path) -> None:
    result = _run_settings({"SIMPUL_DEMO": "mungkin"}, "import simpul.settings", tmp_path)
    assert result.returncode != 0 and "SIMPUL_DEMO must be" in result.stderr


def test_argon2_first_in_production_hashers() -> None:
    import simpul.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert len(production.AUTH_PASSWORD_VALIDATORS) >= 4


def test_secret_is_generated_with_mode_0600_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conf, "VAR_DIR", tmp_path)
    monkeypatch.delenv("SIMPUL_UJI_RAHASIA", raising=False)
    monkeypatch.delenv("SIMPUL_UJI_RAHASIA_FILE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SIMPUL_UJI_RAHASIA is not set"):
        conf.secret("SIMPUL_UJI_RAHASIA", generate=False, filename="uji")
    value = conf.secret("SIMPUL_UJI_RAHASIA", generate=True, filename="uji")
    path = tmp_path / "uji"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(value) >= 64
    assert conf.secret("SIMPUL_UJI_RAHASIA", generate=True, filename="uji") == value
    assert conf.secret("SIMPUL_UJI_RAHASIA", generate=False, filename="uji") == value  # kept across restarts
    monkeypatch.setenv("SIMPUL_UJI_RAHASIA", "dari-lingkungan")
    assert conf.secret("SIMPUL_UJI_RAHASIA", generate=True, filename="uji") == "dari-lingkungan"
    monkeypatch.delenv("SIMPUL_UJI_RAHASIA")
    cred = tmp_path / "cred"
    cred.write_text("dari-berkas\n")
    monkeypatch.setenv("SIMPUL_UJI_RAHASIA_FILE", str(cred))
    assert conf.secret("SIMPUL_UJI_RAHASIA", generate=False, filename="lain") == "dari-berkas"
    monkeypatch.setenv("SIMPUL_UJI_RAHASIA_FILE", str(tmp_path / "tidak-ada"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        conf.secret("SIMPUL_UJI_RAHASIA", generate=False, filename="lain")


def test_env_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMPUL_UJI_INT", "abc")
    with pytest.raises(ImproperlyConfigured):
        conf.env_int("SIMPUL_UJI_INT", 1)
    monkeypatch.setenv("SIMPUL_UJI_INT", "")
    assert conf.env_int("SIMPUL_UJI_INT", 7) == 7
    monkeypatch.setenv("SIMPUL_UJI_LIST", " a.example , ,b.example")
    assert conf.env_list("SIMPUL_UJI_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("SIMPUL_UJI_BOOL", "Yes")
    assert conf.env_bool("SIMPUL_UJI_BOOL") is True


@pytest.mark.django_db
def test_healthz_and_readyz(demo: dict[str, Any]) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    response = Client().get("/readyz")
    assert response.status_code == 200 and response.json()["problems"] == []
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_reports_missing_regions() -> None:
    from simpul.regions.models import Region

    Region.objects.filter(level=1).update(level=2)  # as if no province were loaded
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["region codes not loaded"]


@pytest.mark.django_db
def test_error_pages_404_and_403_in_indonesian(demo: dict[str, Any]) -> None:
    response = Client().get("/tidak-ada-halaman/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Tidak ditemukan" in html and 'lang="id"' in html
    response = signed_in_client("kepala.hss").get("/organisasi/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html and "Anda tidak berwenang" in html
    assert "Traceback" not in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="simpul.core.tests.urls_boom", DEBUG=False)
def test_error_page_500_without_stack_trace() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/uji-galat/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan" in html
    assert "Traceback" not in html and "kesalahan uji" not in html and "RuntimeError" not in html


@pytest.mark.django_db
def test_csrf_failure_page_is_indonesian_403(demo: dict[str, Any]) -> None:
    response = Client(enforce_csrf_checks=True).post("/masuk/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/organisasi/99999999999999999999/pengguna/",
        "/organisasi/99999999999999999999/pengguna/99999999999999999999/",
        "/organisasi/0/pengguna/undang/",
        "/wilayah/pilih/?kode=%00",
        "/wilayah/cari/?q=%ff%fe&level=1e9",
        "/api/v1/regions/%00/children",
        "/api/v1/regions/" + "9" * 300,
        "/masuk/?next=javascript:alert(1)",
        "/masuk/2fa/",
        "/beranda/?%ff=1",
    ],
)
def test_no_500_for_malformed_input(demo: dict[str, Any], url: str) -> None:
    for client in (Client(), signed_in_client("admin.hss")):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)


@pytest.mark.django_db
def test_no_500_for_malformed_posts(demo: dict[str, Any]) -> None:
    admin = signed_in_client("admin.hss")
    org = demo["org"]["uptd.hss"].pk
    user = demo["user"]["pendamping.hss"].pk
    posts = [
        ("/masuk/", {"username": "x" * 5000, "password": "y" * 5000}),
        ("/masuk/", {"username": "\x00", "password": "\x00"}),
        (f"/organisasi/{org}/pengguna/undang/", {"username": "a" * 500, "first_name": "\x00", "email": "bukan-email", "roles": ["admin", "x"]}),
        (f"/organisasi/{org}/pengguna/{user}/", {"roles": ["\x00"]}),
        (f"/organisasi/{org}/pengguna/{user}/%00/", {}),
        ("/akun/kata-sandi/", {"old_password": "\x00", "new_password": "a", "new_password2": "b"}),
        ("/bahasa/", {"language": "xx", "next": "https://jahat.example/"}),
    ]
    for url, data in posts:
        response = admin.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
    response = Client().post("/api/v1/me/tokens/" + "a" * 100 + "/revoke", HTTP_AUTHORIZATION="Bearer smp_" + "\u00fc" * 50)
    assert response.status_code == 401
