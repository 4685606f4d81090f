"""Referrals (rujukan) to partner organisations and the partner's log of actions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.cases.models.case import Case
from simpul.cases.models.codes import ServiceType
from simpul.crypto.fields import EncryptedTextField


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Dikirim")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class SharedSet(models.TextChoices):
    """Named sets of fields a referral can share with the receiving partner."""

    IDENTITAS_KORBAN = "identitas_korban", _("Identitas korban")
    KONTAK_KORBAN = "kontak_korban", _("Kontak dan alamat korban")
    IDENTITAS_PELAKU = "identitas_pelaku", _("Identitas pelaku")
    KRONOLOGI = "kronologi", _("Kronologi kejadian")
    ASESMEN = "asesmen", _("Hasil asesmen")
    LAYANAN = "layanan", _("Layanan yang sudah diberikan")
    PROSES_HUKUM = "proses_hukum", _("Proses hukum")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Persetujuan tertulis korban/wali")
    VITAL_INTEREST = "vital_interest", _("Kepentingan vital (keselamatan jiwa)")
    LEGAL_OBLIGATION = "legal_obligation", _("Kewajiban hukum")
    PUBLIC_TASK = "public_task", _("Pelaksanaan tugas pelayanan publik")


class Referral(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_sent")
    to_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received")
    service_type = models.CharField(_("layanan yang diminta"), max_length=20, choices=ServiceType.choices)
    is_escalation = models.BooleanField(_("pelimpahan kewenangan"), default=False)
    shared_sets = models.JSONField(_("data yang dibagikan"), default=list)
    reason = EncryptedTextField(_("alasan dan permintaan"), null=True, blank=True)
    consent_basis = models.CharField(_("dasar pemrosesan"), max_length=20, choices=ConsentBasis.choices)
    override_reason = EncryptedTextField(_("alasan tanpa persetujuan"), null=True, blank=True)
    without_consent = models.BooleanField(_("tanpa persetujuan"), default=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True)
    due_date = models.DateField(_("tenggat tanggapan"))
    sent_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_reason = EncryptedTextField(_("alasan tanggapan"), null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = EncryptedTextField(_("hasil"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The case's province and kabupaten/kota (copied on save, kept in step by Case.save): lets the
    # statistics find a region's referrals of a period from one index instead of every case.
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    kabupaten_code = models.CharField(max_length=5, blank=True, editable=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_org", "status"], name="referral_to_status"),
            models.Index(fields=["province_code", "sent_at"], name="referral_prov_sent"),
            models.Index(fields=["kabupaten_code", "sent_at"], name="referral_kab_sent"),
            models.Index(fields=["case", "status", "due_date"], name="referral_case_status_due"),  # "overdue"
        ]

    def __str__(self) -> str:
        return f"referral {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self._state.adding:  # later changes of the case's region: Case.save()
            self.province_code = self.case.province_code
            self.kabupaten_code = self.case.kabupaten_code
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


class ReferralAction(models.Model):
    """What the partner did on a referral (its own log)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(auto_now_add=True)
    date = models.DateField(_("tanggal"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField(_("tindakan"))

    class Meta:
        ordering = ["referral_id", "date", "id"]

    def __str__(self) -> str:
        return f"referralaction {self.pk}"
