"""Persons (victims, perpetrators, reporters, guardians). Identifying fields are encrypted;
blind indexes allow exact lookups; statistical attributes stay plain (no identity in them)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedDateField, EncryptedTextField


class Sex(models.TextChoices):
    PEREMPUAN = "P", _("Perempuan")
    LAKI_LAKI = "L", _("Laki-laki")
    TIDAK_DIKETAHUI = "X", _("Tidak diketahui")


class Education(models.TextChoices):
    BELUM = "belum_sekolah", _("Belum/Tidak Sekolah")
    TK = "tk_paud", _("TK/PAUD")
    SD = "sd", _("SD")
    SLTP = "sltp", _("SLTP")
    SLTA = "slta", _("SLTA")
    PT = "pt", _("Perguruan Tinggi")
    PUTUS = "putus_sekolah", _("Putus Sekolah")
    NA = "na", _("Tidak diketahui")


class Occupation(models.TextChoices):
    PELAJAR = "pelajar", _("Pelajar")
    IRT = "irt", _("Ibu Rumah Tangga")
    TIDAK_BEKERJA = "tidak_bekerja", _("Tidak Bekerja")
    SWASTA = "swasta_buruh", _("Swasta/Buruh")
    BEKERJA = "bekerja", _("Bekerja")
    PNS = "pns_tni_polri", _("PNS/TNI/Polri")
    PEDAGANG = "pedagang_tani_nelayan", _("Pedagang/Tani/Nelayan")
    NA = "na", _("Tidak diketahui")


class MaritalStatus(models.TextChoices):
    BELUM_KAWIN = "belum_kawin", _("Belum Kawin")
    KAWIN_TERCATAT = "kawin_tercatat", _("Kawin Tercatat")
    KAWIN_BELUM_TERCATAT = "kawin_belum_tercatat", _("Kawin Belum Tercatat")
    CERAI_HIDUP_TERCATAT = "cerai_hidup_tercatat", _("Cerai Hidup Tercatat")
    CERAI_HIDUP_BELUM_TERCATAT = "cerai_hidup_belum_tercatat", _("Cerai Hidup Belum Tercatat")
    CERAI_MATI = "cerai_mati", _("Cerai Mati")
    NA = "na", _("Tidak diketahui")


class Disability(models.TextChoices):
    FISIK = "fisik", _("Fisik")
    INTELEKTUAL = "intelektual", _("Intelektual")
    MENTAL = "mental", _("Mental")
    SENSORIK = "sensorik", _("Sensorik")
    GANDA = "ganda", _("Ganda/Multi")


class Person(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Identifying, encrypted at rest.
    full_name = EncryptedTextField(_("nama lengkap"), null=True, blank=True)
    nik = EncryptedTextField(_("NIK"), null=True, blank=True)
    phone = EncryptedTextField(_("telepon"), null=True, blank=True)
    email = EncryptedTextField(_("email"), null=True, blank=True)
    birth_date = EncryptedDateField(_("tanggal lahir"), null=True, blank=True)
    address_detail = EncryptedTextField(_("alamat (jalan, RT/RW)"), null=True, blank=True)
    # Blind indexes (HMAC) for exact lookups and duplicate hints.
    nik_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_birth_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Statistical attributes (no identity on their own).
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, default=Sex.TIDAK_DIKETAHUI)
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("perkiraan usia (tahun)"), null=True, blank=True)
    age_estimated_on = models.DateField(null=True, blank=True)
    disabilities = models.JSONField(_("disabilitas"), default=list, blank=True)
    education = models.CharField(_("pendidikan"), max_length=24, choices=Education.choices, default=Education.NA)
    occupation = models.CharField(_("pekerjaan"), max_length=24, choices=Occupation.choices, default=Occupation.NA)
    marital_status = models.CharField(_("status perkawinan"), max_length=32, choices=MaritalStatus.choices, default=MaritalStatus.NA)
    nationality = models.CharField(_("kewarganegaraan"), max_length=3, default="WNI")
    address_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="address_region_code"
    )
    # The organisation that registered the person (access comes from the cases/reports they appear in).
    organisation = models.ForeignKey("accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    pseudonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")

    def __str__(self) -> str:
        return f"person {self.pk}"


class PersonNameToken(models.Model):
    """Blind index of each normalised name token (for duplicate detection, later fuzzy matching)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    token_bidx = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "token_bidx"], name="person_token_unique")]
