"""Monthly and yearly PDF reports for a kabupaten/kota or a province, built in the background
(requested through ``report_jobs.report_request``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.regions.models import Region
from simpul.stats import rules
from simpul.stats.models import ReportJob, ReportJobStatus, ReportKind
from simpul.stats.queries import Period, Scope


def report_build(job_id: int) -> str:
    from simpul.stats import selectors
    from simpul.stats.exports import report_pdf

    job = ReportJob.objects.get(pk=job_id)

    def progress(p: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(progress=min(99, p))

    ReportJob.objects.filter(pk=job.pk).update(status=ReportJobStatus.RUNNING, progress=5)
    try:
        period = (
            Period.month(job.year, job.month)
            if job.kind == ReportKind.MONTHLY and job.month
            else Period.year(job.year)
        )
        scope = Scope(job.region_code)
        owner = job.requested_by
        ctx = selectors.dashboard(owner, scope=scope, period=period, basis=rules.BASIS_REPORT)
        progress(30)
        name = (
            Region.objects.filter(code=job.region_code).values_list("name", flat=True).first()
            or job.region_code
        )
        title = (
            _("Laporan bulanan") if job.kind == ReportKind.MONTHLY else _("Laporan tahunan")
        ) + f": {name}"
        subtitle = _(
            "Periode %(p)s, %(b)s. Dibuat %(t)s oleh Simpul. Hanya angka agregat, tanpa data identitas."
        ) % {
            "p": period.label,
            "b": rules.BASES[rules.BASIS_REPORT],
            "t": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
        }
        pdf = report_pdf(title, subtitle, ctx, progress=progress)
        ReportJob.objects.filter(pk=job.pk).update(
            pdf=pdf, status=ReportJobStatus.DONE, progress=100, finished_at=timezone.now()
        )
        return "done"
    except Exception as exc:  # the job shows "failed" instead of spinning forever
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJobStatus.FAILED, error=type(exc).__name__[:200], finished_at=timezone.now()
        )
        raise
