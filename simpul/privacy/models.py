"""UU 27/2022 PDP: consent and legal basis, data-subject requests, restrictions, legal holds,
the breach register. Names of third parties (guardian, witness) and free-text notes are
encrypted at rest; filters use only plain, non-identifying columns."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField
from simpul.validators import datetime_range_check


class Purpose(models.TextChoices):
    SERVICE = "service", _("Layanan (penanganan kasus)")
    REFERRAL = "referral", _("Rujukan / berbagi data dengan lembaga lain")
    STATISTICS = "statistics", _("Statistik")
    CONTACT = "contact", _("Menghubungi")


class LegalBasis(models.TextChoices):
    """UU 27/2022 Pasal 20 ayat (2) huruf a-f."""

    CONSENT = "consent", _("Persetujuan yang sah secara eksplisit (Pasal 20 ayat 2 huruf a)")
    CONTRACT = "contract", _("Pemenuhan perjanjian (huruf b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Kewajiban hukum (huruf c)")
    VITAL_INTEREST = "vital_interest", _("Kepentingan vital subjek data (huruf d)")
    PUBLIC_TASK = "public_task", _("Tugas pelayanan publik / kewenangan (huruf e)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Kepentingan yang sah (huruf f)")


class GivenBy(models.TextChoices):
    SELF = "self", _("Subjek data sendiri")
    PARENT = "parent", _("Orang tua")
    GUARDIAN = "guardian", _("Wali")


class ConsentHow(models.TextChoices):
    WRITTEN = "written", _("Tertulis")
    RECORDED = "recorded", _("Terekam (audio/video)")
    VERBAL_WITNESSED = "verbal_witnessed", _("Lisan dengan saksi")


class Consent(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("tujuan"), max_length=16, choices=Purpose.choices)
    basis = models.CharField(_("dasar hukum"), max_length=24, choices=LegalBasis.choices)
    given_by = models.CharField(_("diberikan oleh"), max_length=10, choices=GivenBy.choices, default=GivenBy.SELF)
    guardian_name = EncryptedTextField(_("nama orang tua/wali"), null=True, blank=True)
    how = models.CharField(_("cara"), max_length=20, choices=ConsentHow.choices, blank=True)
    witness_name = EncryptedTextField(_("nama saksi"), null=True, blank=True)
    given_at = models.DateTimeField(_("waktu diberikan"))
    form_attachment_uid = models.UUIDField(_("formulir terpindai"), null=True, blank=True)
    note = EncryptedTextField(_("catatan"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("waktu ditarik"), null=True, blank=True)
    withdrawal_reason = EncryptedTextField(_("alasan penarikan"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["person", "purpose"], name="privacy_consent_pp_idx")]
        constraints = [datetime_range_check("given_at", "privacy_consent")]
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")

    def __str__(self) -> str:
        return f"consent {self.uid}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class LegalHold(models.Model):
    """Blocks erasure and retention of everything attached to an object (usually a case)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    object_type = models.CharField(_("jenis objek"), max_length=64)
    object_id = models.CharField(_("id objek"), max_length=64)
    label = models.CharField(_("label (mis. nomor kasus)"), max_length=64, blank=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("alasan"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="privacy_hold_obj_idx")]
        verbose_name = _("penahanan hukum")
        verbose_name_plural = _("penahanan hukum")

    def __str__(self) -> str:
        return f"hold {self.object_type}:{self.object_id}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Akses (salinan data)")
    CORRECTION = "correction", _("Perbaikan")
    ERASURE = "erasure", _("Penghapusan")
    RESTRICTION = "restriction", _("Pembatasan pemrosesan")
    WITHDRAWAL = "withdrawal", _("Penarikan persetujuan")


class RequesterRelation(models.TextChoices):
    SELF = "self", _("Subjek data sendiri")
    PARENT = "parent", _("Orang tua")
    GUARDIAN = "guardian", _("Wali")
    LAWYER = "lawyer", _("Kuasa hukum")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROGRESS = "in_progress", _("Diproses")
    COMPLETED = "completed", _("Selesai")
    REFUSED = "refused", _("Ditolak")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


class SubjectRequest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis permintaan"), max_length=16, choices=RequestKind.choices)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(_("waktu diterima"))
    due_at = models.DateTimeField(_("batas waktu"))
    requester_relation = models.CharField(_("pemohon"), max_length=10, choices=RequesterRelation.choices, default=RequesterRelation.SELF)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    refusal_reason = EncryptedTextField(_("alasan penolakan"), blank=True, default="")
    purposes = models.JSONField(_("tujuan yang dibatasi/ditarik"), default=list, blank=True)
    notes = EncryptedTextField(_("catatan"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["organisation", "status", "due_at"], name="privacy_dsr_org_idx")]
        constraints = [datetime_range_check("received_at", "privacy_dsr"), datetime_range_check("due_at", "privacy_dsr")]
        verbose_name = _("permintaan subjek data")
        verbose_name_plural = _("permintaan subjek data")

    def __str__(self) -> str:
        return f"request {self.uid}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Restriction(models.Model):
    """A data subject's restriction of processing for some purposes (empty list = all)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    purposes = models.JSONField(default=list, blank=True)
    request = models.ForeignKey(SubjectRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("pembatasan pemrosesan")
        verbose_name_plural = _("pembatasan pemrosesan")

    def __str__(self) -> str:
        return f"restriction {self.uid}"


class BreachStatus(models.TextChoices):
    SUSPECTED = "suspected", _("Diduga")
    CONFIRMED = "confirmed", _("Terkonfirmasi")
    CONTAINED = "contained", _("Tertangani")
    CLOSED = "closed", _("Ditutup")
    NOT_A_BREACH = "not_a_breach", _("Bukan kebocoran")


class Breach(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    discovered_at = models.DateTimeField(_("waktu ditemukan"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    description = EncryptedTextField(_("uraian kejadian"))
    suspected_start = models.DateTimeField(_("perkiraan mulai"), null=True, blank=True)
    suspected_end = models.DateTimeField(_("perkiraan akhir"), null=True, blank=True)
    suspect_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("akun yang diduga")
    )
    status = models.CharField(_("status"), max_length=14, choices=BreachStatus.choices, default=BreachStatus.SUSPECTED)
    steps_taken = EncryptedTextField(_("langkah penanganan dan pemulihan"), null=True, blank=True)
    notified_subjects_at = models.DateTimeField(_("subjek data diberi tahu"), null=True, blank=True)
    notified_authority_at = models.DateTimeField(_("lembaga diberi tahu"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-discovered_at", "-id"]
        constraints = [
            datetime_range_check(f, "privacy_breach")
            for f in ("discovered_at", "suspected_start", "suspected_end", "notified_subjects_at", "notified_authority_at")
        ]
        verbose_name = _("kebocoran data")
        verbose_name_plural = _("kebocoran data")

    def __str__(self) -> str:
        return f"breach {self.uid}"
