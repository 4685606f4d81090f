"""Prevention over the API: activities, their counted participants by group, campaigns and reach.

Same rules as the pages (``prevention.use`` to list, ``view``/``edit`` per activity,
``prevention.manage`` to record, ``prevention.reach`` for the aggregates); every write goes
through ``simpul.prevention.services`` (which audits). Named attendee lists are not offered here.
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
from simpul.api.listing import Cursor, Limit, Sort, page
from simpul.prevention import api_selectors, selectors, services
from simpul.prevention.forms import region_choices
from simpul.prevention.models import Activity, AgeGroup, Campaign, Sex

API_PREFIX = "prevention"
router = Router(tags=["pencegahan"])


class CountOut(Schema):
    id: int
    group: str | None = Field(None, description="Kode kelompok peserta (null: tidak diketahui)")
    sex: str
    age_group: str
    count: int


class ActivityOut(Schema):
    id: uuid.UUID
    organisation_id: int
    title: str
    type: str
    main_topic: str
    start_date: dt.date
    end_date: dt.date
    venue: str
    region_code: str | None
    campaign_id: int | None
    participants_counted: int


class ActivityDetailOut(ActivityOut):
    description: str
    partner_ids: list[int]
    topics: list[str]
    counts: list[CountOut]


class ActivityPage(Schema):
    items: list[ActivityOut]
    next_cursor: str | None


class ActivityFilters(Schema):
    year: Annotated[int, v.integer(2000, 2100, strict=False)] | None = None
    type: Annotated[str, v.text(20)] = ""
    campaign_id: Annotated[int, v.integer(strict=False)] | None = None
    sort: Sort = Field("-start_date", description="start_date, title, created_at; `-` di depan: menurun")
    limit: Limit = 50
    cursor: Cursor = ""


class ActivityIn(Schema):
    organisation_id: Annotated[int, v.integer()] | None = Field(None, description="Penyelenggara (bila Anda mengelola lebih dari satu organisasi)")
    title: Annotated[str, v.name(250, min_length=1)]
    type: Annotated[str, v.text(20)]
    main_topic: Annotated[str, v.text(20)]
    start_date: v.PlanDate
    end_date: v.PlanDate
    venue: Annotated[str, v.name(200)] = ""
    region_code: Annotated[str, v.text(13)] | None = None
    campaign_id: Annotated[int, v.integer()] | None = None
    description: Annotated[str, v.text(20000)] = ""
    topics: list[Annotated[str, v.text(20)]] = Field(default_factory=list, max_length=10)


class ActivityPatch(Schema):
    title: Annotated[str, v.name(250, min_length=1)] | None = None
    type: Annotated[str, v.text(20)] | None = None
    main_topic: Annotated[str, v.text(20)] | None = None
    start_date: v.PlanDate | None = None
    end_date: v.PlanDate | None = None
    venue: Annotated[str, v.name(200)] | None = None
    region_code: Annotated[str, v.text(13)] | None = None
    campaign_id: Annotated[int, v.integer()] | None = None
    description: Annotated[str, v.text(20000)] | None = None
    topics: list[Annotated[str, v.text(20)]] | None = Field(None, max_length=10)


class CountIn(Schema):
    group: Annotated[str, v.text(40)] | None = Field(None, description="Kode kelompok peserta; null: tidak diketahui")
    sex: Annotated[str, v.text(1)] = "X"
    age_group: Annotated[str, v.text(6)] = "x"
    count: Annotated[int, v.integer(0, 1_000_000)]


class CampaignOut(Schema):
    id: int
    organisation_id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    yearly: bool
    description: str


class CampaignPage(Schema):
    items: list[CampaignOut]
    next_cursor: str | None


class CampaignIn(Schema):
    organisation_id: Annotated[int, v.integer()] | None = None
    name: Annotated[str, v.name(200, min_length=1)]
    start_date: v.PlanDate
    end_date: v.PlanDate
    yearly: v.Bool = False
    description: Annotated[str, v.text(20000)] = ""


class ReachRow(Schema):
    code: str
    label: str
    people: int


class ReachBreakdown(Schema):
    key: str
    title: str
    total: int
    rows: list[ReachRow]


class ReachOut(Schema):
    total: int
    activities: int
    breakdowns: list[ReachBreakdown]


class ReachFilters(Schema):
    start: v.PlanDate | None = None
    end: v.PlanDate | None = None
    campaign_id: Annotated[int, v.integer(strict=False)] | None = None
    topic: Annotated[str, v.text(20)] = ""
    type: Annotated[str, v.text(20)] = ""


def _out(a: Activity, counted: int | None = None) -> dict[str, Any]:
    return {
        "id": a.uid, "organisation_id": a.organisation_id, "title": a.title, "type": a.type, "main_topic": a.main_topic,
        "start_date": a.start_date, "end_date": a.end_date, "venue": a.venue, "region_code": a.region_id,
        "campaign_id": a.campaign_id,
        "participants_counted": int(counted if counted is not None else getattr(a, "n_counted", 0) or 0),
    }


def _detail(a: Activity) -> dict[str, Any]:
    counts = api_selectors.counts_of(a)
    return {
        **_out(a, sum(c.count for c in counts)), "description": a.description,
        "partner_ids": sorted(a.partners.values_list("pk", flat=True)),
        "topics": sorted(a.topic_rows.values_list("topic", flat=True)),
        "counts": [{"id": c.pk, "group": c.group.code if c.group else None, "sex": c.sex, "age_group": c.age_group, "count": c.count} for c in counts],
    }


def _organisation(actor: Any, org_id: int | None) -> Any:
    orgs = api_selectors.managed_organisations(actor)
    org = orgs.filter(pk=org_id).first() if org_id else orgs.first()
    if org is None:
        raise ValidationError({"organisation_id": [_("Anda tidak mengelola organisasi ini.")]})
    return org


def _refs(actor: Any, org: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """Region and campaign codes to objects, checked as the page's form checks them."""
    data = dict(payload)
    if "region_code" in data:
        code = data.pop("region_code")
        region = None
        if code:
            region = region_choices(org).filter(code=code).first()
            if region is None:
                raise ValidationError({"region_code": [_("Wilayah di luar wilayah kerja penyelenggara.")]})
        data["region"] = region
    if "campaign_id" in data:
        cid = data.pop("campaign_id")
        campaign = None
        if cid:
            campaign = api_selectors.campaigns(actor).filter(pk=cid).first()  # only a campaign the caller may see
            if campaign is None:
                raise ValidationError({"campaign_id": [_("Kampanye tidak dikenal.")]})
        data["campaign"] = campaign
    return data


