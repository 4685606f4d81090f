"""Molin PPA (Mobil Perlindungan Perempuan dan Anak): vehicles, crews, dispatch requests and trips."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class Vehicle(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("organisasi"))
    name = models.CharField(_("nama kendaraan"), max_length=120)
    plate = models.CharField(_("nomor polisi"), max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField(_("jumlah kursi"), default=7)
    is_active = models.BooleanField(_("aktif"), default=True)
    notes = EncryptedTextField(_("catatan"), blank=True, default="")

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("kendaraan")
        verbose_name_plural = _("kendaraan")

    def __str__(self) -> str:
        return f"{self.name} ({self.plate})" if self.plate else self.name


class CrewMember(models.Model):
    """A user of the organisation who rides with the Molin PPA (driver, pendamping, ...)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="crew", verbose_name=_("organisasi"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crew_seats", verbose_name=_("pengguna"))
    duty = models.CharField(_("tugas"), max_length=60, blank=True, help_text=_("Misalnya: pengemudi, pendamping, tenaga kesehatan."))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["organisation_id", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="outreach_crew_unique")]
        verbose_name = _("kru")
        verbose_name_plural = _("kru")

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.username
        return f"{name} ({self.duty})" if self.duty else name


class Purpose(models.TextChoices):
    PENJANGKAUAN = "penjangkauan", _("Penjangkauan korban")
    EDUKASI = "edukasi", _("Edukasi")
    AMBULANS = "ambulans", _("Ambulans (misalnya perempuan melahirkan)")
    SOSIALISASI = "sosialisasi", _("Sosialisasi di tempat keramaian")


class RequestStatus(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
    SELESAI = "selesai", _("Selesai")
    BATAL = "batal", _("Dibatalkan")


class DispatchRequest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="dispatch_requests", verbose_name=_("organisasi"))
    purpose = models.CharField(_("keperluan"), max_length=20, choices=Purpose.choices)
    # Links to the case file or intake report (by uid: those modules are separate; the crew never sees them).
    case_uid = models.UUIDField(_("kasus terkait"), null=True, blank=True, db_index=True)
    report_uid = models.UUIDField(_("laporan terkait"), null=True, blank=True, db_index=True)
    window_start = models.DateTimeField(_("waktu mulai yang diminta"))
    window_end = models.DateTimeField(_("waktu selesai yang diminta"))
    area = EncryptedTextField(_("wilayah tujuan (umum)"), blank=True, default="", help_text=_("Tanpa alamat rinci, misalnya: Kecamatan Kandangan."))
    pickup_place = EncryptedTextField(_("tempat penjemputan"))
    contact = EncryptedTextField(_("kontak di lokasi"), blank=True, default="")
    safety_notes = EncryptedTextField(_("catatan keselamatan"), blank=True, default="")
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.DIAJUKAN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-window_start", "-id"]
        verbose_name = _("permintaan Molin PPA")
        verbose_name_plural = _("permintaan Molin PPA")
        constraints = [
            models.CheckConstraint(condition=models.Q(window_end__gt=models.F("window_start")), name="outreach_request_window"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.window_start:%Y-%m-%d}"


class Outcome(models.TextChoices):
    BERHASIL = "berhasil", _("Berhasil")
    SEBAGIAN = "sebagian", _("Sebagian")
    TIDAK_BERHASIL = "tidak_berhasil", _("Tidak berhasil")
    BATAL = "batal", _("Dibatalkan")


class Trip(models.Model):
    """One run of a vehicle with its crew. The booked window (start/end) is what double booking checks."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(DispatchRequest, on_delete=models.CASCADE, related_name="trips")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="trips", verbose_name=_("kendaraan"))
    crew = models.ManyToManyField(CrewMember, related_name="trips", verbose_name=_("kru"))
    start_at = models.DateTimeField(_("berangkat (jadwal)"), db_index=True)
    end_at = models.DateTimeField(_("kembali (jadwal)"))
    departed_at = models.DateTimeField(_("berangkat (sebenarnya)"), null=True, blank=True)
    returned_at = models.DateTimeField(_("kembali (sebenarnya)"), null=True, blank=True)
    odometer_start = models.PositiveIntegerField(_("odometer berangkat (km)"), null=True, blank=True)
    odometer_end = models.PositiveIntegerField(_("odometer kembali (km)"), null=True, blank=True)
    work_done = EncryptedTextField(_("yang dilakukan"), blank=True, default="")
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices, blank=True)
    cancelled = models.BooleanField(_("dibatalkan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_at", "id"]
        verbose_name = _("perjalanan")
        verbose_name_plural = _("perjalanan")
        constraints = [models.CheckConstraint(condition=models.Q(end_at__gt=models.F("start_at")), name="outreach_trip_window")]

    def __str__(self) -> str:
        return f"{self.vehicle_id} {self.start_at:%Y-%m-%d %H:%M}"

    @property
    def distance_km(self) -> int | None:
        if self.odometer_start is None or self.odometer_end is None:
            return None
        return self.odometer_end - self.odometer_start
