"""API authentication: a session (with CSRF) or ``Authorization: Bearer <token>`` with scopes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as _SessionAuth
from ninja.utils import check_csrf

from simpul.api.tokens import token_resolve


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        resolved = token_resolve(token)
        if resolved is None:
            return None
        request.user = resolved.user
        request.api_token = resolved  # type: ignore[attr-defined]
        return resolved.user


class SessionAuth(_SessionAuth):
    """Django session (with CSRF on unsafe methods); refuses a session whose second factor is
    still pending."""

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if not key:
            return None  # no session: nothing to protect, answer 401 rather than a CSRF error
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("Pemeriksaan CSRF gagal: muat ulang halaman lalu coba lagi."))
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        from simpul.access import actor_for

        actor = actor_for(user)
        if actor.needs_second_factor and not actor.is_verified:
            return None
        request.api_token = None  # type: ignore[attr-defined]
        return user


API_AUTH: list[Any] = [BearerToken(), SessionAuth()]


def require_scope(scope: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """For token callers, the token must carry ``scope`` (HTTP 403 otherwise).
    Session callers are limited by the access layer alone."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            token = getattr(request, "api_token", None)
            if token is not None and scope not in token.scopes:
                raise HttpError(403, _("Token tidak memiliki cakupan %(s)s.") % {"s": scope})
            return fn(request, *args, **kwargs)

        wrapper.simpul_scope = scope  # type: ignore[attr-defined]  # read by the access matrix test
        return wrapper

    return deco