@router.get("/activities", response=ActivityPage, url_name="api_prevention_activities")
@require_scope("prevention:read")
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]) -> dict[str, Any]:
    """Kegiatan pencegahan yang boleh dilihat pemanggil. Saring: `year`, `type`, `campaign_id`."""
    access.check(request.user, "prevention.use")
    qs = selectors.activities(actor=request.user, year=filters.year, type=filters.type, campaign_id=filters.campaign_id)
    rows, nxt = page(qs, sort=filters.sort, keys={"start_date": "start_date", "title": "title", "created_at": "created_at"},
                     default="-start_date", limit=filters.limit, cursor=filters.cursor)
    return {"items": [_out(a) for a in rows], "next_cursor": nxt}


@router.post("/activities", response={201: ActivityDetailOut}, url_name="api_prevention_activity_create")
@require_scope("prevention:write")
def activity_create(request: HttpRequest, payload: ActivityIn) -> tuple[int, dict[str, Any]]:
    """Catat kegiatan (kepala/admin penyelenggara)."""
    access.check(request.user, "prevention.manage")
    data = payload.dict()
    org = _organisation(request.user, data.pop("organisation_id"))
    activity = services.activity_create(actor=request.user, organisation=org, data=_refs(request.user, org, data))
    return 201, _detail(activity)


@router.get("/activities/{activity_id}", response=ActivityDetailOut, url_name="api_prevention_activity")
@require_scope("prevention:read")
def activity_detail(request: HttpRequest, activity_id: uuid.UUID) -> dict[str, Any]:
    """Satu kegiatan dengan jumlah peserta per kelompok, jenis kelamin dan umur (tanpa nama)."""
    activity = access.get_or_404(request.user, Activity.objects.select_related("organisation"), "view", uid=activity_id)
    return _detail(activity)


