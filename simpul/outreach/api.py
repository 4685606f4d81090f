"""Molin PPA over the API: vehicles, dispatch requests, trips.

Same rules as the pages: the organisation's kepala/admin/manajer_kasus manage (``outreach.manage``,
``view``/``edit`` per object); a crew member sees and logs only the trips they ride on, never the
linked case or report. The protected trip details (pickup place, contact, safety notes) are only in
the request detail, and each read is audited (``outreach.request_view``) as on the page.
"""

import datetime as dt
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.api.listing import Cursor, Limit, PlanDateTime, Sort, page
from simpul.outreach import api_selectors, selectors, services
from simpul.outreach.models import DispatchRequest, Outcome, Trip, Vehicle

API_PREFIX = "outreach"
router = Router(tags=["molin"])


class VehicleOut(Schema):
    id: int
    organisation_id: int
    name: str
    plate: str
    seats: int
    is_active: bool


class VehiclePage(Schema):
    items: list[VehicleOut]
    next_cursor: str | None


class VehicleIn(Schema):
    organisation_id: Annotated[int, v.integer()] | None = None
    name: Annotated[str, v.name(120, min_length=1)]
    plate: Annotated[str, v.name(20)] = ""
    seats: Annotated[int, v.integer(1, 100)] = 7
    is_active: v.Bool = True
    notes: Annotated[str, v.text(5000)] = ""


class RequestOut(Schema):
    id: uuid.UUID
    organisation_id: int
    purpose: str
    status: str
    window_start: dt.datetime
    window_end: dt.datetime
    area: str
    case_id: uuid.UUID | None
    report_id: uuid.UUID | None
    created_at: dt.datetime


class RequestDetailOut(RequestOut):
    pickup_place: str
    contact: str
    safety_notes: str
    trip_ids: list[uuid.UUID]


class RequestPage(Schema):
    items: list[RequestOut]
    next_cursor: str | None


class RequestFilters(Schema):
    status: Annotated[str, v.text(12)] = ""
    purpose: Annotated[str, v.text(20)] = ""
    sort: Sort = Field("-window_start", description="window_start, created_at; `-` di depan: menurun")
    limit: Limit = 50
    cursor: Cursor = ""


class RequestIn(Schema):
    organisation_id: Annotated[int, v.integer()] | None = None
    purpose: Annotated[str, v.text(20)]
    case_id: uuid.UUID | None = None
    report_id: uuid.UUID | None = None
    window_start: PlanDateTime
    window_end: PlanDateTime
    area: Annotated[str, v.name(120)] = ""
    pickup_place: Annotated[str, v.text(500)] = ""
    contact: Annotated[str, v.name(200)] = ""
    safety_notes: Annotated[str, v.text(5000)] = ""


class TripOut(Schema):
    id: uuid.UUID
    request_id: uuid.UUID
    vehicle_id: int
    crew_ids: list[int]
    start_at: dt.datetime
    end_at: dt.datetime
    departed_at: dt.datetime | None
    returned_at: dt.datetime | None
    odometer_start: int | None
    odometer_end: int | None
    outcome: str
    cancelled: bool


class TripPage(Schema):
    items: list[TripOut]
    next_cursor: str | None


class TripFilters(Schema):
    start: v.PlanDate = Field(..., description="Awal rentang (tanggal)")
    end: v.PlanDate = Field(..., description="Akhir rentang (tanggal, termasuk); paling lama 92 hari")
    sort: Sort = Field("start_at", description="start_at; `-` di depan: menurun")
    limit: Limit = 50
    cursor: Cursor = ""


class TripIn(Schema):
    vehicle_id: Annotated[int, v.integer()]
    crew_ids: list[Annotated[int, v.integer()]] = Field(..., min_length=1, max_length=20)
    start_at: PlanDateTime
    end_at: PlanDateTime


class TripLogIn(Schema):
    departed_at: v.EventDateTime | None = None
    returned_at: v.EventDateTime | None = None
    odometer_start: Annotated[int, v.integer()] | None = None
    odometer_end: Annotated[int, v.integer()] | None = None
    work_done: Annotated[str, v.text(5000)] | None = None
    outcome: Annotated[str, v.text(16)] | None = None


def _vehicle(x: Vehicle) -> dict[str, Any]:
    return {"id": x.pk, "organisation_id": x.organisation_id, "name": x.name, "plate": x.plate, "seats": x.seats, "is_active": x.is_active}


