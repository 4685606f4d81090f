"""Every write of the Molin PPA module. Double booking of a vehicle or crew member is refused here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Membership, Organisation
from simpul.audit import services as audit
from simpul.outreach.models import CrewMember, DispatchRequest, Purpose, RequestStatus, Trip, Vehicle

MANAGERS = ("kepala", "admin", "manajer_kasus")  # vehicles and crew
PROTECTED = ("pickup_place", "contact", "safety_notes")


def _check_manager(actor: Any, org: Organisation) -> None:
    if not access.actor_for(actor).in_org(org.pk, *MANAGERS):
        raise access.AccessDenied()


@transaction.atomic
def vehicle_save(*, actor: Any, organisation: Organisation, data: dict[str, Any], vehicle: Vehicle | None = None) -> Vehicle:
    _check_manager(actor, organisation)
    vehicle = vehicle or Vehicle(organisation=organisation)
    if vehicle.organisation_id != organisation.pk:
        raise access.AccessDenied()
    for k in ("name", "plate", "seats", "is_active", "notes"):
        if k in data:
            setattr(vehicle, k, data[k] if data[k] is not None else "")
    vehicle.full_clean()
    vehicle.save()
    audit.record("outreach.vehicle_save", actor=actor, obj=vehicle, organisation_id=organisation.pk, fields=list(data))
    return vehicle


@transaction.atomic
def crew_add(*, actor: Any, organisation: Organisation, user: Any, duty: str = "") -> CrewMember:
    _check_manager(actor, organisation)
    if not Membership.objects.filter(user=user, organisation=organisation, is_active=True).exists():
        raise ValidationError({"user": _("Kru harus pengguna aktif organisasi ini.")})
    crew, _created = CrewMember.objects.update_or_create(organisation=organisation, user=user, defaults={"duty": duty, "is_active": True})
    audit.record("outreach.crew_add", actor=actor, obj=crew, organisation_id=organisation.pk, fields=["user", "duty"])
    return crew


@transaction.atomic
def request_create(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> DispatchRequest:
    # Case-linked, with named contacts: the organisation's dispatchers (not admin).
    if not access.actor_for(actor).in_org(organisation.pk, "kepala", "manajer_kasus"):
        raise access.AccessDenied()
    if data["window_end"] <= data["window_start"]:
        raise ValidationError({"window_end": _("Waktu selesai harus setelah waktu mulai.")})
    if data["purpose"] == Purpose.PENJANGKAUAN and not (data.get("case_uid") or data.get("report_uid")):
        raise ValidationError({"case_uid": _("Penjangkauan korban harus terkait dengan kasus atau laporan.")})
    req = DispatchRequest(organisation=organisation, created_by=actor)
    for k in ("purpose", "case_uid", "report_uid", "window_start", "window_end", "area", "pickup_place", "contact", "safety_notes"):
        if k in data:
            setattr(req, k, data[k] if data[k] is not None or k.endswith("_uid") else "")
    req.save()
    audit.record("outreach.request_create", actor=actor, obj=req, organisation_id=organisation.pk,
                 fields=[k for k in data if data[k] not in (None, "")], extra={"purpose": req.purpose})
    return req


def _fmt(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def check_double_booking(*, vehicle: Vehicle, crew: Iterable[CrewMember], start: dt.datetime, end: dt.datetime, exclude_trip: int | None = None) -> None:
    """Refuse a trip that overlaps another (not cancelled) trip of the same vehicle or crew member."""
    overlapping = Trip.objects.filter(cancelled=False, start_at__lt=end, end_at__gt=start)
    if exclude_trip:
        overlapping = overlapping.exclude(pk=exclude_trip)
    errors: dict[str, list[str]] = {}
    clash = overlapping.filter(vehicle=vehicle).order_by("start_at").first()
    if clash is not None:
        errors["vehicle"] = [_("Kendaraan %(v)s sudah dipesan pada %(a)s – %(b)s. Pilih waktu atau kendaraan lain.")
                             % {"v": vehicle.name, "a": _fmt(clash.start_at), "b": _fmt(clash.end_at)}]
    crew_ids = [c.pk for c in crew]
    busy = (Trip.crew.through.objects.filter(trip__in=overlapping, crewmember_id__in=crew_ids)
            .select_related("crewmember__user", "trip").order_by("trip__start_at"))
    msgs = []
    seen: set[int] = set()
    for row in busy:
        if row.crewmember_id in seen:
            continue
        seen.add(row.crewmember_id)
        user = row.crewmember.user
        msgs.append(_("Kru %(n)s sudah bertugas pada %(a)s – %(b)s.")
                    % {"n": user.get_full_name() or user.username, "a": _fmt(row.trip.start_at), "b": _fmt(row.trip.end_at)})
    if msgs:
        errors["crew"] = msgs
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def trip_schedule(*, actor: Any, request: DispatchRequest, vehicle: Vehicle, crew: list[CrewMember], start: dt.datetime, end: dt.datetime) -> Trip:
    access.check(actor, "edit", request)
    if end <= start:
        raise ValidationError({"end_at": _("Waktu kembali harus setelah waktu berangkat.")})
    if vehicle.organisation_id != request.organisation_id or not vehicle.is_active:
        raise ValidationError({"vehicle": _("Kendaraan tidak tersedia untuk organisasi ini.")})
    if not crew:
        raise ValidationError({"crew": _("Pilih paling sedikit satu kru.")})
    if any(c.organisation_id != request.organisation_id or not c.is_active for c in crew):
        raise ValidationError({"crew": _("Kru harus anggota aktif organisasi ini.")})
    # Lock the vehicle row so two concurrent schedules cannot both pass the overlap check.
    Vehicle.objects.select_for_update().filter(pk=vehicle.pk).first()
    check_double_booking(vehicle=vehicle, crew=crew, start=start, end=end)
    trip = Trip.objects.create(request=request, vehicle=vehicle, start_at=start, end_at=end)
    trip.crew.set(crew)
    if request.status == RequestStatus.DIAJUKAN:
        request.status = RequestStatus.DIJADWALKAN
        request.save(update_fields=["status"])
    audit.record("outreach.trip_schedule", actor=actor, obj=trip, organisation_id=request.organisation_id, fields=["vehicle", "crew", "start_at", "end_at"])
    return trip


@transaction.atomic
def trip_log(*, actor: Any, trip: Trip, data: dict[str, Any]) -> Trip:
    access.check(actor, "log", trip)
    if data.get("departed_at") and data.get("returned_at") and data["returned_at"] < data["departed_at"]:
        raise ValidationError({"returned_at": _("Waktu kembali tidak boleh sebelum waktu berangkat.")})
    if data.get("odometer_start") is not None and data.get("odometer_end") is not None and data["odometer_end"] < data["odometer_start"]:
        raise ValidationError({"odometer_end": _("Odometer kembali tidak boleh lebih kecil dari odometer berangkat.")})
    changed = []
    for k in ("departed_at", "returned_at", "odometer_start", "odometer_end", "work_done", "outcome"):
        if k in data:
            value = data[k]
            if value is None and k in ("work_done", "outcome"):
                value = ""
            setattr(trip, k, value)
            changed.append(k)
    trip.save()
    if trip.outcome and trip.returned_at:
        req = trip.request
        if req.status != RequestStatus.SELESAI:
            req.status = RequestStatus.SELESAI
            req.save(update_fields=["status"])
    audit.record("outreach.trip_log", actor=actor, obj=trip, organisation_id=trip.request.organisation_id, fields=changed)
    return trip


@transaction.atomic
def trip_cancel(*, actor: Any, trip: Trip) -> Trip:
    access.check(actor, "manage", trip)
    trip.cancelled = True
    trip.save(update_fields=["cancelled"])
    audit.record("outreach.trip_cancel", actor=actor, obj=trip, organisation_id=trip.request.organisation_id, fields=["cancelled"])
    return trip
