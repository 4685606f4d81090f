"""Prevention: sosialisasi/KIE events, trainings, campaigns and the people they reach."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class ActivityType(models.TextChoices):
    SOSIALISASI = "sosialisasi", _("Sosialisasi / KIE")
    PELATIHAN = "pelatihan", _("Pelatihan")
    KAMPANYE = "kampanye", _("Kampanye")
    RAPAT_KOORDINASI = "rapat_koordinasi", _("Rapat koordinasi")
    TEMU_KOORDINASI = "temu_koordinasi", _("Temu koordinasi")


class Topic(models.TextChoices):
    KTPA = "ktpa", _("Kekerasan terhadap perempuan dan anak")
    SEKSUAL = "kekerasan_seksual", _("Kekerasan seksual")
    TPPO = "tppo", _("TPPO (perdagangan orang)")
    PERKAWINAN_ANAK = "perkawinan_anak", _("Perkawinan anak")
    ABH = "abh", _("Anak berhadapan dengan hukum (ABH)")
    KDRT = "kdrt", _("KDRT")
    LAINNYA = "lainnya", _("Lainnya")


class Sex(models.TextChoices):
    PEREMPUAN = "P", _("Perempuan")
    LAKI = "L", _("Laki-laki")
    TIDAK_DIKETAHUI = "X", _("Tidak diketahui")


class AgeGroup(models.TextChoices):
    ANAK = "anak", _("Anak (< 18 tahun)")
    DEWASA = "dewasa", _("Dewasa (18-59 tahun)")
    LANSIA = "lansia", _("Lansia (60+ tahun)")
    TIDAK_DIKETAHUI = "x", _("Tidak diketahui")


class StakeholderGroup(models.Model):
    """Editable reference data: the kinds of participants an activity reaches."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kelompok peserta")
        verbose_name_plural = _("kelompok peserta")

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A campaign period grouping activities, e.g. 16 Hari Anti Kekerasan terhadap Perempuan."""

    name = models.CharField(_("nama kampanye"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("penyelenggara"))
    yearly = models.BooleanField(_("berulang tiap tahun"), default=False)
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("kampanye")
        verbose_name_plural = _("kampanye")

    def __str__(self) -> str:
        return f"{self.name} ({self.start_date.year})"


class Activity(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="prevention_activities", verbose_name=_("penyelenggara")
    )
    title = models.CharField(_("judul kegiatan"), max_length=250)
    type = models.CharField(_("jenis kegiatan"), max_length=20, choices=ActivityType.choices, db_index=True)
    main_topic = models.CharField(_("topik utama"), max_length=20, choices=Topic.choices)
    start_date = models.DateField(_("tanggal mulai"), db_index=True)
    end_date = models.DateField(_("tanggal selesai"))
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code",
        verbose_name=_("wilayah (kecamatan/desa)"),
    )
    partners = models.ManyToManyField("accounts.Organisation", blank=True, related_name="+", verbose_name=_("mitra"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities", verbose_name=_("kampanye"))
    description = EncryptedTextField(_("ringkasan"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("kegiatan pencegahan")
        verbose_name_plural = _("kegiatan pencegahan")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="prevention_activity_dates"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityTopic(models.Model):
    """Every topic an activity covers (the main topic is one of them)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(max_length=20, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "topic"], name="prevention_topic_unique")]

    def __str__(self) -> str:
        return str(self.topic)


class Speaker(models.Model):
    """A narasumber: a public figure or institution, not protected data."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nama narasumber"), max_length=200)
    institution = models.CharField(_("lembaga"), max_length=200, blank=True)
    topic = models.CharField(_("materi"), max_length=250, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})" if self.institution else self.name


class Session(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveSmallIntegerField(_("sesi ke"))
    date = models.DateField(_("tanggal"))
    title = models.CharField(_("judul sesi"), max_length=250)
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions", verbose_name=_("narasumber"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        constraints = [models.UniqueConstraint(fields=["activity", "order"], name="prevention_session_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class ParticipantCount(models.Model):
    """Participants counted by stakeholder group, sex and age group (no names).
    A missing group means 'tidak diketahui'."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="counts")
    group = models.ForeignKey(StakeholderGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("kelompok"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, default=Sex.TIDAK_DIKETAHUI)
    age_group = models.CharField(_("kelompok umur"), max_length=6, choices=AgeGroup.choices, default=AgeGroup.TIDAK_DIKETAHUI)
    count = models.PositiveIntegerField(_("jumlah"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "group", "sex", "age_group"], name="prevention_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.sex}/{self.age_group}: {self.count}"


class Attendee(models.Model):
    """A named participant (attendance list): protected data, encrypted, every view audited."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendees")
    name = EncryptedTextField(_("nama"))
    phone = EncryptedTextField(_("telepon"), blank=True, default="")
    group = models.ForeignKey(StakeholderGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("kelompok"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, default=Sex.TIDAK_DIKETAHUI)
    age_group = models.CharField(_("kelompok umur"), max_length=6, choices=AgeGroup.choices, default=AgeGroup.TIDAK_DIKETAHUI)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.uid)


class FollowUpStatus(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    BATAL = "batal", _("Batal")


class FollowUp(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    description = EncryptedTextField(_("tindak lanjut"))
    owner_org = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("organisasi penanggung jawab"))
    owner_name = models.CharField(_("penanggung jawab (jabatan/nama)"), max_length=120, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.TERBUKA)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today: object = None) -> bool:
        import datetime as dt

        from django.utils import timezone

        day = today if isinstance(today, dt.date) else timezone.localdate()
        return bool(self.due_date and self.status in {FollowUpStatus.TERBUKA, FollowUpStatus.BERJALAN} and self.due_date < day)
