"""Molin PPA API: managers schedule and log trips through the services (double booking refused),
the crew sees only their trips and never the linked case, protected details are audited."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.utils import timezone

from simpul.api.tests.openapi_check import bearer, conforms
from simpul.audit.models import AuditEvent
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

pytestmark = pytest.mark.django_db
J = "application/json"
BASE = "/api/v1/outreach"


def test_request_trip_log_cancel_flow(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    org = demo["org"]["uptd.hss"]
    crew = CrewMember.objects.create(organisation=org, user=demo["user"]["pendamping.hss"], duty="pendamping")
    mk = bearer(demo["user"]["manajer_kasus.hss"], "outreach:read", "outreach:write")
    r = mk.post(f"{BASE}/vehicles", json.dumps({"name": "Molin 1", "plate": "DA 1234 XY"}), content_type=J)
    vehicle = conforms(r, "post", f"{BASE}/vehicles")
    assert r.status_code == 201 and AuditEvent.objects.filter(action="outreach.vehicle_save").exists()

    case_uid = str(uuid.uuid4())
    start = (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)
    body = {"purpose": "penjangkauan", "case_id": case_uid, "window_start": start.isoformat(), "window_end": (start + dt.timedelta(hours=4)).isoformat(),
            "area": "Kecamatan Kandangan", "pickup_place": "Rumah aman X", "contact": "0812 0000 0000", "safety_notes": "Pelaku di sekitar"}
    r = mk.post(f"{BASE}/requests", json.dumps(body), content_type=J)
    req = conforms(r, "post", f"{BASE}/requests")
    assert "pickup_place" not in req and req["case_id"] == case_uid
    r = mk.post(f"{BASE}/requests", json.dumps({**body, "case_id": None}), content_type=J)
    assert r.status_code == 422 and "case_uid" in r.content.decode()  # the service's rule

    # The list holds no protected detail; the detail does, and each read is audited.
    listing = conforms(mk.get(f"{BASE}/requests"), "get", f"{BASE}/requests")
    assert "Rumah aman" not in json.dumps(listing)
    r = mk.get(f"{BASE}/requests/{req['id']}")
    assert conforms(r, "get", f"{BASE}/requests/{{request_id}}")["pickup_place"] == "Rumah aman X"
    assert AuditEvent.objects.filter(action="outreach.request_view", extra__via="api").exists()

    trip_body = {"vehicle_id": vehicle["id"], "crew_ids": [crew.pk], "start_at": start.isoformat(), "end_at": (start + dt.timedelta(hours=3)).isoformat()}
    r = mk.post(f"{BASE}/requests/{req['id']}/trips", json.dumps(trip_body), content_type=J)
    trip = conforms(r, "post", f"{BASE}/requests/{{request_id}}/trips")
    assert r.status_code == 201 and trip["crew_ids"] == [crew.pk]
    # Double booking of the same vehicle and crew is refused by the service.
    r = mk.post(f"{BASE}/requests/{req['id']}/trips", json.dumps(trip_body), content_type=J)
    assert r.status_code == 422 and "vehicle" in r.json()["detail"]

    # The crew member sees the trip (not the case), logs it, cannot cancel or read the request.
    pd = bearer(demo["user"]["pendamping.hss"], "outreach:read", "outreach:write")
    window = f"start={start.date().isoformat()}&end={(start.date() + dt.timedelta(days=2)).isoformat()}"
    with django_assert_max_num_queries(10):
        mine = conforms(pd.get(f"{BASE}/trips?{window}"), "get", f"{BASE}/trips")
    assert [t["id"] for t in mine["items"]] == [trip["id"]]
    assert case_uid not in json.dumps(mine)
    assert pd.get(f"{BASE}/requests/{req['id']}").status_code == 404
    assert pd.get(f"{BASE}/requests").status_code == 403
    r = pd.post(f"{BASE}/trips/{trip['id']}/log", json.dumps({"odometer_start": 100, "odometer_end": 90}), content_type=J)
    assert r.status_code == 422 and "odometer_end" in r.content.decode()
    r = pd.post(f"{BASE}/trips/{trip['id']}/log", json.dumps({"odometer_start": 100, "odometer_end": 142, "outcome": "berhasil",
                                                                "departed_at": start.isoformat(), "returned_at": start.isoformat()}), content_type=J)
    assert conforms(r, "post", f"{BASE}/trips/{{trip_id}}/log")["odometer_end"] == 142
    assert DispatchRequest.objects.get(uid=req["id"]).status == "selesai"
    assert pd.post(f"{BASE}/trips/{trip['id']}/cancel").status_code == 404
    r = mk.post(f"{BASE}/trips/{trip['id']}/cancel")
    assert conforms(r, "post", f"{BASE}/trips/{{trip_id}}/cancel")["cancelled"] is True
    assert AuditEvent.objects.filter(action__in=["outreach.trip_schedule", "outreach.trip_log", "outreach.trip_cancel"]).count() == 3
    assert mk.get(f"{BASE}/trips?start=2026-01-01&end=2026-12-31").status_code == 422  # more than 92 days


def test_another_organisation_sees_nothing(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    v = Vehicle.objects.create(organisation=org, name="Molin HSS")
    start = timezone.now()
    req = DispatchRequest.objects.create(organisation=org, purpose="edukasi", window_start=start, window_end=start + dt.timedelta(hours=1), pickup_place="x")
    trip = Trip.objects.create(request=req, vehicle=v, start_at=start, end_at=start + dt.timedelta(hours=1))
    okus = bearer(demo["user"]["admin.okus"], "outreach:read", "outreach:write")
    assert okus.get(f"{BASE}/vehicles").json()["items"] == []
    assert okus.get(f"{BASE}/requests/{req.uid}").status_code == 404
    assert okus.get(f"{BASE}/trips/{trip.uid}").status_code == 404
    r = okus.post(f"{BASE}/requests/{req.uid}/trips", json.dumps({"vehicle_id": v.pk, "crew_ids": [1], "start_at": start.isoformat(), "end_at": start.isoformat()}), content_type=J)
    assert r.status_code == 404
