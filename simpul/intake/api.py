"""Intake API: complaints from other systems (hotline, SAPA 129 forward), scoped reads, and a
signed webhook for a WhatsApp/SMS gateway. See docs/intake.md."""


import datetime as dt
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.api.errors import ErrorOut, is_json
from simpul.cases.api import CaseRowOut, case_row
from simpul.intake import selectors, services
from simpul.intake.models import Channel, ForWhom, Report, YesNoUnknown
from simpul.regions.models import Region

router = Router(tags=["pengaduan"])
API_PREFIX = "intake"


class ReportIn(Schema):
    story: Annotated[str, v.text(20000, min_length=1)] = Field(..., description="Kronologi (dienkripsi)")
    channel: Annotated[str, v.text(20)] = Field(Channel.API, description="Kanal: " + ", ".join(c for c in Channel.values if c not in ("portal", "lapangan")))
    region_code: Annotated[str, v.text(13)] | None = Field(None, description="Kode wilayah kejadian (mis. 63.06 atau 63.06.05.2001)")
    received_at: v.EventDateTime | None = Field(None, description="Waktu diterima (sejak 1940, paling lambat besok)")
    external_ref: Annotated[str, v.name(80)] = Field("", description="Nomor tiket di sistem pengirim")
    reporter_name: Annotated[str, v.name(120)] | None = None
    reporter_phone: Annotated[str, v.name(32)] | None = None
    anonymous: v.Bool = False
    do_not_contact: v.Bool = False
    for_whom: Annotated[str, v.text(20)] = ""
    victim_is_child: Annotated[str, v.text(20)] = ""
    victim_name: Annotated[str, v.name(120)] | None = None
    location_text: Annotated[str, v.text(500)] | None = None


class ReportOut(Schema):
    id: uuid.UUID
    tracking_code: str
    status: str
    channel: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    organisation_id: int | None
    region_code: str | None
    jenis_kasus: str
    risk: str
    kewenangan: str
    flag_pusat: bool
    external_ref: str


class ReportDetailOut(ReportOut):
    story: str | None
    location_text: str | None
    reporter_name: str | None
    reporter_contact: str | None
    victim_name: str | None
    anonymous: bool
    do_not_contact: bool
    for_whom: str
    victim_is_child: str
    period: str


class ListOut(Schema):
    count: int
    items: list[ReportOut]


def _out(r: Report) -> dict[str, Any]:
    return {
        "id": r.uid, "tracking_code": r.display_code, "status": r.status, "channel": r.channel,
        "received_at": r.received_at, "due_at": r.due_at, "organisation_id": r.organisation_id,
        "region_code": r.region_id, "jenis_kasus": r.jenis_kasus, "risk": r.risk, "kewenangan": r.kewenangan,
        "flag_pusat": r.flag_pusat, "external_ref": r.external_ref,
    }


@router.post("", response={200: ReportOut, 201: ReportOut}, url_name="intake_create")
@require_scope("intake:create")
def intake_create(request: HttpRequest, payload: ReportIn) -> tuple[int, dict[str, Any]]:
    """Kirim pengaduan dari sistem lain. Header `Idempotency-Key` (disarankan): pengiriman ulang
    dengan kunci yang sama mengembalikan pengaduan yang sama (HTTP 200, bukan 201)."""
    errors: dict[str, str] = {}
    if payload.channel not in Channel.values or payload.channel in (Channel.PORTAL, Channel.LAPANGAN):
        errors["channel"] = _("Kanal tidak dikenal.")
    if payload.region_code and not Region.objects.filter(code=payload.region_code).exists():
        errors["region_code"] = _("Kode wilayah tidak dikenal.")
    if payload.for_whom and payload.for_whom not in ForWhom.values:
        errors["for_whom"] = _("Nilai tidak dikenal.")
    if payload.victim_is_child and payload.victim_is_child not in YesNoUnknown.values:
        errors["victim_is_child"] = _("Nilai tidak dikenal.")
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 100:
        errors["Idempotency-Key"] = _("Kunci terlalu panjang (maks. 100 karakter).")
    if errors:
        raise ValidationError(errors)
    data: dict[str, Any] = {
        "channel": payload.channel, "story": payload.story.strip(), "region_id": payload.region_code or None,
        "external_ref": payload.external_ref, "reporter_name": payload.reporter_name or None,
        "reporter_contact": payload.reporter_phone or None, "anonymous": payload.anonymous,
        "do_not_contact": payload.do_not_contact, "for_whom": payload.for_whom,
        "victim_is_child": payload.victim_is_child, "victim_name": payload.victim_name or None,
        "location_text": payload.location_text or None,
    }
    if payload.received_at:
        data["received_at"] = payload.received_at
    report, created = services.report_api_create(actor=request.user, data=data, idempotency_key=key)
    return (201 if created else 200), _out(report)


