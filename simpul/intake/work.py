""""My work" of the intake module for the home page (registered in apps.py): reports to triage,
overdue ones, reporters' messages waiting for an answer; a field reporter's open reports.
One query per group, through the access layer."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul import access
from simpul.core.work import WorkItem
from simpul.intake.models import OPEN_STATUSES, AuthorKind, Report, ReportMessage, Status

GROUP = _("Pengaduan")


def my_work(actor: access.Actor) -> list[WorkItem]:
    items: list[WorkItem] = []
    if access.can(actor, "intake.queue"):
        now = timezone.now()
        last_kind = ReportMessage.objects.filter(report=OuterRef("pk"), internal=False).order_by("-created_at", "-pk").values("author_kind")[:1]
        c = access.visible(actor, Report, "view").annotate(last_kind=Subquery(last_kind)).aggregate(
            new=Count("pk", filter=Q(status=Status.BARU)),
            late=Count("pk", filter=Q(status__in=OPEN_STATUSES, first_action_at__isnull=True, due_at__lt=now)),
            messages=Count("pk", filter=Q(last_kind=AuthorKind.PUBLIC)),
        )
        queue = reverse("intake:queue")
        items += [
            WorkItem(_("pengaduan baru menunggu triase"), c["new"], queue, order=10, group=GROUP),
            WorkItem(_("pengaduan melewati batas waktu respons"), c["late"], queue, urgent=True, order=11, group=GROUP),
            WorkItem(_("pesan pelapor belum dibalas"), c["messages"], reverse("intake:queue") + "?semua=1", order=12, group=GROUP),
        ]
    if access.can(actor, "intake.field_report"):
        mine = access.visible(actor, Report, "own").filter(status__in=OPEN_STATUSES).count()
        items.append(WorkItem(_("laporan saya masih diproses"), mine, reverse("intake:field_list"), order=15, group=GROUP))
    return items


def register() -> None:
    from simpul.core import work

    work.register_work(my_work)
