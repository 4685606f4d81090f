"""Session policy: idle timeout, "sign out everywhere", and the mandatory second factor."""

from __future__ import annotations

import time
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from simpul.access import actor_for

LAST_SEEN_KEY = "simpul_last_seen"
EPOCH_KEY = "simpul_epoch"

# Paths open to a signed-in user whose second factor is not yet done.
_SECOND_FACTOR_OPEN = ("/masuk/", "/keluar/", "/static/", "/bahasa/", "/healthz", "/readyz", "/lapor/", "/api/", "/resep/")
_PASSWORD_CHANGE_PATH = "/akun/kata-sandi/"  # noqa: S105 - a URL path, not a secret


class IdleTimeoutMiddleware:
    """Ends a session after SIMPUL_IDLE_TIMEOUT_MINUTES without a request, or when the
    user signed out of all sessions (their session epoch moved on)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN_KEY)
            epoch = request.session.get(EPOCH_KEY, 0)
            idle_limit = settings.SIMPUL_IDLE_TIMEOUT_MINUTES * 60
            expired = last is not None and now - int(last) > idle_limit
            if expired or epoch != user.session_epoch:
                from simpul.audit import services as audit

                audit.record("auth.session_expired" if expired else "auth.session_revoked", actor=user, request=request)
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                response = HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
                # This middleware runs before MessageMiddleware: store the message ourselves.
                storage = default_storage(request)
                storage.add(messages.INFO, _("Sesi Anda berakhir. Silakan masuk lagi."))
                storage.update(response)
                return response
            # Write the timestamp at most once a minute: fewer session writes per request.
            if last is None or now - int(last) >= 60:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """A user whose role can see identifying data must finish the second factor
    (enrol at first sign-in, then verify at each sign-in) before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_SECOND_FACTOR_OPEN):
            actor = actor_for(user)
            if actor.needs_second_factor and not actor.is_verified:
                return HttpResponseRedirect(reverse("accounts:second_factor"))
            if user.must_change_password and request.path != _PASSWORD_CHANGE_PATH:
                return HttpResponseRedirect(reverse("accounts:password_change"))
        return self.get_response(request)


# Organisation id -> (time zone name, when read). Read once a minute per process at most: no
# query on most requests; a change made in this process is seen at once (models signal below).
_ORG_TIME_ZONES: dict[int, tuple[str, float]] = {}
_ORG_TZ_TTL = 60.0


def organisation_time_zone(org_id: int) -> str:
    """The time zone name of an organisation (cached per process for a minute)."""
    from simpul.accounts.models import Organisation, time_zone_for_region

    now = time.monotonic()
    hit = _ORG_TIME_ZONES.get(org_id)
    if hit is not None and now - hit[1] < _ORG_TZ_TTL:
        return hit[0]
    row = Organisation.objects.filter(pk=org_id).values_list("time_zone", "region_id").first()
    name = (row[0] or time_zone_for_region(row[1])) if row else settings.TIME_ZONE
    _ORG_TIME_ZONES[org_id] = (name, now)
    return name


def forget_organisation_time_zone(org_id: int | None = None) -> None:
    if org_id is None:
        _ORG_TIME_ZONES.clear()
    else:
        _ORG_TIME_ZONES.pop(org_id, None)


class OrganisationTimeZoneMiddleware:
    """Shows every time to a signed-in user in the time zone of their organisation (WIB, WITA or
    WIT; the first of their active memberships), with the zone's abbreviation in the templates."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(("/static/", "/api/")):
            return self.get_response(request)
        seats = actor_for(user).seats
        if not seats:
            return self.get_response(request)
        timezone.activate(zoneinfo.ZoneInfo(organisation_time_zone(min(s.org_id for s in seats))))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
