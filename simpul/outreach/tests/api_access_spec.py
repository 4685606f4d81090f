"""Expected status of every Molin PPA API operation for every persona (as the pages: UPTD HSS's
kepala, admin and manajer_kasus manage; pendamping.hss rides as crew and sees only the trip)."""

import datetime as dt
from typing import Any

from simpul.testing import ANON, UrlSpec

J = "application/json"


def _setup(world: dict[str, Any]) -> None:
    from django.utils import timezone

    from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

    org = world["org"]["uptd.hss"]
    vehicle = Vehicle.objects.create(organisation=org, name="Molin uji API")
    crew, _new = CrewMember.objects.get_or_create(organisation=org, user=world["user"]["pendamping.hss"], defaults={"duty": "pendamping"})
    start = timezone.now() + dt.timedelta(days=1)
    req = DispatchRequest.objects.create(organisation=org, purpose="edukasi", window_start=start, window_end=start + dt.timedelta(hours=3), pickup_place="Balai desa contoh")
    trip = Trip.objects.create(request=req, vehicle=vehicle, start_at=start, end_at=start + dt.timedelta(hours=3))
    trip.crew.add(crew)
    world.update(vehicle=vehicle, crew=crew, req=req, trip=trip)


def _trip_body(world: dict[str, Any]) -> dict[str, Any]:
    start = world["trip"].end_at + dt.timedelta(days=2)
    return {"vehicle_id": world["vehicle"].pk, "crew_ids": [world["crew"].pk], "start_at": start.isoformat(), "end_at": (start + dt.timedelta(hours=2)).isoformat()}


def _window() -> str:
    from django.utils import timezone

    today = timezone.localdate()
    return f"start={today.isoformat()}&end={(today + dt.timedelta(days=7)).isoformat()}"


MANAGERS = {ANON: 401, "admin": 200, "kepala": 200, "manajer_kasus": 200}
CREATED = {ANON: 401, "admin": 201, "kepala": 201, "manajer_kasus": 201}
# Dispatch requests and trips are linked to cases: kepala and manajer_kasus, not admin (admin keeps
# the fleet: vehicles and crew), as on the pages.
DISPATCH = {ANON: 401, "kepala": 200, "manajer_kasus": 200}
DISPATCH_CREATED = {ANON: 401, "kepala": 201, "manajer_kasus": 201}
USE = {**DISPATCH, "pendamping": 200}
CALENDAR = {**MANAGERS, "pendamping": 200}  # the trips of the week, as the calendar page (admin plans the fleet)
WINDOW = {"purpose": "edukasi", "window_start": "2026-01-10T08:00:00+08:00", "window_end": "2026-01-10T12:00:00+08:00", "pickup_place": "Balai desa"}

SPECS = [
    UrlSpec("api:api_outreach_vehicles", expect=MANAGERS, default=403),
    UrlSpec("api:api_outreach_vehicle_create", method="POST", content_type=J, data={"name": "Molin 2"}, expect=CREATED, default=403),
    UrlSpec("api:api_outreach_requests", setup=_setup, expect=DISPATCH, default=403),
    UrlSpec("api:api_outreach_request_create", method="POST", content_type=J, data=WINDOW, expect=DISPATCH_CREATED, default=403),
    UrlSpec("api:api_outreach_request", setup=_setup, kwargs=lambda w: {"request_id": w["req"].uid}, expect=DISPATCH, default=404),
    UrlSpec("api:api_outreach_trip_create", method="POST", content_type=J, data=_trip_body, setup=_setup,
            kwargs=lambda w: {"request_id": w["req"].uid}, expect=DISPATCH_CREATED, default=404),
    UrlSpec("api:api_outreach_trips", setup=_setup, query=_window(), expect=CALENDAR, default=403),
    UrlSpec("api:api_outreach_trip", setup=_setup, kwargs=lambda w: {"trip_id": w["trip"].uid}, expect=USE, default=404),
    UrlSpec("api:api_outreach_trip_log", method="POST", content_type=J, data={"odometer_start": 10}, setup=_setup,
            kwargs=lambda w: {"trip_id": w["trip"].uid}, expect=USE, default=404),
    UrlSpec("api:api_outreach_trip_cancel", method="POST", setup=_setup, kwargs=lambda w: {"trip_id": w["trip"].uid}, expect=DISPATCH, default=404),
]
