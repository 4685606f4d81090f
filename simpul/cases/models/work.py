"""Approvals, assessment, legal process, notes and tasks of a case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.cases.models.case import Case
from simpul.core.codes import Risk
from simpul.crypto.fields import EncryptedTextField


class ApprovalKind(models.TextChoices):
    PLAN = "plan", _("Rencana intervensi")
    TERMINATION = "termination", _("Terminasi")


class ApprovalStatus(models.TextChoices):
    REQUESTED = "requested", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Approval(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(max_length=12, choices=ApprovalKind.choices)
    status = models.CharField(max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # What is asked (plan text or termination reason), encrypted.
    content = EncryptedTextField(_("isi"), null=True, blank=True)
    # Termination with open referrals: why that is acceptable.
    open_referrals_reason = EncryptedTextField(_("alasan rujukan masih terbuka"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = EncryptedTextField(_("catatan keputusan"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"approval {self.pk}"


class Assessment(models.Model):
    """Biopsychosocial assessment with a risk re-assessment and the safety plan."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    fisik = EncryptedTextField(_("kondisi fisik"), null=True, blank=True)
    psikologis = EncryptedTextField(_("kondisi psikologis"), null=True, blank=True)
    sosial = EncryptedTextField(_("kondisi sosial"), null=True, blank=True)
    ekonomi = EncryptedTextField(_("kondisi ekonomi"), null=True, blank=True)
    pendidikan = EncryptedTextField(_("pendidikan"), null=True, blank=True)
    risk = models.CharField(_("risiko (asesmen ulang)"), max_length=8, choices=Risk.choices)
    safety_plan = EncryptedTextField(_("rencana keselamatan"), null=True, blank=True)
    informed_consent = models.BooleanField(_("persetujuan setelah penjelasan (informed consent) diperoleh"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"assessment {self.pk}"


class LegalStage(models.TextChoices):
    LAPORAN = "laporan", _("Laporan polisi")
    PENYELIDIKAN = "penyelidikan", _("Penyelidikan")
    PENYIDIKAN = "penyidikan", _("Penyidikan")
    P21 = "p21", _("P21/pelimpahan")
    PERSIDANGAN = "persidangan", _("Persidangan")
    PUTUSAN = "putusan", _("Putusan")
    RESTITUSI = "restitusi", _("Restitusi")
    DIHENTIKAN = "dihentikan", _("Dihentikan (SP3)")


class DiversionStatus(models.TextChoices):
    NONE = "", _("—")
    PROSES = "proses", _("Diversi dalam proses")
    BERHASIL = "berhasil", _("Diversi berhasil")
    GAGAL = "gagal", _("Diversi gagal")


class LegalProcess(models.Model):
    """One legal track (usually one per case; several if several perpetrators are prosecuted)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_processes")
    police_report_number = EncryptedTextField(_("nomor laporan polisi"), null=True, blank=True)
    police_report_date = models.DateField(_("tanggal laporan polisi"), null=True, blank=True)
    stage = models.CharField(_("tahap proses hukum"), max_length=14, choices=LegalStage.choices, default=LegalStage.LAPORAN)
    stage_date = models.DateField(_("tanggal tahap"), null=True, blank=True)
    diversion = models.CharField(_("diversi (ABH)"), max_length=10, choices=DiversionStatus.choices, blank=True)
    verdict_notes = EncryptedTextField(_("catatan putusan/restitusi"), null=True, blank=True)
    history = models.JSONField(default=list, blank=True, editable=False)  # [{"stage":..., "date":...}]
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"legalprocess {self.pk}"


# --- Notes, tasks ------------------------------------------------------------------------


class CaseNote(models.Model):
    """A case note. A correction creates a new row pointing at the one it replaces."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("catatan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"casenote {self.pk}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class CaseTask(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("tugas"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_tasks")
    due_date = models.DateField(_("tenggat"), db_index=True)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        # "Overdue" (selectors.OVERDUE_WHEN) looks up a case's tasks by status and due date.
        indexes = [models.Index(fields=["case", "status", "due_date"], name="task_case_status_due")]

    def __str__(self) -> str:
        return f"casetask {self.pk}"
