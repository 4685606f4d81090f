"""Referrals over the API (mounted under ``/api/v1/cases`` by :mod:`simpul.cases.api`): the
sending team's referrals of a case and new referrals; the partner's inbox and response."""

import datetime as dt
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.cases.models import Case, Referral
from simpul.cases.referrals import selectors, services

router = Router(tags=["kasus"])


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


@router.get("/referrals/incoming", response=list[ReferralOut], url_name="api_referrals_incoming")
@require_scope("referrals:read")
def referrals_incoming(request: HttpRequest, status: Annotated[str, v.text(20)] = "") -> list[dict[str, Any]]:
    """Rujukan yang ditujukan ke organisasi pemanggil (mitra)."""
    access.check(request.user, "referrals.inbox")
    return [_ref(r) for r in selectors.incoming(request.user, status=status)[:200]]


@router.post("/referrals/{ref_id}/respond", response=ReferralOut, url_name="api_referral_respond")
@require_scope("referrals:write")
def referral_respond(request: HttpRequest, ref_id: uuid.UUID, payload: RespondIn) -> dict[str, Any]:
    """Terima atau tolak rujukan (penolakan wajib beralasan)."""
    ref = selectors.referral_for_partner(request.user, ref_id)
    ref = services.referral_respond(actor=request.user, referral=ref, accept=payload.accept, reason=payload.reason)
    return _ref(ref)


@router.get("/{case_id}/referrals", response=list[ReferralOut], url_name="api_case_referrals")
@require_scope("referrals:read")
def case_referrals(request: HttpRequest, case_id: uuid.UUID) -> list[dict[str, Any]]:
    """Rujukan sebuah kasus (sisi pengirim): status dan tenggat."""
    case = access.get_or_404(request.user, Case, "view", uid=case_id)
    return [_ref(r) for r in selectors.referrals_of_case(case)]


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
