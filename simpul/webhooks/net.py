"""Sending one signed request, with SSRF protection.

A target URL must be https (http only with ``SIMPUL_WEBHOOKS_ALLOW_HTTP``) and its host must
resolve to public addresses only (private, loopback, link-local, multicast, reserved and
unspecified addresses are refused unless ``SIMPUL_WEBHOOKS_ALLOW_PRIVATE``). The check runs when
the endpoint is registered and again on every attempt, against the address the connection was
actually made to (so a DNS answer that changes between check and connect cannot reach inside).
Redirects are not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

USER_AGENT = "Simpul-Webhook/1"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 over ``timestamp + "." + body`` (docs/webhooks.md)."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def _allow_http() -> bool:
    return bool(getattr(settings, "SIMPUL_WEBHOOKS_ALLOW_HTTP", False))


def _allow_private() -> bool:
    return bool(getattr(settings, "SIMPUL_WEBHOOKS_ALLOW_PRIVATE", False))


def address_allowed(ip: str) -> bool:
    if _allow_private():
        return True
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not (addr.is_multicast or addr.is_reserved or addr.is_loopback or addr.is_link_local or addr.is_private)


def check_url(url: str, *, resolve: bool = True) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an acceptable target, else a ValidationError in Indonesian."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValidationError({"url": [_("Alamat tidak sah.")]}) from None
    scheme = parts.scheme.lower()
    if scheme != "https" and not (scheme == "http" and _allow_http()):
        raise ValidationError({"url": [_("Alamat harus memakai https://.")]})
    if not parts.hostname or parts.username or parts.password:
        raise ValidationError({"url": [_("Alamat tidak sah (tanpa nama host, atau berisi nama pengguna/sandi).")]})
    if parts.fragment:
        raise ValidationError({"url": [_("Alamat tidak boleh berisi # (fragmen).")]})
    host = parts.hostname
    port = port or (443 if scheme == "https" else 80)
    if resolve:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise ValidationError({"url": [_("Nama host tidak ditemukan.")]}) from None
        if not infos or not all(address_allowed(str(info[4][0])) for info in infos):
            raise ValidationError({"url": [_("Alamat menunjuk ke jaringan pribadi atau lokal; itu tidak diizinkan.")]})
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port, path


class Refused(Exception):
    pass


class _Guard:
    """After connecting, refuse a peer address that is not allowed."""

    sock: socket.socket

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        peer = self.sock.getpeername()[0]
        if not address_allowed(peer):
            self.sock.close()
            raise Refused(_("Alamat tujuan menunjuk ke jaringan pribadi atau lokal."))


class _HTTP(_Guard, http.client.HTTPConnection):
    pass


class _HTTPS(_Guard, http.client.HTTPSConnection):
    pass


@dataclass
class Result:
    status_code: int | None
    error: str
    excerpt: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Result:
    """POST ``body``; the answer's first 200 characters are kept, nothing more is read."""
    started = time.monotonic()

    def done(code: int | None, error: str = "", excerpt: str = "") -> Result:
        return Result(code, error[:200], excerpt[:200], int((time.monotonic() - started) * 1000))

    try:
        scheme, host, port, path = check_url(url)
    except ValidationError as exc:
        return done(None, "; ".join(exc.messages))
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = _HTTPS(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = _HTTP(host, port, timeout=timeout)
    try:
        conn.request("POST", path, body=body, headers={**headers, "User-Agent": USER_AGENT, "Content-Type": "application/json"})
        resp = conn.getresponse()
        excerpt = resp.read(200).decode("utf-8", "replace")
        return done(resp.status, "" if 200 <= resp.status < 300 else f"HTTP {resp.status}", excerpt)
    except Refused as exc:
        return done(None, str(exc))
    except TimeoutError:
        return done(None, _("Waktu habis."))
    except (OSError, http.client.HTTPException) as exc:
        return done(None, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()