def _request(r: DispatchRequest) -> dict[str, Any]:
    return {
        "id": r.uid, "organisation_id": r.organisation_id, "purpose": r.purpose, "status": r.status,
        "window_start": r.window_start, "window_end": r.window_end, "area": r.area,
        "case_id": r.case_uid, "report_id": r.report_uid, "created_at": r.created_at,
    }


def _trip(t: Trip) -> dict[str, Any]:
    return {
        "id": t.uid, "request_id": t.request.uid, "vehicle_id": t.vehicle_id, "crew_ids": sorted(c.pk for c in t.crew.all()),
        "start_at": t.start_at, "end_at": t.end_at, "departed_at": t.departed_at, "returned_at": t.returned_at,
        "odometer_start": t.odometer_start, "odometer_end": t.odometer_end, "outcome": t.outcome, "cancelled": t.cancelled,
    }


def _organisation(actor: Any, org_id: int | None) -> Any:
    orgs = api_selectors.managed_organisations(actor)
    org = orgs.filter(pk=org_id).first() if org_id else orgs.first()
    if org is None:
        raise ValidationError({"organisation_id": [_("Anda tidak mengelola organisasi ini.")]})
    return org


@router.get("/vehicles", response=VehiclePage, url_name="api_outreach_vehicles")
@require_scope("outreach:read")
def vehicle_list(request: HttpRequest, sort: Sort = "name", limit: Limit = 50, cursor: Cursor = "") -> dict[str, Any]:
    """Kendaraan organisasi yang Anda kelola. Urutan: name."""
    access.check(request.user, "outreach.manage")
    rows, nxt = page(access.visible(request.user, Vehicle), sort=sort, keys={"name": "name"}, default="name", limit=limit, cursor=cursor)
    return {"items": [_vehicle(x) for x in rows], "next_cursor": nxt}


@router.post("/vehicles", response={201: VehicleOut}, url_name="api_outreach_vehicle_create")
@require_scope("outreach:write")
def vehicle_create(request: HttpRequest, payload: VehicleIn) -> tuple[int, dict[str, Any]]:
    """Daftarkan kendaraan."""
    access.check(request.user, "outreach.manage")
    data = payload.dict()
    org = _organisation(request.user, data.pop("organisation_id"))
    return 201, _vehicle(services.vehicle_save(actor=request.user, organisation=org, data=data))


@router.get("/requests", response=RequestPage, url_name="api_outreach_requests")
@require_scope("outreach:read")
def request_list(request: HttpRequest, filters: Query[RequestFilters]) -> dict[str, Any]:
    """Permintaan penjemputan/penjangkauan (tanpa rincian yang dilindungi). Saring: `status`, `purpose`."""
    access.check(request.user, "outreach.dispatch")  # as the page: dispatch is linked to cases, not admin
    qs = api_selectors.requests(request.user, status=filters.status, purpose=filters.purpose)
    rows, nxt = page(qs, sort=filters.sort, keys={"window_start": "window_start", "created_at": "created_at"},
                     default="-window_start", limit=filters.limit, cursor=filters.cursor)
    return {"items": [_request(r) for r in rows], "next_cursor": nxt}


@router.post("/requests", response={201: RequestOut}, url_name="api_outreach_request_create")
@require_scope("outreach:write")
def request_create(request: HttpRequest, payload: RequestIn) -> tuple[int, dict[str, Any]]:
    """Ajukan permintaan. Penjangkauan korban wajib terkait kasus (`case_id`) atau laporan (`report_id`)."""
    access.check(request.user, "outreach.dispatch")
    data = payload.dict()
    org = _organisation(request.user, data.pop("organisation_id"))
    data["case_uid"] = data.pop("case_id")
    data["report_uid"] = data.pop("report_id")
    return 201, _request(services.request_create(actor=request.user, organisation=org, data=data))


@router.get("/requests/{request_id}", response=RequestDetailOut, url_name="api_outreach_request")
@require_scope("outreach:read")
def request_detail(request: HttpRequest, request_id: uuid.UUID) -> dict[str, Any]:
    """Satu permintaan dengan rincian yang dilindungi (tempat jemput, kontak, catatan keamanan);
    tiap pembacaan dicatat di log audit."""
    req = access.get_or_404(request.user, DispatchRequest.objects.select_related("organisation"), "view", uid=request_id)
    protected = selectors.reveal_request(actor=request.user, req=req, request=request, via="api")
    return {**_request(req), **protected, "trip_ids": list(req.trips.order_by("start_at").values_list("uid", flat=True))}


