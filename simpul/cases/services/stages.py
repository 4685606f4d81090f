"""Stages of case work, approvals (plan, termination) and reopening."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.core import AccessDenied
from simpul.audit.services import record
from simpul.cases.models import (
    OPEN_REFERRAL_STATUSES,
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Case,
    CaseNote,
    Stage,
    Status,
)
from simpul.cases.rules import APPROVAL_MOVES
from simpul.cases.writes import _bump, _event, _touch, _validate_choice

# --- Stages, approvals, reopen ------------------------------------------------------------

# Allowed forward moves; going back one stage is allowed too (e.g. re-assess).
_NEXT: dict[str, set[str]] = {
    Stage.PENGADUAN: {Stage.IDENTIFIKASI},
    Stage.IDENTIFIKASI: {Stage.ASESMEN},
    Stage.ASESMEN: {Stage.RENCANA_INTERVENSI},
    Stage.RENCANA_INTERVENSI: set(),  # only through an approved plan
    Stage.PELAKSANAAN: {Stage.PEMANTAUAN},
    Stage.PEMANTAUAN: {Stage.PELAKSANAAN},
    Stage.TERMINASI: set(),  # only through an approved termination
}


def next_stages(stage: str) -> list[Stage]:
    """The stages a case in ``stage`` may move to directly (forward; back one stage is also allowed)."""
    return [s for s in Stage if s.value in _NEXT.get(stage, set())]


def open_referrals(case: Case) -> int:
    return case.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).count()


@transaction.atomic
def case_move(*, actor: Any, case: Case, to: str, expected_version: int | None = None) -> Case:
    access.check(actor, "move", case)
    _validate_choice(to, Stage, "stage")
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup; buka kembali dahulu."))
    if to not in _NEXT.get(case.stage, set()):
        if to == Stage.PELAKSANAAN and case.stage == Stage.RENCANA_INTERVENSI:
            raise ValidationError(_("Rencana intervensi harus disetujui kepala atau manajer kasus."))
        if to == Stage.TERMINASI:
            raise ValidationError(_("Terminasi harus diajukan dan disetujui kepala atau manajer kasus."))
        raise ValidationError(_("Perpindahan tahap dari %(a)s ke %(b)s tidak diizinkan.") % {"a": Stage(case.stage).label, "b": Stage(to).label})
    if to == Stage.RENCANA_INTERVENSI and not case.assessments.exists():
        raise ValidationError(_("Isi asesmen sebelum menyusun rencana intervensi."))
    old = case.stage
    case.stage = to
    _bump(case, expected_version, ["stage"])
    _event(case, actor, "stage.move", **{"from": old, "to": to})
    record("case.move", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"from": old, "to": to})
    return case


@transaction.atomic
def approval_request(
    *, actor: Any, case: Case, kind: str, content: str, open_referrals_reason: str = ""
) -> Approval:
    """Ask for approval of the intervention plan or the termination."""
    access.check(actor, "plan" if kind == ApprovalKind.PLAN else "move", case)
    _validate_choice(kind, ApprovalKind, "kind")
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup."))
    if not (content or "").strip():
        raise ValidationError({"content": _("Isian ini wajib diisi.")})
    if case.approvals.filter(kind=kind, status=ApprovalStatus.REQUESTED).exists():
        raise ValidationError(_("Sudah ada permintaan persetujuan yang menunggu."))
    if kind == ApprovalKind.PLAN and case.stage != Stage.RENCANA_INTERVENSI:
        raise ValidationError(_("Rencana intervensi diajukan pada tahap rencana intervensi."))
    if kind == ApprovalKind.TERMINATION:
        if case.stage not in {Stage.PELAKSANAAN, Stage.PEMANTAUAN}:
            raise ValidationError(_("Terminasi diajukan setelah pelaksanaan intervensi."))
        if open_referrals(case) and not (open_referrals_reason or "").strip():
            raise ValidationError({"open_referrals_reason": _("Masih ada rujukan terbuka: tuliskan alasan terminasi tetap dilakukan.")})
    approval = Approval.objects.create(
        case=case, kind=kind, requested_by=actor, content=content, open_referrals_reason=open_referrals_reason or None
    )
    _touch(case)
    _event(case, actor, "approval.request", kind=kind, approval=approval.pk)
    record("case.approval_request", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["content"], extra={"kind": kind, "approval": approval.pk})
    return approval


@transaction.atomic
def approval_decide(*, actor: Any, approval: Approval, approve: bool, note: str = "") -> Approval:
    """Approve or reject. The requester cannot approve their own request."""
    approval = Approval.objects.select_for_update(no_key=True, of=("self",)).select_related("case").get(pk=approval.pk)
    case = approval.case
    if not access.can(actor, "view", case):
        from django.http import Http404

        raise Http404()
    if approval.requested_by_id == getattr(actor, "pk", None):
        raise AccessDenied(_("Persetujuan tidak boleh oleh pengaju sendiri."))
    access.check(actor, "decide", approval)
    if approval.status != ApprovalStatus.REQUESTED:
        raise ValidationError(_("Permintaan ini sudah diputuskan."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    approval.decision_note = note or None
    approval.save()
    case = Case.objects.select_for_update(no_key=True).get(pk=case.pk)
    if approve:
        old = case.stage
        if approval.kind == ApprovalKind.PLAN:
            case.stage = APPROVAL_MOVES[approval.kind]
            _bump(case, None, ["stage"])
        else:
            if open_referrals(case) and not approval.open_referrals_reason:
                raise ValidationError(_("Masih ada rujukan terbuka tanpa alasan tertulis."))
            case.stage = APPROVAL_MOVES[approval.kind]
            case.status = Status.CLOSED
            case.closed_at = timezone.now()
            _bump(case, None, ["stage", "status", "closed_at"])
        _event(case, actor, "stage.move", **{"from": old, "to": case.stage, "approval": approval.pk})
    else:
        _touch(case)
    _event(case, actor, "approval.decide", kind=approval.kind, approved=approve, approval=approval.pk)
    record("case.approval_decide", actor=actor, obj=case, organisation_id=case.organisation_id, extra={"kind": approval.kind, "approved": approve, "approval": approval.pk})
    return approval


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, reason: str) -> Case:
    access.check(actor, "reopen", case)
    if case.is_open:
        raise ValidationError(_("Kasus masih terbuka."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan membuka kembali.")})
    case.status = Status.OPEN
    case.closed_at = None
    case.stage = Stage.ASESMEN
    _bump(case, None, ["status", "closed_at", "stage"])
    note = CaseNote.objects.create(case=case, author=actor, text=_("Dibuka kembali: %(r)s") % {"r": reason})
    _event(case, actor, "case.reopen", note=note.pk)
    record("case.reopen", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["reason"])
    return case
