"""The client's address, as one function for everything that records or limits by address (the
audit log, intake's rate limits). Ground: imports nothing of Simpul.

Behind ``SIMPUL_PROXY_COUNT = n`` trusted reverse proxies, the address is the one the n-th proxy
from the right put in ``X-Forwarded-For`` (each proxy appends what it saw; entries further left
are whatever the client sent, and are not trusted). Without proxies, or when the header is
shorter than promised (a request that bypassed the proxies), it is ``REMOTE_ADDR``.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpRequest

MAX_LENGTH = 45  # an IPv6 address with an embedded IPv4 one


def proxy_count() -> int:
    """Trusted reverse proxies in front of the app (settings first, then the environment); 0 = none."""
    value = getattr(settings, "SIMPUL_PROXY_COUNT", None)
    if value is None:
        raw = os.environ.get("SIMPUL_PROXY_COUNT", "").strip()
        value = int(raw) if raw else 0
    return max(int(value), 0)


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = proxy_count()
    if count <= 0:
        return remote[:MAX_LENGTH]
    chain = [p.strip() for p in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if p.strip()]
    if len(chain) >= count:
        return chain[-count][:MAX_LENGTH]
    return remote[:MAX_LENGTH]