@router.post("/requests/{request_id}/trips", response={201: TripOut}, url_name="api_outreach_trip_create")
@require_scope("outreach:write")
def trip_create(request: HttpRequest, request_id: uuid.UUID, payload: TripIn) -> tuple[int, dict[str, Any]]:
    """Jadwalkan perjalanan; kendaraan atau kru yang sudah terpesan pada waktu itu ditolak (422)."""
    req = access.get_or_404(request.user, DispatchRequest.objects.select_related("organisation"), "edit", uid=request_id)
    vehicle = api_selectors.vehicle_of(req.organisation_id, payload.vehicle_id)
    crew = api_selectors.crew_of(req.organisation_id, payload.crew_ids)
    if vehicle is None:
        raise ValidationError({"vehicle_id": [_("Kendaraan tidak tersedia untuk organisasi ini.")]})
    if len(crew) != len(set(payload.crew_ids)):
        raise ValidationError({"crew_ids": [_("Kru harus anggota aktif organisasi ini.")]})
    trip = services.trip_schedule(actor=request.user, request=req, vehicle=vehicle, crew=crew, start=payload.start_at, end=payload.end_at)
    return 201, _trip(api_selectors.trip(trip.pk))


@router.get("/trips", response=TripPage, url_name="api_outreach_trips")
@require_scope("outreach:read")
def trip_list(request: HttpRequest, filters: Query[TripFilters]) -> dict[str, Any]:
    """Perjalanan dalam rentang tanggal (`start`..`end`, paling lama 92 hari): semua perjalanan
    organisasi yang Anda kelola, atau perjalanan Anda sebagai kru."""
    access.check(request.user, "outreach.use")
    if filters.end < filters.start or (filters.end - filters.start).days > 92:
        raise ValidationError({"end": [_("Rentang tanggal paling lama 92 hari dan tidak terbalik.")]})
    start = dt.datetime.combine(filters.start, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    qs = selectors.trips_between(actor=request.user, start=start, end=end)
    rows, nxt = page(qs, sort=filters.sort, keys={"start_at": "start_at"}, default="start_at", limit=filters.limit, cursor=filters.cursor)
    return {"items": [_trip(t) for t in rows], "next_cursor": nxt}


@router.get("/trips/{trip_id}", response=TripOut, url_name="api_outreach_trip")
@require_scope("outreach:read")
def trip_detail(request: HttpRequest, trip_id: uuid.UUID) -> dict[str, Any]:
    """Satu perjalanan (pengelola atau kru perjalanan itu)."""
    trip = access.get_or_404(request.user, Trip.objects.select_related("request", "vehicle").prefetch_related("crew"), "view", uid=trip_id)
    return _trip(trip)


@router.post("/trips/{trip_id}/log", response=TripOut, url_name="api_outreach_trip_log")
@require_scope("outreach:write")
def trip_log(request: HttpRequest, trip_id: uuid.UUID, payload: TripLogIn) -> dict[str, Any]:
    """Catat pelaksanaan (kru atau pengelola): waktu sebenarnya, odometer, hasil."""
    trip = access.get_or_404(request.user, Trip.objects.select_related("request", "vehicle"), "log", uid=trip_id)
    data = payload.dict(exclude_unset=True)
    if data.get("outcome") and data["outcome"] not in Outcome.values:
        raise ValidationError({"outcome": [_("Nilai tidak dikenal.")]})
    services.trip_log(actor=request.user, trip=trip, data=data)
    return _trip(api_selectors.trip(trip.pk))


@router.post("/trips/{trip_id}/cancel", response=TripOut, url_name="api_outreach_trip_cancel")
@require_scope("outreach:write")
def trip_cancel(request: HttpRequest, trip_id: uuid.UUID) -> dict[str, Any]:
    """Batalkan perjalanan (pengelola)."""
    trip = access.get_or_404(request.user, Trip.objects.select_related("request"), "manage", uid=trip_id)
    services.trip_cancel(actor=request.user, trip=trip)
    return _trip(api_selectors.trip(trip.pk))