@router.get("", response=ListOut, url_name="intake_list")
@require_scope("intake:read")
def intake_list(request: HttpRequest, limit: Annotated[int, v.integer(1, 200, strict=False)] = 50, offset: v.Offset = 0, open_only: v.QueryBool = False) -> dict[str, Any]:
    """Pengaduan organisasi Anda (tanpa data identitas), yang paling mendesak dulu bila `open_only`."""
    access.check(request.user, "intake.queue")  # like the queue page: a role without a queue gets 403
    qs = selectors.queue(request.user, only_open=open_only)
    return {"count": qs.count(), "items": [_out(r) for r in qs[offset : offset + limit]]}


@router.get("/{uuid:report_id}", response=ReportDetailOut, url_name="intake_detail")
@require_scope("intake:read")
def intake_detail(request: HttpRequest, report_id: uuid.UUID) -> dict[str, Any]:
    """Satu pengaduan dengan isinya (dicatat di log audit). Pengaduan di luar kewenangan: 404."""
    r = selectors.report_for_officer(request.user, report_id, request=request)
    return {
        **_out(r), "story": r.story, "location_text": r.location_text, "reporter_name": r.reporter_name,
        "reporter_contact": r.reporter_contact, "victim_name": r.victim_name, "anonymous": r.anonymous,
        "do_not_contact": r.do_not_contact, "for_whom": r.for_whom, "victim_is_child": r.victim_is_child, "period": r.period,
    }


@router.post("/{uuid:report_id}/case", response={201: CaseRowOut}, url_name="intake_accept_as_case")
@require_scope("cases:write")
def intake_accept_as_case(request: HttpRequest, report_id: uuid.UUID) -> tuple[int, dict[str, Any]]:
    """Terima pengaduan sebagai kasus (pengaduan harus sudah ditriase); jawabannya kasus yang dibuat."""
    report = selectors.report_for_officer(request.user, report_id, audit_view=False)
    if report.organisation_id is None or not access.can(request.user, "case.open", report.organisation_id):
        raise Http404()
    case = services.report_accept_as_case(actor=request.user, report=report)
    return 201, case_row(case)


class WebhookIn(Schema):
    from_: Annotated[str, v.name(32)] = Field(..., alias="from", description="Nomor pengirim, mis. +62812...")
    message_id: Annotated[str, v.name(120)]
    text: Annotated[str, v.text(10000, min_length=1)]
    timestamp: Annotated[int, v.integer(0, 2**40)] | None = None


class WebhookOut(Schema):
    status: str
    tracking_code: str


@router.post(
    "/webhook/messages", auth=None, url_name="intake_webhook", include_in_schema=True,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": WebhookIn.model_json_schema(by_alias=True)}}}},
    response={200: WebhookOut, 401: ErrorOut, 409: ErrorOut, 415: ErrorOut, 422: ErrorOut, 503: ErrorOut},
)
def intake_webhook(request: HttpRequest) -> JsonResponse:
    """Gerbang WhatsApp/SMS. Badan JSON `{"from": "+62...", "message_id": "...", "text": "...", "timestamp": 1700000000}`;
    header `X-Simpul-Timestamp` (detik Unix) dan `X-Simpul-Signature` = hex HMAC-SHA256(rahasia, timestamp + "." + badan mentah).
    Ditolak bila rahasia belum diatur, tanda tangan salah, waktu lewat 5 menit, atau message_id sudah pernah diterima."""
    if not is_json(request.content_type or ""):
        return JsonResponse({"message": _("Kirim badan permintaan sebagai JSON (Content-Type: application/json).")}, status=415)
    try:
        services.webhook_verify(
            body=request.body,
            timestamp=request.headers.get("X-Simpul-Timestamp", ""),
            signature=request.headers.get("X-Simpul-Signature", ""),
        )
        payload = services.webhook_payload(request.body)
        for key, value in payload.items():
            if v.text_problem(value):
                raise services.WebhookRefused(422, f"{key} contains characters that are not allowed")
        outcome, report = services.webhook_receive(**payload)
    except services.WebhookRefused as exc:
        return JsonResponse({"message": str(exc)}, status=exc.status)
    return JsonResponse({"status": outcome, "tracking_code": report.display_code}, status=200)


