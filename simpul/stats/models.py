"""Summary tables of the statistics module. They hold counts only (no identity), are
maintained by ``simpul.stats.services`` and can be rebuilt from the case tables at any
time (``simpul stats rebuild``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFact(models.Model):
    """One row per case: where and when it counts (the cells it contributes to)."""

    case_id = models.BigIntegerField(unique=True)
    province_code = models.CharField(max_length=2)
    kabupaten_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    organisation_id = models.BigIntegerField(null=True)
    reported_at = models.DateField()
    incident_date = models.DateField(null=True)
    status = models.CharField(max_length=8)
    stage = models.CharField(max_length=20)

    class Meta:
        indexes = [
            models.Index(fields=["kabupaten_code", "status", "reported_at"], name="stats_fact_kab_status"),
            models.Index(fields=["province_code", "status", "reported_at"], name="stats_fact_prov_status"),
        ]


class SummaryCount(models.Model):
    """Count of one (unit, dimension, value) for one kabupaten/kota, period and date basis
    (``basis``: "r" = tanggal lapor, "i" = tanggal kejadian)."""

    basis = models.CharField(max_length=1)
    province_code = models.CharField(max_length=2)
    kabupaten_code = models.CharField(max_length=5)
    unit = models.CharField(max_length=10)
    dimension = models.CharField(max_length=24)
    value = models.CharField(max_length=40)
    count = models.IntegerField()

    class Meta:
        abstract = True


class MonthlyCount(SummaryCount):
    """One month (``month`` NULL when the incident date is unknown)."""

    month = models.DateField(null=True)

    class Meta:
        indexes = [
            # Covering: a dashboard's sums are read from the index alone (half the time at 1M cases).
            models.Index(
                fields=["basis", "province_code", "month", "unit", "dimension", "value", "count"],
                name="stats_monthly_prov_cover",
            ),
            models.Index(
                fields=["basis", "kabupaten_code", "month", "unit", "dimension", "value", "count"],
                name="stats_monthly_kab_cover",
            ),
            # One breakdown over many months (the trend: cases per month; the public tables).
            models.Index(
                fields=["basis", "unit", "dimension", "province_code", "month", "kabupaten_code", "value", "count"],
                name="stats_monthly_dim_cover",
            ),
        ]


class YearlyCount(SummaryCount):
    """``MonthlyCount`` summed over a calendar year (``year`` NULL: incident date unknown), kept by
    the same services in the same transactions. A province-year dashboard reads a twelfth of the
    rows it would read from the monthly table."""

    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["basis", "province_code", "year", "unit", "dimension", "value", "count"],
                name="stats_yearly_prov_cover",
            ),
            models.Index(
                fields=["basis", "kabupaten_code", "year", "unit", "dimension", "value", "count"],
                name="stats_yearly_kab_cover",
            ),
        ]


class DataVersion(models.Model):
    """A single row whose number changes whenever summaries change (cache keys include it)."""

    version = models.PositiveBigIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Laporan bulanan")
    YEARLY = "yearly", _("Laporan tahunan")


class ReportJob(models.Model):
    """A PDF report (monthly/yearly, one kabupaten or province) built in the background."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=8, choices=ReportKind.choices)
    region_code = models.CharField(max_length=13)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(null=True, editable=False)
    error = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
