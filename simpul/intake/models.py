"""Complaints (pengaduan) from every channel, their triage, message thread and response clocks.

Identifying content (story, names, contacts, free-text location, safe-contact preferences) is
encrypted at rest; blind indexes allow exact duplicate hints and the messaging-gateway lookup.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.codes import REPORT_CHANNELS, AmpkCategory, Channel, JenisKasus, Kewenangan, Risk  # noqa: F401 - re-exported
from simpul.crypto.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from simpul.validators import datetime_range_check

# Channels an officer may pick when recording a complaint by hand.
OFFICER_CHANNELS = [c for c in REPORT_CHANNELS if c not in (Channel.PORTAL, Channel.LAPANGAN, Channel.API)]


class Status(models.TextChoices):
    BARU = "baru", _("Baru")
    DITRIASE = "ditriase", _("Ditriase")
    DITERIMA = "diterima_sebagai_kasus", _("Diterima sebagai kasus")
    DIGABUNG_KASUS = "digabung_ke_kasus", _("Digabung ke kasus")
    DIRUJUK = "dirujuk", _("Dirujuk")
    DITUTUP = "ditutup_bukan_kasus", _("Ditutup (bukan kasus)")
    DUPLIKAT = "digabung_duplikat", _("Digabung (duplikat)")


OPEN_STATUSES = (Status.BARU, Status.DITRIASE)


class ForWhom(models.TextChoices):
    SELF = "diri_sendiri", _("Diri sendiri")
    OTHER = "orang_lain", _("Orang lain")


class YesNoUnknown(models.TextChoices):
    YA = "ya", _("Ya")
    TIDAK = "tidak", _("Tidak")
    TIDAK_TAHU = "tidak_tahu", _("Tidak tahu")


class Period(models.TextChoices):
    BERLANGSUNG = "berlangsung", _("Masih berlangsung sekarang")
    HARI_INI = "hari_ini", _("Hari ini atau kemarin")
    MINGGU_INI = "minggu_ini", _("Dalam seminggu terakhir")
    BULAN_INI = "bulan_ini", _("Dalam sebulan terakhir")
    LAMA = "lama", _("Lebih dari sebulan yang lalu")
    TIDAK_TAHU = "tidak_tahu", _("Tidak tahu")


class Urgency(models.TextChoices):
    SEGERA = "segera", _("Segera: ada bahaya sekarang")
    PERLU = "perlu", _("Perlu ditindaklanjuti")
    TIDAK_MENDESAK = "tidak_mendesak", _("Tidak mendesak")


class Report(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tracking_code = models.CharField(_("kode lacak"), max_length=8, unique=True)
    pin_hash = models.CharField(max_length=128, blank=True)
    pin_set_by_reporter = models.BooleanField(default=False)
    channel = models.CharField(_("kanal"), max_length=20, choices=[(c.value, c.label) for c in REPORT_CHANNELS])
    received_at = models.DateTimeField(_("diterima"), db_index=True)
    # The responsible UPTD PPA after routing.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="intake_reports"
    )
    flag_pusat = models.BooleanField(_("untuk KemenPPPA"), default=False)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code"
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.BARU, db_index=True)
    # Triage.
    jenis_kasus = models.CharField(_("jenis kasus"), max_length=20, choices=JenisKasus.choices, blank=True)
    ampk_category = models.CharField(_("kategori AMPK"), max_length=1, choices=AmpkCategory.choices, blank=True)
    risk_checklist = models.JSONField(_("faktor risiko"), default=list, blank=True)
    risk_computed = models.CharField(max_length=8, choices=Risk.choices, blank=True)
    risk = models.CharField(_("risiko"), max_length=8, choices=Risk.choices, blank=True)
    risk_override_reason = EncryptedTextField(_("alasan mengubah risiko"), null=True, blank=True)
    kewenangan = models.CharField(_("kewenangan"), max_length=10, choices=Kewenangan.choices, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    # Clock.
    due_at = models.DateTimeField(_("batas respons"), null=True, blank=True, db_index=True)
    first_action_at = models.DateTimeField(_("tindakan pertama"), null=True, blank=True)
    # Outcome.
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = EncryptedTextField(_("alasan"), null=True, blank=True)
    referred_to = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_id = models.BigIntegerField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_reports")
    # What the reporter said (plain: no identity on their own).
    for_whom = models.CharField(_("untuk siapa"), max_length=16, choices=ForWhom.choices, blank=True)
    victim_is_child = models.CharField(_("korban anak?"), max_length=12, choices=YesNoUnknown.choices, blank=True)
    period = models.CharField(_("kapan"), max_length=12, choices=Period.choices, blank=True)
    urgency = models.CharField(_("tingkat mendesak"), max_length=16, choices=Urgency.choices, blank=True)
    anonymous = models.BooleanField(_("tanpa nama"), default=False)
    do_not_contact = models.BooleanField(_("jangan hubungi"), default=False)
    # Identifying, encrypted at rest.
    story = EncryptedTextField(_("kronologi"), null=True, blank=True)
    location_text = EncryptedTextField(_("tempat kejadian"), null=True, blank=True)
    reporter_name = EncryptedTextField(_("nama pelapor"), null=True, blank=True)
    reporter_contact = EncryptedTextField(_("kontak pelapor"), null=True, blank=True)
    safe_contact = EncryptedJSONField(_("kontak aman"), null=True, blank=True)
    victim_name = EncryptedTextField(_("nama korban"), null=True, blank=True)
    victim_nik = EncryptedTextField(_("NIK korban"), null=True, blank=True)
    victim_birth_date = EncryptedDateField(_("tanggal lahir korban"), null=True, blank=True)
    victim_phone = EncryptedTextField(_("telepon korban"), null=True, blank=True)
    # Blind indexes for duplicate hints and the gateway conversation.
    reporter_phone_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    victim_nik_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    victim_phone_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    victim_name_birth_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    victim_person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reporter_person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Submission bookkeeping.
    idempotency_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    # Sealed: a sending system's ticket number is free text and can carry a name.
    external_ref = EncryptedTextField(_("nomor rujukan luar"), blank=True, default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="intake_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["organisation", "status", "due_at"], name="intake_queue_idx")]
        # A year-1 date was stored as a BC timestamp on PostgreSQL and made every read of the
        # queue fail (Issue 12); the database refuses such a row now.
        constraints = [datetime_range_check("received_at", "intake_report"), datetime_range_check("due_at", "intake_report")]
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")

    def __str__(self) -> str:
        return f"pengaduan {self.display_code}"

    @property
    def display_code(self) -> str:
        return f"{self.tracking_code[:4]}-{self.tracking_code[4:]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class AuthorKind(models.TextChoices):
    PUBLIC = "public", _("Pelapor")
    OFFICER = "officer", _("Petugas")


class ReportMessage(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=8, choices=AuthorKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField(_("pesan"))
    # Internal notes are for officers only: never shown in the public thread.
    internal = models.BooleanField(_("catatan internal"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class ReportEvent(models.Model):
    """Timeline of a report: creation, edits, triage, routing, outcome (codes and field names only)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


class ResponsePolicy(models.Model):
    """Response clock of one organisation (defaults: at once / 6 hours / 3 working days)."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="intake_policy")
    high_minutes = models.PositiveIntegerField(_("risiko tinggi (menit)"), default=0)
    medium_minutes = models.PositiveIntegerField(_("risiko sedang (menit)"), default=360)
    low_working_days = models.PositiveSmallIntegerField(_("risiko rendah (hari kerja)"), default=3)


class OnDuty(models.Model):
    """Who is on duty for the intake queue. When an organisation has no active row, every
    petugas_pengaduan, kepala and manajer_kasus of it counts as on duty."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="intake_onduty_unique")]


class WebhookReceipt(models.Model):
    """Message ids already received from the gateway (replay protection)."""

    message_id = models.CharField(max_length=120, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)
