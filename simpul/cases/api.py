"""Cases and referrals over the API, scoped exactly like the pages (same selectors/services).

List rows carry masked identities only; the detail is audited like the case page."""


import datetime as dt
import uuid
from typing import Annotated, Any

import orjson
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.cases import selectors
from simpul.cases.models import Case
from simpul.cases.referrals.api import router as referrals_router

API_PREFIX = "cases"
router = Router(tags=["kasus"])


class VictimMasked(Schema):
    initials: str
    age_band: str
    sex: str
    nik: str


class CaseRowOut(Schema):
    id: uuid.UUID
    number: str
    organisation_id: int
    region: str
    kabupaten_code: str
    jenis_kasus: str
    risk: str
    kewenangan: str
    stage: str
    status: str
    reported_at: dt.date
    forms: list[str]
    victims: list[VictimMasked]
    overdue: bool
    version: int


class CaseListOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseRowOut]


class PartyOut(Schema):
    role: str
    full_name: str | None
    nik: str | None
    sex: str
    age_at_incident: int | None
    is_child: bool
    ampk_category: str
    abh_role: str
    unknown: bool


class IncidentOut(Schema):
    date: dt.date | None
    date_precision: str
    place: str
    region: str | None
    forms: list[str]
    chronology: str | None


class CaseDetailOut(CaseRowOut):
    summary: str | None
    flags: dict[str, bool]
    parties: list[PartyOut]
    incidents: list[IncidentOut]


class CaseFilters(Schema):
    queue: Annotated[str, v.text(20)] = "team"
    stage: Annotated[str, v.text(40)] = ""
    risk: Annotated[str, v.text(20)] = ""
    form: Annotated[str, v.text(40)] = ""
    region: Annotated[str, v.text(13)] = ""
    date_from: v.EventDate | None = None
    date_to: v.EventDate | None = None
    status: Annotated[str, v.text(20)] = "open"
    page: v.Page = 1
    page_size: Annotated[int, v.integer(1, 100, strict=False)] = 25


def case_row(c: Case, r: selectors.CaseRow | None = None) -> dict[str, Any]:
    """A case in the shape of :class:`CaseRowOut` (also answered by intake's accept-as-case endpoint)."""
    return {
        "id": c.uid,
        "number": c.number,
        "organisation_id": c.organisation_id,
        "region": c.region_id,
        "kabupaten_code": c.kabupaten_code,
        "jenis_kasus": c.jenis_kasus,
        "risk": c.risk,
        "kewenangan": c.kewenangan,
        "stage": c.stage,
        "status": c.status,
        "reported_at": c.reported_at,
        "forms": r.forms if r else [],
        "victims": r.victims if r else [],
        "overdue": r.overdue if r else False,
        "version": c.version,
    }


def _check_list(request: HttpRequest) -> None:
    access.check(request.user, "cases.list")


@router.get("", response=CaseListOut, url_name="api_cases_list")
@require_scope("cases:read")
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> HttpResponse:
    """Daftar kasus yang boleh dilihat pemanggil (identitas disamarkan), tersaring dan berhalaman."""
    _check_list(request)
    f = selectors.Filters.from_query({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in filters.dict().items() if v is not None})
    count, ids, rows = selectors.list_values(
        request.user, queue=filters.queue, filters=f, offset=(filters.page - 1) * filters.page_size, limit=filters.page_size
    )
    selectors.audit_list_view(request.user, [], request=request, action="case.list_api", case_ids=ids)
    # The rows are already plain JSON values in the documented shape (CaseListOut; a test validates
    # responses against it): skipping per-row schema validation is what keeps a 100-row page cheap.
    body = orjson.dumps({"count": count, "page": filters.page, "page_size": filters.page_size, "results": rows})
    return HttpResponse(body, content_type="application/json")


@router.get("/{case_id}", response=CaseDetailOut, url_name="api_case_detail")
@require_scope("cases:read")
def case_detail(request: HttpRequest, case_id: uuid.UUID) -> dict[str, Any]:
    """Rincian kasus (tercatat di audit sebagai case.view)."""
    case = access.get_or_404(request.user, Case.objects.select_related("region"), "view", uid=case_id)
    detail = selectors.case_detail(request.user, case, request=request)
    rows = selectors.list_rows(Case.objects.filter(pk=case.pk))
    out = case_row(case, rows[0])
    out.update(
        summary=case.summary,
        flags={k: getattr(case, k) for k in ("flag_child_sexual_abuse", "flag_intimate_partner", "flag_pkdrt", "flag_child_marriage")},
        parties=[
            {
                "role": p.role,
                "full_name": p.person.full_name,
                "nik": p.person.nik,
                "sex": p.person.sex,
                "age_at_incident": p.age_at_incident,
                "is_child": p.is_child,
                "ampk_category": p.ampk_category,
                "abh_role": p.abh_role,
                "unknown": p.unknown,
            }
            for p in detail["parties"]
        ],
        incidents=[
            {"date": i.date, "date_precision": i.date_precision, "place": i.place, "region": i.region_id, "forms": [f.form for f in i.forms.all()], "chronology": i.chronology}
            for i in detail["incidents"]
        ],
    )
    return out


# Referral endpoints (simpul/cases/referrals/api.py) under the same prefix.
router.add_router("", referrals_router)
