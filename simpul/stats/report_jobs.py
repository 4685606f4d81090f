"""Requests for the monthly and yearly PDF reports: validated, recorded, and handed to the
worker after commit (``tasks.report_build_task`` runs ``reports.report_build``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit.services import record
from simpul.stats.models import ReportJob, ReportKind
from simpul.stats.tasks import report_build_task


def report_request(
    *, actor: Any, kind: str, region_code: str, year: int, month: int | None = None
) -> ReportJob:
    """Queue a report (the task runs after commit; tests run it at once)."""
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Pilihan tidak valid.")})
    if not region_code or region_code.count(".") > 1:
        raise ValidationError({"region": _("Laporan dibuat untuk provinsi atau kabupaten/kota.")})
    access.check(actor, "stats.report", region_code)
    if kind == ReportKind.MONTHLY and not (month and 1 <= month <= 12):
        raise ValidationError({"month": _("Pilih bulan.")})
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=kind,
            region_code=region_code,
            year=year,
            month=month if kind == ReportKind.MONTHLY else None,
            requested_by=actor,
        )
        record(
            "stats.report_request",
            actor=actor,
            obj=job,
            fields=["kind", "region_code", "year", "month"],
            extra={"job": job.pk},
        )
        transaction.on_commit(lambda: report_build_task.enqueue(job.pk))
    return job
