""""My work" and the supervisor's caseload for the home page (registered in apps.py).
Every count reads through the access layer, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul import access
from simpul.access.roles import Role
from simpul.cases.models import (
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Case,
    CaseAssignment,
    CaseTask,
    Referral,
    ReferralStatus,
    Risk,
    Stage,
    Status,
    TaskStatus,
)
from simpul.core.work import Panel, WorkItem

MANAGERS = (Role.KEPALA, Role.MANAJER_KASUS)
WORKERS = (Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING)
RECEIVERS = (Role.MITRA, Role.KEPALA, Role.MANAJER_KASUS)
GROUP = _("Kasus")
GROUP_REFERRALS = _("Rujukan")


def _list(query: str = "") -> str:
    return reverse("cases:list") + (f"?{query}" if query else "")


def _overdue_case_q(today: dt.date, ref: str = "pk") -> Q:
    return Q(Exists(CaseTask.objects.filter(case=OuterRef(ref), status=TaskStatus.OPEN, due_date__lt=today))) | Q(
        Exists(Referral.objects.filter(case=OuterRef(ref), status=ReferralStatus.SENT, due_date__lt=today))
    )


def my_work(actor: access.Actor) -> list[WorkItem]:
    items: list[WorkItem] = []
    today = timezone.localdate()
    uid = actor.user_id
    if actor.has_role(*WORKERS):
        # Through pk__in: the pendamping's scope is DISTINCT, which an aggregate would wrap.
        cases = Case.objects.filter(pk__in=access.visible(actor, Case, "list").values("pk"), status=Status.OPEN)
        mine = CaseAssignment.objects.filter(user_id=uid, ended_at__isnull=True).values("case_id")
        c = cases.aggregate(
            mine=Count("pk", distinct=True, filter=Q(pk__in=mine)),
            overdue=Count("pk", distinct=True, filter=_overdue_case_q(today)),
        )
        t = access.visible(actor, CaseTask, "view").filter(assignee_id=uid, status=TaskStatus.OPEN, due_date__lte=today).aggregate(
            due=Count("pk", filter=Q(due_date=today)), late=Count("pk", filter=Q(due_date__lt=today))
        )
        items += [
            WorkItem(_("kasus ditugaskan kepada saya"), c["mine"], _list("antrian=mine"), order=30, group=GROUP),
            WorkItem(_("tugas saya jatuh tempo hari ini"), t["due"], _list("antrian=mine"), order=31, group=GROUP),
            WorkItem(_("tugas saya terlambat"), t["late"], _list("antrian=overdue"), urgent=True, order=32, group=GROUP),
            WorkItem(_("kasus terlambat (tugas atau rujukan lewat tenggat)"), c["overdue"], _list("antrian=overdue"), urgent=True, order=33, group=GROUP),
        ]
    if actor.has_role(*MANAGERS):
        a = access.visible(actor, Approval, "decide").filter(status=ApprovalStatus.REQUESTED).aggregate(
            plan=Count("pk", filter=Q(kind=ApprovalKind.PLAN)), term=Count("pk", filter=Q(kind=ApprovalKind.TERMINATION))
        )
        unassigned = (
            access.visible(actor, Case, "assign").filter(status=Status.OPEN, risk=Risk.TINGGI)
            .exclude(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), ended_at__isnull=True))).count()
        )
        items += [
            WorkItem(_("rencana intervensi menunggu persetujuan"), a["plan"], _list("antrian=approval"), order=20, group=GROUP),
            WorkItem(_("terminasi menunggu persetujuan"), a["term"], _list("antrian=approval"), order=21, group=GROUP),
            WorkItem(_("kasus risiko tinggi tanpa pendamping"), unassigned, _list("risk=tinggi"), urgent=True, order=22, group=GROUP),
        ]
    if actor.has_role(*RECEIVERS):
        r = access.visible(actor, Referral, "view_shared").filter(status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED)).aggregate(
            new=Count("pk", filter=Q(status=ReferralStatus.SENT)),
            late=Count("pk", filter=Q(status=ReferralStatus.SENT, due_date__lt=today)),
            open=Count("pk", filter=Q(status=ReferralStatus.ACCEPTED)),
        )
        inbox = reverse("cases:inbox")
        items += [
            WorkItem(_("rujukan masuk menunggu tanggapan"), r["new"], f"{inbox}?status=sent", order=40, group=GROUP_REFERRALS),
            WorkItem(_("rujukan masuk melewati tenggat tanggapan"), r["late"], f"{inbox}?status=sent", urgent=True, order=41, group=GROUP_REFERRALS),
            WorkItem(_("rujukan masuk sedang ditangani"), r["open"], f"{inbox}?status=accepted", order=42, group=GROUP_REFERRALS),
        ]
    if actor.has_role(*WORKERS):
        week = timezone.now() - dt.timedelta(days=7)
        answered = access.visible(actor, Referral, "view").filter(
            responded_at__gte=week, status__in=(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED)
        ).count()
        items.append(WorkItem(_("rujukan keluar ditanggapi (7 hari terakhir)"), answered, _list(), order=43, group=GROUP_REFERRALS))
    return items


def caseload(actor: access.Actor) -> Panel | None:
    """For kepala and manajer_kasus: open cases per caseworker (with the overdue ones) and by stage."""
    if not actor.has_role(*MANAGERS):
        return None
    today = timezone.localdate()
    cases = access.visible(actor, Case, "assign").filter(status=Status.OPEN)
    per_worker = list(
        CaseAssignment.objects.filter(ended_at__isnull=True, is_lead=True, case__in=cases.values("pk"))
        .values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(n=Count("case_id", distinct=True), overdue=Count("case_id", distinct=True, filter=_overdue_case_q(today, "case_id")))
        .order_by("-n", "user__username")
    )
    stages = dict(cases.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    workers: list[dict[str, Any]] = [
        {"name": (f"{w['user__first_name']} {w['user__last_name']}".strip() or w["user__username"]), "n": w["n"], "overdue": w["overdue"]}
        for w in per_worker
    ]
    by_stage = [{"label": label, "n": stages.get(value, 0), "url": _list(f"stage={value}")} for value, label in Stage.choices if value != Stage.PENGADUAN]
    total = sum(stages.values())
    assigned = sum(w["n"] for w in workers)
    return Panel(
        _("Beban kerja tim"),
        "cases/_caseload.html",
        {"workers": workers, "stages": by_stage, "total": total, "unassigned": max(total - assigned, 0), "list_url": _list()},
        order=10,
    )


def register() -> None:
    from simpul.core import work

    work.register_work(my_work)
    work.register_panel(caseload)
