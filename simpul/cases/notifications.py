"""Who is told of what happens to cases and referrals (simpul/notify). Each resolver gets the
audit event of a service (ids only), reads the object and returns the recipients the access layer
lets see it. Registered in apps.py; run by the task worker."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from simpul.access.roles import Role
from simpul.audit.events import Event
from simpul.cases.models import Approval, Case, CaseAssignment, CaseTask, Referral, ReferralStatus, TaskStatus
from simpul.notify import registry
from simpul.notify.kinds import Kind
from simpul.notify.registry import Delivery, allowed, deliveries, members, users

MANAGERS = (Role.KEPALA, Role.MANAJER_KASUS)
RECEIVERS = (Role.MITRA, Role.KEPALA, Role.MANAJER_KASUS)


def _case_path(case: Case) -> str:
    return reverse("cases:detail", kwargs={"uid": case.uid})


def _int(value: object) -> int:
    """An id from an event (0, which no row has, when there is none)."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def assigned(event: Event) -> list[Delivery]:
    case = Case.objects.filter(pk=_int(event.object_id)).first()
    user_id = _int(event.extra.get("user"))
    if case is None or not user_id:
        return []
    assignment = CaseAssignment.objects.filter(case=case, user_id=user_id, ended_at__isnull=True).order_by("-pk").first()
    key = f"assignment:{assignment.pk if assignment else case.pk}"
    return deliveries(allowed(users([user_id]), "view", case), Kind.ASSIGNMENT, key, reference=case.number, path=_case_path(case))


def approval_requested(event: Event) -> list[Delivery]:
    approval = Approval.objects.select_related("case").filter(pk=_int(event.extra.get("approval"))).first()
    if approval is None:
        return []
    case = approval.case
    deciders = allowed(members([case.organisation_id], MANAGERS), "decide", approval)
    return deliveries(deciders, Kind.APPROVAL_REQUESTED, f"approval_requested:{approval.pk}", reference=case.number, path=_case_path(case))


def approval_decided(event: Event) -> list[Delivery]:
    approval = Approval.objects.select_related("case").filter(pk=_int(event.extra.get("approval"))).first()
    if approval is None or approval.requested_by_id is None:
        return []
    case = approval.case
    return deliveries(
        allowed(users([approval.requested_by_id]), "view", case), Kind.APPROVAL_DECIDED, f"approval_decided:{approval.pk}",
        reference=case.number, path=_case_path(case),
    )


def referral_received(event: Event) -> list[Delivery]:
    ref = Referral.objects.select_related("case").filter(pk=_int(event.object_id)).first()
    if ref is None:
        return []
    receivers = allowed(members([ref.to_org_id], RECEIVERS), "view_shared", ref)
    path = reverse("cases:referral_detail", kwargs={"uid": ref.uid})
    return deliveries(receivers, Kind.REFERRAL_RECEIVED, f"referral_received:{ref.pk}", reference=ref.case.number, path=path)


def _sender_side(ref: Referral) -> list[object]:
    """Who sent it and the case's current caseworkers, when they can still see the case."""
    ids = [ref.created_by_id, *CaseAssignment.objects.filter(case_id=ref.case_id, ended_at__isnull=True).values_list("user_id", flat=True)]
    return allowed(users(ids), "view", ref)


def referral_answered(event: Event) -> list[Delivery]:
    ref = Referral.objects.select_related("case").filter(pk=_int(event.object_id)).first()
    if ref is None:
        return []
    key = f"referral_answered:{ref.pk}:{event.action}"
    return deliveries(_sender_side(ref), Kind.REFERRAL_ANSWERED, key, reference=ref.case.number, path=_case_path(ref.case))


def referrals_overdue(now: dt.datetime) -> list[Delivery]:
    """Referrals still unanswered after their due date: the sender side, once per due date."""
    from django.utils import timezone

    today = timezone.localdate(now)
    found: list[Delivery] = []
    for ref in Referral.objects.filter(status=ReferralStatus.SENT, due_date__lt=today).select_related("case")[:500]:
        found += deliveries(
            _sender_side(ref), Kind.REFERRAL_OVERDUE, f"referral_overdue:{ref.pk}:{ref.due_date.isoformat()}",
            reference=ref.case.number, path=_case_path(ref.case),
        )
    return found


def tasks_due(now: dt.datetime) -> list[Delivery]:
    """Open tasks due today or overdue: their assignee, once per task and due date."""
    from django.utils import timezone

    today = timezone.localdate(now)
    found: list[Delivery] = []
    for task in CaseTask.objects.filter(status=TaskStatus.OPEN, due_date__lte=today, assignee__isnull=False).select_related("case", "assignee")[:1000]:
        found += deliveries(
            allowed([task.assignee], "view", task.case), Kind.TASK_DUE, f"task_due:{task.pk}:{task.due_date.isoformat()}",
            reference=task.case.number, path=_case_path(task.case),
        )
    return found


def register() -> None:
    registry.on("case.assign", assigned)
    registry.on("case.approval_request", approval_requested)
    registry.on("case.approval_decide", approval_decided)
    registry.on("referral.create", referral_received)
    for action in ("referral.accept", "referral.decline", "referral.complete"):
        registry.on(action, referral_answered)
    registry.register_scan(referrals_overdue)
    registry.register_scan(tasks_due)
