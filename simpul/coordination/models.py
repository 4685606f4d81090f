"""Coordination: task forces and networks (Gugus Tugas TPPO, Satgas, relawan, KLA), their meetings
and action items, the relawan/Satgas registry, and the Regional Action Plan (RAD PPA)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class TaskForceKind(models.TextChoices):
    GUGUS_TUGAS_TPPO = "gugus_tugas_tppo", _("Gugus Tugas TPPO")
    SUB_GUGUS_TUGAS = "sub_gugus_tugas", _("Sub Gugus Tugas")
    SATGAS_PPA = "satgas_ppa", _("Satgas PPA")
    JARINGAN_RELAWAN = "jaringan_relawan", _("Jaringan relawan sahabat perempuan dan anak")
    GUGUS_TUGAS_KLA = "gugus_tugas_kla", _("Gugus Tugas KLA")


class Level(models.TextChoices):
    KABKOTA = "kabkota", _("Kabupaten/kota")
    PROVINSI = "provinsi", _("Provinsi")
    PUSAT = "pusat", _("Pusat")
    LOKAL = "lokal", _("Kecamatan/desa/lembaga")


class TaskForce(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="task_forces", verbose_name=_("sekretariat")
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=TaskForceKind.choices)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code", verbose_name=_("wilayah"))
    legal_basis = models.TextField(_("dasar hukum"), blank=True, help_text=_("Misalnya: Perpres 49/2023; SK Bupati ..."))
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gugus tugas / jaringan")
        verbose_name_plural = _("gugus tugas / jaringan")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
    KETUA_HARIAN = "ketua_harian", _("Ketua harian")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    KOORDINATOR = "koordinator", _("Koordinator sub gugus")
    ANGGOTA = "anggota", _("Anggota")


class TaskForceMember(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="task_force_seats", verbose_name=_("organisasi"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="task_force_seats", verbose_name=_("pengguna"))
    position = models.CharField(_("jabatan"), max_length=150, blank=True, help_text=_("Misalnya: Kepala Dinas, Kasat Reskrim."))
    role = models.CharField(_("peran"), max_length=15, choices=MemberRole.choices, default=MemberRole.ANGGOTA)
    term_start = models.DateField(_("awal masa tugas"), null=True, blank=True)
    term_end = models.DateField(_("akhir masa tugas"), null=True, blank=True)

    class Meta:
        ordering = ["task_force_id", "role", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(organisation__isnull=False) | models.Q(user__isnull=False), name="coordination_member_who"),
        ]

    def __str__(self) -> str:
        return f"{self.task_force_id}:{self.role}"


class Meeting(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    # Sealed: an agenda or minutes can name a person although the form asks not to (docs/privacy.md).
    agenda = EncryptedTextField(_("agenda"))
    minutes = EncryptedTextField(_("notulen"), blank=True, default="", help_text=_("Jangan menulis identitas korban di notulen."))
    attendees = models.ManyToManyField("accounts.Organisation", blank=True, related_name="+", verbose_name=_("organisasi yang hadir"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")

    def __str__(self) -> str:
        return f"{self.date} {self.agenda}"


class ActionStatus(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    BATAL = "batal", _("Batal")


OPEN_STATUSES = (ActionStatus.TERBUKA, ActionStatus.BERJALAN)


class ActionItem(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items")
    description = EncryptedTextField(_("tindakan"))
    owner_org = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("organisasi penanggung jawab"))
    owner_name = models.CharField(_("penanggung jawab"), max_length=120, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.TERBUKA)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today: dt.date | None = None) -> bool:
        day = today or timezone.localdate()
        return bool(self.due_date and self.status in OPEN_STATUSES and self.due_date < day)


class VolunteerKind(models.TextChoices):
    RELAWAN = "relawan", _("Relawan sahabat perempuan dan anak")
    SATGAS = "satgas", _("Satgas PPA")


class Volunteer(models.Model):
    """Registry of relawan and Satgas members: who may file field reports in intake."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="volunteers", verbose_name=_("jaringan / satgas"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteer_records", verbose_name=_("akun pengguna"))
    kind = models.CharField(_("jenis"), max_length=10, choices=VolunteerKind.choices)
    name = EncryptedTextField(_("nama"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+", db_column="region_code", verbose_name=_("desa/kelurahan tugas"))
    trainings = models.ManyToManyField("prevention.Activity", blank=True, related_name="trained_volunteers", verbose_name=_("pelatihan yang diikuti"))
    is_active = models.BooleanField(_("aktif"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "id"]
        verbose_name = _("relawan / satgas")
        verbose_name_plural = _("relawan / satgas")

    def __str__(self) -> str:
        return str(self.uid)


# --- RAD PPA ---------------------------------------------------------------------------------------


class Plan(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="rad_plans", verbose_name=_("organisasi"))
    title = models.CharField(_("judul"), max_length=250)
    legal_basis = models.CharField(_("dasar hukum"), max_length=250, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code", verbose_name=_("wilayah"))
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"))

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("rencana aksi daerah")
        verbose_name_plural = _("rencana aksi daerah")
        constraints = [models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="coordination_plan_years")]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Programme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programmes")
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    name = models.CharField(_("program"), max_length=250)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PlanActivity(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    name = models.CharField(_("kegiatan"), max_length=250)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class DataSource(models.TextChoices):
    MANUAL = "manual", _("Diisi manual")
    COMPUTED = "computed", _("Dihitung dari data Simpul")


class Indicator(models.Model):
    activity = models.ForeignKey(PlanActivity, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=40)
    baseline = models.DecimalField(_("nilai dasar"), max_digits=12, decimal_places=2, null=True, blank=True)
    responsible = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("penanggung jawab"))
    source = models.CharField(_("sumber data"), max_length=10, choices=DataSource.choices, default=DataSource.MANUAL)
    computed_key = models.CharField(_("perhitungan"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="coordination_target_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class Realisation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("realisasi"), max_digits=12, decimal_places=2)
    evidence = EncryptedTextField(_("bukti / keterangan"), blank=True, default="")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="coordination_realisation_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"
