"""Molin PPA pages. Managers plan; the crew sees only their trips, with only what the trip needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul import validators as v
from simpul.accounts.models import Organisation
from simpul.accounts.selectors import organisations_where
from simpul.core.formerrors import errors_to_form
from simpul.outreach import forms, selectors, services
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle

MANAGERS = services.MANAGERS
DISPATCHERS = ("kepala", "manajer_kasus")  # requests and trips (not admin)


def _orgs(user: Any, roles: tuple[str, ...] = MANAGERS) -> Any:
    return organisations_where(user, *roles)


def _with_org_field(form: Any, orgs: Any) -> Any:
    if orgs.count() > 1:
        form.fields["organisation"] = djforms.ModelChoiceField(label=_("Organisasi"), queryset=orgs, initial=orgs.first())
        form.order_fields(["organisation"])
    return form


def _chosen_org(form: Any, orgs: Any) -> Organisation:
    return form.cleaned_data.pop("organisation", None) or orgs.first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.use")
    is_manager = access.can(request.user, "outreach.manage")
    is_dispatcher = access.can(request.user, "outreach.dispatch")
    ctx: dict[str, Any] = {"is_manager": is_manager, "is_dispatcher": is_dispatcher, "my_trips": list(selectors.my_trips(actor=request.user)[:20])}
    if is_dispatcher:
        ctx["requests"] = list(access.visible(request.user, DispatchRequest).select_related("organisation").defer("pickup_place", "contact", "safety_notes")[:50])
    if is_manager:
        ctx["vehicles"] = list(access.visible(request.user, Vehicle).select_related("organisation"))
    return render(request, "outreach/index.html", ctx)


@login_required
def vehicles(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.manage")
    orgs = _orgs(request.user)
    form = _with_org_field(forms.VehicleForm(request.POST or None), orgs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            org = _chosen_org(form, orgs)
            try:
                services.vehicle_save(actor=request.user, organisation=org, data=form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Kendaraan disimpan."))
                return redirect("outreach:vehicles")
        status = 400
    rows = access.visible(request.user, Vehicle).select_related("organisation")
    return render(request, "outreach/vehicles.html", {"rows": rows, "form": form}, status=status)


@login_required
def vehicle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vehicle = access.get_or_404(request.user, Vehicle, "edit", pk=pk)
    form = forms.VehicleForm(request.POST or None, instance=vehicle)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.vehicle_save(actor=request.user, organisation=vehicle.organisation, vehicle=vehicle, data=form.cleaned_data)
            messages.success(request, _("Kendaraan disimpan."))
            return redirect("outreach:vehicles")
        status = 400
    return render(request, "outreach/vehicle_edit.html", {"vehicle": vehicle, "form": form}, status=status)


@login_required
def crew(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.manage")
    orgs = _orgs(request.user)
    form = _with_org_field(forms.CrewForm(request.POST or None, organisation_ids=list(orgs.values_list("pk", flat=True))), orgs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            org = _chosen_org(form, orgs)
            try:
                services.crew_add(actor=request.user, organisation=org, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Kru ditambahkan."))
                return redirect("outreach:crew")
        status = 400
    rows = access.visible(request.user, CrewMember).select_related("organisation", "user")
    return render(request, "outreach/crew.html", {"rows": rows, "form": form}, status=status)


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.dispatch")
    orgs = _orgs(request.user, DISPATCHERS)
    initial = {k: request.GET[k] for k in ("purpose", "case_uid", "report_uid") if request.GET.get(k)}
    form = _with_org_field(forms.RequestForm(request.POST or None, user=request.user, initial=initial), orgs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            org = _chosen_org(form, orgs)
            try:
                req = services.request_create(actor=request.user, organisation=org, data=form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Permintaan Molin PPA dicatat. Jadwalkan kendaraan dan kru."))
                return redirect("outreach:request_detail", pk=req.pk)
        status = 400
    return render(request, "outreach/request_form.html", {"form": form}, status=status)


def _request_page(request: HttpRequest, req: DispatchRequest, trip_form: Any, status: int = 200) -> HttpResponse:
    protected = selectors.reveal_request(actor=request.user, req=req, request=request)
    trips = list(req.trips.select_related("vehicle").prefetch_related("crew__user"))
    return render(request, "outreach/request_detail.html", {"req": req, "p": protected, "trips": trips, "trip_form": trip_form}, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = access.get_or_404(request.user, DispatchRequest.objects.select_related("organisation"), "view", pk=pk)
    return _request_page(request, req, forms.TripForm(organisation_id=req.organisation_id))


@require_POST
@login_required
def trip_create(request: HttpRequest, pk: int) -> HttpResponse:
    req = access.get_or_404(request.user, DispatchRequest.objects.select_related("organisation"), "edit", pk=pk)
    form = forms.TripForm(request.POST, organisation_id=req.organisation_id)
    if form.is_valid():
        d = form.cleaned_data
        try:
            trip = services.trip_schedule(actor=request.user, request=req, vehicle=d["vehicle"], crew=list(d["crew"]), start=d["start_at"], end=d["end_at"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Perjalanan dijadwalkan."))
            return redirect("outreach:trip_detail", pk=trip.pk)
    return _request_page(request, req, form, status=400)


def _week_bounds(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    today = timezone.localdate()
    mode = "bulan" if request.GET.get("bulan") else "minggu"
    try:
        if mode == "bulan":
            y, m = (int(x) for x in request.GET["bulan"].split("-"))
            start = dt.date(y, m, 1)
            end = dt.date(y + (m == 12), m % 12 + 1, 1)
        else:
            day = dt.date.fromisoformat(request.GET["minggu"]) if request.GET.get("minggu") else today
            start = day - dt.timedelta(days=day.weekday())
            end = start + dt.timedelta(days=7)
        if not (v.date_ok(start, v.DateKind.PLAN) and v.date_ok(end, v.DateKind.PLAN)):
            raise ValueError("outside the calendar's range")
    except (ValueError, KeyError, OverflowError):
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=7)
        mode = "minggu"
    return start, end, mode


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.use")
    start, end, mode = _week_bounds(request)
    tz = timezone.get_current_timezone()
    trips = list(selectors.trips_between(
        actor=request.user,
        start=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        end=dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    ))
    days: list[tuple[dt.date, list[Trip]]] = []
    day = start
    while day < end:
        days.append((day, [t for t in trips if timezone.localtime(t.start_at).date() <= day <= timezone.localtime(t.end_at).date()]))
        day += dt.timedelta(days=1)
    if mode == "bulan":
        prev_q = f"bulan={(start - dt.timedelta(days=1)):%Y-%m}"
        next_q = f"bulan={end:%Y-%m}"
    else:
        prev_q = f"minggu={(start - dt.timedelta(days=7)).isoformat()}"
        next_q = f"minggu={end.isoformat()}"
    return render(request, "outreach/calendar.html", {
        "days": days, "start": start, "end": end - dt.timedelta(days=1), "mode": mode, "prev_q": prev_q, "next_q": next_q,
        "is_manager": access.can(request.user, "outreach.manage"), "month_q": f"bulan={start:%Y-%m}", "week_q": f"minggu={start.isoformat()}",
    })


@login_required
def trip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access.get_or_404(request.user, Trip.objects.select_related("vehicle", "request", "request__organisation"), "view", pk=pk)
    return _trip_page(request, trip, forms.TripLogForm(initial=_log_initial(trip)))


def _log_initial(trip: Trip) -> dict[str, Any]:
    return {k: getattr(trip, k) for k in ("departed_at", "returned_at", "odometer_start", "odometer_end", "work_done", "outcome")}


def _trip_page(request: HttpRequest, trip: Trip, log_form: Any, status: int = 200) -> HttpResponse:
    """What the crew needs for the trip (and nothing of the case file)."""
    protected = selectors.reveal_request(actor=request.user, req=trip.request, request=request, via="trip")
    return render(request, "outreach/trip_detail.html", {
        "trip": trip, "req": trip.request, "p": protected, "crew": list(trip.crew.select_related("user")),
        "log_form": log_form, "is_manager": access.can(request.user, "manage", trip),
    }, status=status)


@require_POST
@login_required
def trip_log(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access.get_or_404(request.user, Trip.objects.select_related("vehicle", "request", "request__organisation"), "log", pk=pk)
    form = forms.TripLogForm(request.POST)
    if form.is_valid():
        try:
            services.trip_log(actor=request.user, trip=trip, data=form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Catatan perjalanan disimpan."))
            return redirect("outreach:trip_detail", pk=trip.pk)
    return _trip_page(request, trip, form, status=400)


@login_required
def my_trips(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "outreach.use")
    return render(request, "outreach/my_trips.html", {"rows": list(selectors.my_trips(actor=request.user)[:100])})
