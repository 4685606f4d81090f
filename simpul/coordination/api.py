"""Coordination and RAD over the API: task forces, meetings, action items; RAD plans with their
indicators, targets and realisations (progress as the page computes it).

Same rules as the pages: ``coordination.use`` to list, ``view``/``edit`` per task force (the
secretariat's kepala/admin record meetings and action items), a plan's ``progress`` for the
report, ``edit`` for targets and ``realise`` for realisations. Every write goes through
``simpul.coordination.services`` (which audits). The relawan/Satgas registry is not offered here.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.api.listing import Amount, Cursor, Id, Limit, Sort, page
from simpul.coordination import api_selectors, selectors, services
from simpul.coordination.models import ActionItem, ActionStatus, Indicator, Meeting, Plan, TaskForce

API_PREFIX = "coordination"
router = Router(tags=["koordinasi"])


class TaskForceOut(Schema):
    id: int
    organisation_id: int
    name: str
    kind: str
    level: str
    region_code: str | None
    is_active: bool


class TaskForcePage(Schema):
    items: list[TaskForceOut]
    next_cursor: str | None


class MeetingOut(Schema):
    id: int
    task_force_id: int
    date: dt.date
    place: str
    agenda: str
    minutes: str
    attendee_ids: list[int]


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class MeetingIn(Schema):
    date: v.EventDate
    place: Annotated[str, v.name(200)] = ""
    agenda: Annotated[str, v.text(300, min_length=1)]
    minutes: Annotated[str, v.text(20000)] = Field("", description="Jangan menulis identitas korban di notulen.")
    attendee_ids: list[Annotated[int, v.integer()]] = Field(default_factory=list, max_length=100)


class ActionOut(Schema):
    id: int
    task_force_id: int
    meeting_id: int | None
    description: str
    owner_org_id: int | None
    owner_name: str
    due_date: dt.date | None
    status: str


class ActionPage(Schema):
    items: list[ActionOut]
    next_cursor: str | None


class ActionFilters(Schema):
    status: Annotated[str, v.text(10)] = ""
    sort: Sort = Field("id", description="id; `-` di depan: menurun")
    limit: Limit = 50
    cursor: Cursor = ""


class ActionIn(Schema):
    meeting_id: Annotated[int, v.integer()] | None = None
    description: Annotated[str, v.text(300, min_length=1)]
    owner_org_id: Annotated[int, v.integer()] | None = None
    owner_name: Annotated[str, v.name(120)] = ""
    due_date: v.PlanDate | None = None


class StatusIn(Schema):
    status: Annotated[str, v.text(10)]


class PlanOut(Schema):
    id: int
    organisation_id: int
    title: str
    legal_basis: str
    region_code: str | None
    start_year: int
    end_year: int


class PlanPage(Schema):
    items: list[PlanOut]
    next_cursor: str | None


class CellOut(Schema):
    year: int
    target: Decimal | None
    actual: Decimal | None
    expected: Decimal | None
    status: str = Field(..., description="on_track, behind, no_data")


class IndicatorOut(Schema):
    id: int
    programme: str
    activity: str
    name: str
    unit: str
    baseline: Decimal | None
    source: str
    responsible_id: int | None
    cells: list[CellOut]


class PlanDetailOut(PlanOut):
    indicators: list[IndicatorOut]


class ValueIn(Schema):
    value: Amount


class RealisationIn(Schema):
    value: Amount
    evidence: Annotated[str, v.text(5000)] = ""


class ValueOut(Schema):
    indicator_id: int
    year: int
    value: Decimal


Year = Annotated[int, v.integer(1940, 2100, strict=False)]


def _tf(t: TaskForce) -> dict[str, Any]:
    return {"id": t.pk, "organisation_id": t.organisation_id, "name": t.name, "kind": t.kind, "level": t.level,
            "region_code": t.region_id, "is_active": t.is_active}


def _meeting(m: Meeting) -> dict[str, Any]:
    return {"id": m.pk, "task_force_id": m.task_force_id, "date": m.date, "place": m.place, "agenda": m.agenda,
            "minutes": m.minutes, "attendee_ids": sorted(o.pk for o in m.attendees.all())}


def _action(a: ActionItem) -> dict[str, Any]:
    return {"id": a.pk, "task_force_id": a.task_force_id, "meeting_id": a.meeting_id, "description": a.description,
            "owner_org_id": a.owner_org_id, "owner_name": a.owner_name, "due_date": a.due_date, "status": a.status}


def _plan(p: Plan) -> dict[str, Any]:
    return {"id": p.pk, "organisation_id": p.organisation_id, "title": p.title, "legal_basis": p.legal_basis,
            "region_code": p.region_id, "start_year": p.start_year, "end_year": p.end_year}


@router.get("/taskforces", response=TaskForcePage, url_name="api_coordination_taskforces")
@require_scope("coordination:read")
def taskforce_list(request: HttpRequest, sort: Sort = "name", limit: Limit = 50, cursor: Cursor = "") -> dict[str, Any]:
    """Gugus tugas (P2TP2A, Satgas, forum) yang Anda kelola atau ikuti. Urutan: name, created_at."""
    access.check(request.user, "coordination.use")
    rows, nxt = page(access.visible(request.user, TaskForce), sort=sort, keys={"name": "name", "created_at": "created_at"},
                     default="name", limit=limit, cursor=cursor)
    return {"items": [_tf(t) for t in rows], "next_cursor": nxt}


@router.get("/taskforces/{tf_id}/meetings", response=MeetingPage, url_name="api_coordination_meetings")
@require_scope("coordination:read")
def meeting_list(request: HttpRequest, tf_id: Id, sort: Sort = "-date", limit: Limit = 50, cursor: Cursor = "") -> dict[str, Any]:
    """Rapat sebuah gugus tugas. Urutan: date."""
    tf = access.get_or_404(request.user, TaskForce, "view", pk=tf_id)
    rows, nxt = page(api_selectors.meetings(tf), sort=sort, keys={"date": "date"}, default="-date", limit=limit, cursor=cursor)
    return {"items": [_meeting(m) for m in rows], "next_cursor": nxt}


@router.post("/taskforces/{tf_id}/meetings", response={201: MeetingOut}, url_name="api_coordination_meeting_create")
@require_scope("coordination:write")
def meeting_create(request: HttpRequest, tf_id: Id, payload: MeetingIn) -> tuple[int, dict[str, Any]]:
    """Catat rapat (sekretariat gugus tugas)."""
    tf = access.get_or_404(request.user, TaskForce, "edit", pk=tf_id)
    data = payload.dict()
    ids = set(data.pop("attendee_ids"))
    orgs = api_selectors.organisations(ids)
    if len(orgs) != len(ids):
        raise ValidationError({"attendee_ids": [_("Organisasi tidak dikenal.")]})
    data["attendees"] = orgs
    meeting = services.meeting_save(actor=request.user, task_force=tf, data=data)
    return 201, _meeting(meeting)


@router.get("/taskforces/{tf_id}/actions", response=ActionPage, url_name="api_coordination_actions")
@require_scope("coordination:read")
def action_list(request: HttpRequest, tf_id: Id, filters: Query[ActionFilters]) -> dict[str, Any]:
    """Tindak lanjut sebuah gugus tugas. Saring: `status`."""
    tf = access.get_or_404(request.user, TaskForce, "view", pk=tf_id)
    rows, nxt = page(api_selectors.actions(tf, status=filters.status), sort=filters.sort, keys={"id": "pk"},
                     default="id", limit=filters.limit, cursor=filters.cursor)
    return {"items": [_action(a) for a in rows], "next_cursor": nxt}


@router.post("/taskforces/{tf_id}/actions", response={201: ActionOut}, url_name="api_coordination_action_create")
@require_scope("coordination:write")
def action_create(request: HttpRequest, tf_id: Id, payload: ActionIn) -> tuple[int, dict[str, Any]]:
    """Catat tindak lanjut (dari rapat bila `meeting_id` diisi)."""
    tf = access.get_or_404(request.user, TaskForce, "edit", pk=tf_id)
    data = payload.dict()
    meeting = None
    if data.get("meeting_id"):
        meeting = api_selectors.meetings(tf).filter(pk=data["meeting_id"]).first()
        if meeting is None:
            raise ValidationError({"meeting_id": [_("Rapat bukan dari gugus tugas ini.")]})
    data.pop("meeting_id", None)
    owner = data.pop("owner_org_id", None)
    if owner is not None:
        orgs = api_selectors.organisations({owner})
        if not orgs:
            raise ValidationError({"owner_org_id": [_("Organisasi tidak dikenal.")]})
        data["owner_org"] = orgs[0]
    return 201, _action(services.action_add(actor=request.user, task_force=tf, data=data, meeting=meeting))


@router.post("/actions/{action_id}/status", response=ActionOut, url_name="api_coordination_action_status")
@require_scope("coordination:write")
def action_status(request: HttpRequest, action_id: Id, payload: StatusIn) -> dict[str, Any]:
    """Ubah status tindak lanjut (sekretariat atau kepala/admin organisasi penanggung jawab)."""
    item = access.get_or_404(request.user, ActionItem.objects.select_related("task_force"), "view", pk=action_id)
    if payload.status not in ActionStatus.values:
        raise ValidationError({"status": [_("Nilai tidak dikenal.")]})
    return _action(services.action_set_status(actor=request.user, item=item, status=payload.status))


@router.get("/plans", response=PlanPage, url_name="api_coordination_plans")
@require_scope("coordination:read")
def plan_list(request: HttpRequest, sort: Sort = "-start_year", limit: Limit = 50, cursor: Cursor = "") -> dict[str, Any]:
    """Rencana Aksi Daerah yang laporannya boleh Anda baca. Urutan: start_year, title."""
    access.check(request.user, "coordination.use")
    rows, nxt = page(access.visible(request.user, Plan, "progress"), sort=sort, keys={"start_year": "start_year", "title": "title"},
                     default="-start_year", limit=limit, cursor=cursor)
    return {"items": [_plan(p) for p in rows], "next_cursor": nxt}


@router.get("/plans/{plan_id}", response=PlanDetailOut, url_name="api_coordination_plan")
@require_scope("coordination:read")
def plan_detail(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    """Kemajuan RAD: tiap indikator dengan target, realisasi (dihitung atau diisi), harapan pro-rata
    tahun berjalan dan status per tahun rencana. Hanya agregat."""
    plan = access.get_or_404(request.user, Plan, "progress", pk=plan_id)
    rows = selectors.progress(plan=plan)
    return {
        **_plan(plan),
        "indicators": [
            {
                "id": r.indicator.pk, "programme": r.programme, "activity": r.activity, "name": r.indicator.name,
                "unit": r.indicator.unit, "baseline": r.indicator.baseline, "source": r.indicator.source,
                "responsible_id": r.indicator.responsible_id,
                "cells": [{"year": c.year, "target": c.target, "actual": c.actual, "expected": c.expected, "status": c.status} for c in r.cells],
            }
            for r in rows
        ],
    }


def _indicator(request: HttpRequest, pk: int, action: str) -> Indicator:
    return access.get_or_404(request.user, Indicator.objects.select_related("activity__programme__plan", "responsible"), action, pk=pk)


@router.put("/indicators/{indicator_id}/targets/{year}", response=ValueOut, url_name="api_coordination_target_set")
@require_scope("coordination:write")
def target_set(request: HttpRequest, indicator_id: Id, year: Year, payload: ValueIn) -> dict[str, Any]:
    """Tetapkan target indikator untuk satu tahun rencana (pemilik rencana)."""
    ind = _indicator(request, indicator_id, "edit")
    t = services.target_set(actor=request.user, indicator=ind, year=year, value=payload.value)
    return {"indicator_id": ind.pk, "year": t.year, "value": t.value}


@router.put("/indicators/{indicator_id}/realisations/{year}", response=ValueOut, url_name="api_coordination_realisation_set")
@require_scope("coordination:write")
def realisation_set(request: HttpRequest, indicator_id: Id, year: Year, payload: RealisationIn) -> dict[str, Any]:
    """Isi realisasi indikator manual untuk satu tahun (pemilik rencana atau organisasi penanggung jawab)."""
    ind = _indicator(request, indicator_id, "realise")
    r = services.realisation_set(actor=request.user, indicator=ind, year=year, value=payload.value, evidence=payload.evidence)
    return {"indicator_id": ind.pk, "year": r.year, "value": r.value}
