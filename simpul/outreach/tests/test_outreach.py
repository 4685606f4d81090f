"""Molin PPA: double booking is refused with a clear message; the crew sees only the trip."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from simpul import access
from simpul.accounts.models import Membership, User
from simpul.audit.models import AuditEvent
from simpul.outreach import services
from simpul.outreach.demo import seed_demo
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _world(demo: dict[str, Any]) -> dict[str, Any]:
    org = demo["org"]["uptd.hss"]
    mk = demo["user"]["manajer_kasus.hss"]
    v1 = services.vehicle_save(actor=mk, organisation=org, data={"name": "Molin HSS", "plate": "DA 1 X"})
    v2 = services.vehicle_save(actor=mk, organisation=org, data={"name": "Molin cadangan"})
    c1 = services.crew_add(actor=mk, organisation=org, user=demo["user"]["pendamping.hss"], duty="pendamping")
    c2 = services.crew_add(actor=mk, organisation=org, user=demo["user"]["petugas_pengaduan.hss"], duty="pengemudi")
    req = services.request_create(actor=mk, organisation=org, data={
        "purpose": "edukasi", "window_start": T0, "window_end": T0 + dt.timedelta(hours=4), "pickup_place": "Balai desa contoh",
        "contact": "0812-0000-1111", "safety_notes": "Pelaku tinggal serumah (uji)",
    })
    return {"org": org, "mk": mk, "v1": v1, "v2": v2, "c1": c1, "c2": c2, "req": req}


def test_double_booking_of_vehicle_or_crew_is_refused(demo: dict[str, Any]) -> None:
    w = _world(demo)
    services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c1"]], start=T0, end=T0 + dt.timedelta(hours=3))
    with pytest.raises(ValidationError) as exc:
        services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c2"]], start=T0 + dt.timedelta(hours=2), end=T0 + dt.timedelta(hours=5))
    assert "Kendaraan Molin HSS sudah dipesan pada" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v2"], crew=[w["c1"]], start=T0 + dt.timedelta(hours=1), end=T0 + dt.timedelta(hours=2))
    assert "sudah bertugas pada" in " ".join(exc.value.messages)
    # Back to back is fine, and a cancelled trip frees the vehicle
    later = services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c1"]], start=T0 + dt.timedelta(hours=3), end=T0 + dt.timedelta(hours=4))
    services.trip_cancel(actor=w["mk"], trip=later)
    services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c2"]], start=T0 + dt.timedelta(hours=3), end=T0 + dt.timedelta(hours=4))
    assert Trip.objects.filter(cancelled=False).count() == 2


def test_double_booking_in_the_page_shows_indonesian_message(demo: dict[str, Any]) -> None:
    w = _world(demo)
    services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c1"]], start=T0, end=T0 + dt.timedelta(hours=3))
    client = signed_in_client("manajer_kasus.hss")
    local = timezone.localtime(T0 + dt.timedelta(hours=1))
    resp = client.post(reverse("outreach:trip_create", args=[w["req"].pk]), {
        "vehicle": w["v1"].pk, "crew": [w["c2"].pk], "start_at": local.strftime("%Y-%m-%dT%H:%M"),
        "end_at": (local + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    })
    assert resp.status_code == 400
    assert "sudah dipesan pada" in resp.content.decode()
    assert Trip.objects.count() == 1


def test_outreach_requires_a_linked_case_or_report(demo: dict[str, Any]) -> None:
    w = _world(demo)
    with pytest.raises(ValidationError):
        services.request_create(actor=w["mk"], organisation=w["org"], data={
            "purpose": "penjangkauan", "window_start": T0, "window_end": T0 + dt.timedelta(hours=1), "pickup_place": "x"})
    client = signed_in_client("manajer_kasus.hss")
    resp = client.post(reverse("outreach:request_create"), {"purpose": "penjangkauan", "window_start": "2026-03-02T08:00",
                                                             "window_end": "2026-03-02T07:00", "pickup_place": "Rumah kerabat"})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "Penjangkauan korban harus terkait dengan kasus atau laporan." in body and "Waktu selesai harus setelah waktu mulai." in body
    assert "Rumah kerabat" in body


def test_crew_sees_only_the_trip_never_the_case(demo: dict[str, Any]) -> None:
    w = _world(demo)
    import uuid

    case_uid = uuid.uuid4()
    req = DispatchRequest.objects.create(organisation=w["org"], purpose="penjangkauan", case_uid=case_uid, window_start=T0,
                                         window_end=T0 + dt.timedelta(hours=2), pickup_place="Depan masjid contoh", contact="0812-9999")
    trip = services.trip_schedule(actor=w["mk"], request=req, vehicle=w["v1"], crew=[w["c1"]], start=T0, end=T0 + dt.timedelta(hours=2))
    crew = signed_in_client("pendamping.hss")
    assert crew.get(reverse("outreach:request_detail", args=[req.pk])).status_code == 404
    before = AuditEvent.objects.filter(action="outreach.request_view").count()
    page = crew.get(reverse("outreach:trip_detail", args=[trip.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Depan masjid contoh" in body and "0812-9999" in body
    assert str(case_uid) not in body and "Kasus terkait" not in body
    assert AuditEvent.objects.filter(action="outreach.request_view").count() == before + 1
    # Crew logs the trip
    resp = crew.post(reverse("outreach:trip_log", args=[trip.pk]), {"odometer_start": "1200", "odometer_end": "1264",
                                                                     "departed_at": "2026-03-02T08:05", "returned_at": "2026-03-02T10:10",
                                                                     "work_done": "Menjemput ke UPTD", "outcome": "berhasil"})
    assert resp.status_code == 302
    trip.refresh_from_db()
    assert trip.distance_km == 64 and trip.work_done == "Menjemput ke UPTD"
    assert DispatchRequest.objects.get(pk=req.pk).status == "selesai"
    # Another user not on the crew sees nothing
    assert signed_in_client("relawan.hss").get(reverse("outreach:trip_detail", args=[trip.pk])).status_code in (403, 404)


def test_other_organisations_cannot_see_or_use_vehicles(demo: dict[str, Any]) -> None:
    w = _world(demo)
    assert not access.visible(demo["user"]["admin.okus"], Vehicle).filter(pk=w["v1"].pk).exists()
    with pytest.raises(access.AccessDenied):
        services.vehicle_save(actor=demo["user"]["admin.okus"], organisation=w["org"], vehicle=w["v1"], data={"name": "x"})
    assert signed_in_client("admin.okus").get(reverse("outreach:vehicle_edit", args=[w["v1"].pk])).status_code == 404
    # Crew must be users of the organisation
    with pytest.raises(ValidationError):
        services.crew_add(actor=w["mk"], organisation=w["org"], user=demo["user"]["manajer_kasus.okus"])


def test_calendar_and_lists_query_count(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    w = _world(demo)
    extra = User.objects.create(username="kru.uji")
    Membership.objects.create(user=extra, organisation=w["org"], role="pendamping")
    c3 = CrewMember.objects.create(organisation=w["org"], user=extra)
    client = signed_in_client("manajer_kasus.hss")
    week = f"?minggu={T0.date().isoformat()}"
    services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v1"], crew=[w["c1"]], start=T0, end=T0 + dt.timedelta(hours=1))
    client.get(reverse("outreach:calendar") + week)
    with django_assert_max_num_queries(20) as ctx:
        assert client.get(reverse("outreach:calendar") + week).status_code == 200
    n = len(ctx.captured_queries)
    for i in range(1, 8):
        services.trip_schedule(actor=w["mk"], request=w["req"], vehicle=w["v2"], crew=[w["c2"], c3],
                               start=T0 + dt.timedelta(hours=2 * i), end=T0 + dt.timedelta(hours=2 * i + 1))
    with django_assert_max_num_queries(n):
        body = client.get(reverse("outreach:calendar") + week).content.decode()
    assert body.count("Molin cadangan") >= 7  # a trip crossing local midnight shows on both days
    # 13: the page's own reads plus what every staff page reads (session, user, seats, 2FA device,
    # the menu's checks and the bell's unread count); none of it grows with the number of trips.
    with django_assert_max_num_queries(13):
        assert client.get(reverse("outreach:index")).status_code == 200
    crew = signed_in_client("petugas_pengaduan.hss")
    with django_assert_max_num_queries(13):
        assert crew.get(reverse("outreach:my_trips")).content.decode().count("Molin cadangan") == 7


def test_demo_vehicle(demo: dict[str, Any]) -> None:
    v = seed_demo()
    assert seed_demo().pk == v.pk and v.organisation == demo["org"]["dinas.kalsel"]
