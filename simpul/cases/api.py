"""Cases and referrals over the API, scoped exactly like the pages (same selectors/services).

List rows carry masked identities only; the detail is audited like the case page."""


import datetime as dt
import uuid
from typing import Annotated, Any

import orjson
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from simpul import access
from simpul.api.auth import require_scope
from simpul.cases import selectors, services
from simpul.cases.models import Case, Referral
from simpul.core import validators as v

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


class FromReportIn(Schema):
    report_id: uuid.UUID


class ReferralOut(Schema):
    id: uuid.UUID
    case_number: str
    from_org_id: int
    to_org_id: int
    service_type: str
    status: str
    shared_sets: list[str]
    due_date: dt.date
    overdue: bool
    without_consent: bool
    is_escalation: bool
    sent_at: dt.datetime


class ReferralIn(Schema):
    to_org_id: Annotated[int, v.integer()]
    service_type: Annotated[str, v.text(40)]
    shared_sets: list[Annotated[str, v.text(40)]] = Field(..., max_length=20)
    reason: Annotated[str, v.text(5000, min_length=1)]
    due_date: v.PlanDate
    override_basis: Annotated[str, v.text(40)] = ""
    override_reason: Annotated[str, v.text(5000)] = ""


class RespondIn(Schema):
    accept: v.Bool
    reason: Annotated[str, v.text(5000)] = ""


def _row(c: Case, r: selectors.CaseRow | None = None) -> dict[str, Any]:
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


def _ref(r: Referral) -> dict[str, Any]:
    return {
        "id": r.uid,
        "case_number": r.case.number,
        "from_org_id": r.from_org_id,
        "to_org_id": r.to_org_id,
        "service_type": r.service_type,
        "status": r.status,
        "shared_sets": r.shared_sets,
        "due_date": r.due_date,
        "overdue": selectors.referral_is_overdue(r),
        "without_consent": r.without_consent,
        "is_escalation": r.is_escalation,
        "sent_at": r.sent_at,
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


@router.post("", response={201: CaseRowOut}, url_name="api_cases_create")
@require_scope("cases:write")
def case_create_from_report(request: HttpRequest, payload: FromReportIn) -> tuple[int, dict[str, Any]]:
    """Buat kasus dari pengaduan (intake) yang boleh diputuskan pemanggil."""
    try:
        from simpul.intake.models import Report
    except ImportError as exc:  # pragma: no cover - intake is installed
        raise Http404() from exc
    report = Report.objects.filter(uid=payload.report_id).select_related("organisation").first()
    if report is None or report.organisation_id is None or not access.can(request.user, "case.open", report.organisation_id):
        raise Http404()
    try:
        from simpul.intake import services as intake_services

        case = intake_services.report_accept_as_case(actor=request.user, report=report)
    except (ImportError, AttributeError):  # pragma: no cover
        case = services.case_open_from_report(actor=request.user, report=report)
    return 201, _row(case)


@router.get("/referrals/incoming", response=list[ReferralOut], url_name="api_referrals_incoming")
@require_scope("referrals:read")
def referrals_incoming(request: HttpRequest, status: Annotated[str, v.text(20)] = "") -> list[dict[str, Any]]:
    """Rujukan yang ditujukan ke organisasi pemanggil (mitra)."""
    access.check(request.user, "referrals.inbox")
    qs = access.visible(request.user, Referral, "view_shared").select_related("case")
    if status:
        qs = qs.filter(status=status)
    return [_ref(r) for r in qs.order_by("-sent_at")[:200]]


@router.post("/referrals/{ref_id}/respond", response=ReferralOut, url_name="api_referral_respond")
@require_scope("referrals:write")
def referral_respond(request: HttpRequest, ref_id: uuid.UUID, payload: RespondIn) -> dict[str, Any]:
    """Terima atau tolak rujukan (penolakan wajib beralasan)."""
    ref = access.get_or_404(request.user, Referral.objects.select_related("case"), "respond", uid=ref_id)
    ref = services.referral_respond(actor=request.user, referral=ref, accept=payload.accept, reason=payload.reason)
    return _ref(ref)


@router.get("/{case_id}", response=CaseDetailOut, url_name="api_case_detail")
@require_scope("cases:read")
def case_detail(request: HttpRequest, case_id: uuid.UUID) -> dict[str, Any]:
    """Rincian kasus (tercatat di audit sebagai case.view)."""
    case = access.get_or_404(request.user, Case.objects.select_related("region"), "view", uid=case_id)
    detail = selectors.case_detail(request.user, case, request=request)
    rows = selectors.list_rows(Case.objects.filter(pk=case.pk))
    out = _row(case, rows[0])
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


@router.get("/{case_id}/referrals", response=list[ReferralOut], url_name="api_case_referrals")
@require_scope("referrals:read")
def case_referrals(request: HttpRequest, case_id: uuid.UUID) -> list[dict[str, Any]]:
    """Rujukan sebuah kasus (sisi pengirim): status dan tenggat."""
    case = access.get_or_404(request.user, Case, "view", uid=case_id)
    return [_ref(r) for r in case.referrals.select_related("case").order_by("-sent_at")]


@router.post("/{case_id}/referrals", response={201: ReferralOut}, url_name="api_case_referral_create")
@require_scope("referrals:write")
def case_referral_create(request: HttpRequest, case_id: uuid.UUID, payload: ReferralIn) -> tuple[int, dict[str, Any]]:
    """Rujuk kasus ke mitra. Tanpa persetujuan tercatat wajib override_basis dan override_reason."""
    case = access.get_or_404(request.user, Case, "view", uid=case_id)
    to_org = services.referral_targets(case).filter(pk=payload.to_org_id).first()
    if to_org is None:
        raise ValidationError({"to_org_id": [_("Organisasi ini bukan mitra rujukan untuk wilayah kasus.")]})
    data = payload.dict()
    data.pop("to_org_id")
    ref = services.referral_create(actor=request.user, case=case, to_org=to_org, **data)
    return 201, _ref(ref)
