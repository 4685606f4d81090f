"""Expected status of every Molin PPA URL for every persona. The vehicle, request and trip belong to
UPTD PPA HSS; its kepala, admin and manajer_kasus manage vehicles and crew, kepala and manajer_kasus
requests and trips (not admin); pendamping.hss rides as crew and sees only the trip; everyone else
gets 403 (module) or 404 (object)."""

from typing import Any

from simpul.testing import ANON, UrlSpec


def _setup(world: dict[str, Any]) -> None:
    import datetime as dt

    from django.utils import timezone

    from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

    org = world["org"]["uptd.hss"]
    vehicle = Vehicle.objects.create(organisation=org, name="Molin uji")
    crew = CrewMember.objects.create(organisation=org, user=world["user"]["pendamping.hss"], duty="pendamping")
    start = timezone.now() + dt.timedelta(days=1)
    req = DispatchRequest.objects.create(organisation=org, purpose="edukasi", window_start=start, window_end=start + dt.timedelta(hours=3), pickup_place="Balai desa contoh")
    trip = Trip.objects.create(request=req, vehicle=vehicle, start_at=start, end_at=start + dt.timedelta(hours=3))
    trip.crew.add(crew)
    world.update(vehicle=vehicle, req=req, trip=trip)


MANAGERS = {ANON: 302, "admin": 200, "kepala": 200, "manajer_kasus": 200}
USE = {**MANAGERS, "pendamping": 200}
MANAGER_POST = {ANON: 302, "admin": 400, "kepala": 400, "manajer_kasus": 400}
# Requests and trips are linked to cases and carry named contacts: kepala and manajer_kasus, not admin.
DISPATCH = {ANON: 302, "admin": 403, "kepala": 200, "manajer_kasus": 200}
DISPATCH_OBJ = {ANON: 302, "kepala": 200, "manajer_kasus": 200}
DISPATCH_POST = {ANON: 302, "admin": 403, "kepala": 400, "manajer_kasus": 400}

SPECS = [
    UrlSpec("outreach:index", setup=_setup, expect=USE, default=403),
    UrlSpec("outreach:vehicles", expect=MANAGERS, default=403),
    UrlSpec("outreach:vehicles", method="POST", data={}, expect=MANAGER_POST, default=403),
    UrlSpec("outreach:vehicle_edit", setup=_setup, kwargs=lambda w: {"pk": w["vehicle"].pk}, expect=MANAGERS, default=404),
    UrlSpec("outreach:vehicle_edit", method="POST", data={}, setup=_setup, kwargs=lambda w: {"pk": w["vehicle"].pk}, expect=MANAGER_POST, default=404),
    UrlSpec("outreach:crew", expect=MANAGERS, default=403),
    UrlSpec("outreach:crew", method="POST", data={}, expect=MANAGER_POST, default=403),
    UrlSpec("outreach:request_create", expect=DISPATCH, default=403),
    UrlSpec("outreach:request_create", method="POST", data={}, expect=DISPATCH_POST, default=403),
    UrlSpec("outreach:request_detail", setup=_setup, kwargs=lambda w: {"pk": w["req"].pk}, expect=DISPATCH_OBJ, default=404),
    UrlSpec("outreach:trip_create", method="POST", data={}, setup=_setup, kwargs=lambda w: {"pk": w["req"].pk},
            expect={ANON: 302, "kepala": 400, "manajer_kasus": 400}, default=404),
    UrlSpec("outreach:calendar", setup=_setup, expect=USE, default=403),
    UrlSpec("outreach:trip_detail", setup=_setup, kwargs=lambda w: {"pk": w["trip"].pk}, expect={**DISPATCH_OBJ, "pendamping": 200}, default=404),
    UrlSpec("outreach:trip_log", method="POST", data={"odometer_start": "10", "odometer_end": "5"}, setup=_setup,
            kwargs=lambda w: {"pk": w["trip"].pk}, expect={ANON: 302, "kepala": 400, "manajer_kasus": 400, "pendamping": 400}, default=404),
    UrlSpec("outreach:my_trips", setup=_setup, expect=USE, default=403),
]

# The API operations of this module (simpul/outreach/api.py).
from simpul.outreach.tests.api_access_spec import SPECS as _API_SPECS  # noqa: E402

SPECS += _API_SPECS