@router.patch("/activities/{activity_id}", response=ActivityDetailOut, url_name="api_prevention_activity_update")
@require_scope("prevention:write")
def activity_update(request: HttpRequest, activity_id: uuid.UUID, payload: ActivityPatch) -> dict[str, Any]:
    """Ubah kegiatan: hanya ruas yang dikirim yang diubah."""
    activity = access.get_or_404(request.user, Activity.objects.select_related("organisation"), "edit", uid=activity_id)
    data = payload.dict(exclude_unset=True)
    for key in ("title", "type", "main_topic", "start_date", "end_date"):
        if key in data and data[key] is None:
            raise ValidationError({key: [_("Isian ini wajib diisi.")]})
    activity = services.activity_update(actor=request.user, activity=activity, data=_refs(request.user, activity.organisation, data))
    return _detail(activity)


@router.put("/activities/{activity_id}/counts", response=ActivityDetailOut, url_name="api_prevention_count_set")
@require_scope("prevention:write")
def count_set(request: HttpRequest, activity_id: uuid.UUID, payload: CountIn) -> dict[str, Any]:
    """Tetapkan jumlah peserta untuk satu sel kelompok x jenis kelamin x umur (0 menghapus sel)."""
    activity = access.get_or_404(request.user, Activity, "edit", uid=activity_id)
    errors: dict[str, list[str]] = {}
    group = None
    if payload.group:
        group = api_selectors.active_group(payload.group)
        if group is None:
            errors["group"] = [_("Kelompok peserta tidak dikenal.")]
    if payload.sex not in Sex.values:
        errors["sex"] = [_("Nilai tidak dikenal.")]
    if payload.age_group not in AgeGroup.values:
        errors["age_group"] = [_("Nilai tidak dikenal.")]
    if errors:
        raise ValidationError(errors)
    services.count_set(actor=request.user, activity=activity, group=group, sex=payload.sex, age_group=payload.age_group, count=payload.count)
    return _detail(activity)


@router.get("/campaigns", response=CampaignPage, url_name="api_prevention_campaigns")
@require_scope("prevention:read")
def campaign_list(request: HttpRequest, sort: Sort = "-start_date", limit: Limit = 50, cursor: Cursor = "") -> dict[str, Any]:
    """Kampanye. Urutan: start_date, name."""
    access.check(request.user, "prevention.use")
    rows, nxt = page(api_selectors.campaigns(request.user), sort=sort, keys={"start_date": "start_date", "name": "name"},
                     default="-start_date", limit=limit, cursor=cursor)
    return {"items": [_campaign(c) for c in rows], "next_cursor": nxt}


def _campaign(c: Campaign) -> dict[str, Any]:
    return {"id": c.pk, "organisation_id": c.organisation_id, "name": c.name, "start_date": c.start_date,
            "end_date": c.end_date, "yearly": c.yearly, "description": c.description}


@router.post("/campaigns", response={201: CampaignOut}, url_name="api_prevention_campaign_create")
@require_scope("prevention:write")
def campaign_create(request: HttpRequest, payload: CampaignIn) -> tuple[int, dict[str, Any]]:
    """Buat kampanye (kepala/admin)."""
    access.check(request.user, "prevention.manage")
    data = payload.dict()
    org = _organisation(request.user, data.pop("organisation_id"))
    return 201, _campaign(services.campaign_create(actor=request.user, organisation=org, data=data))


@router.get("/reach", response=ReachOut, url_name="api_prevention_reach")
@require_scope("prevention:read")
def reach(request: HttpRequest, filters: Query[ReachFilters]) -> dict[str, Any]:
    """Jangkauan (orang) dengan rincian per kecamatan, topik, kelompok peserta, jenis kelamin, umur
    dan bulan, dalam wilayah kewenangan pemanggil; tiap rincian berjumlah sama dengan total."""
    access.check(request.user, "prevention.reach")
    result = selectors.reach(actor=request.user, start=filters.start, end=filters.end, campaign_id=filters.campaign_id,
                             topic=filters.topic, type=filters.type)
    return {
        "total": result.total, "activities": result.activities,
        "breakdowns": [
            {"key": b.key, "title": str(b.title), "total": b.total, "rows": [{"code": c, "label": str(lbl), "people": n} for c, lbl, n in b.rows]}
            for b in result.breakdowns
        ],
    }
