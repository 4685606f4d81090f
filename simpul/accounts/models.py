"""Users, organisations and memberships (user x organisation x role)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.access.roles import Role


class User(AbstractUser):
    """A staff member, partner or volunteer. Survivors are never users."""

    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    # Bumped by "keluar dari semua sesi": every session carrying an older epoch is ended.
    session_epoch = models.PositiveIntegerField(default=0)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class OrgType(models.TextChoices):
    DINAS_PPA = "dinas_ppa", _("Dinas PPPA / DP3A")
    UPTD_PPA = "uptd_ppa", _("UPTD PPA")
    KEMENTERIAN = "kementerian", _("KemenPPPA (pusat)")
    POLISI = "polisi", _("Kepolisian (unit PPA)")
    KEJAKSAAN = "kejaksaan", _("Kejaksaan")
    PENGADILAN = "pengadilan", _("Pengadilan")
    RUMAH_SAKIT = "rumah_sakit", _("Rumah sakit")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    DINAS_SOSIAL = "dinas_sosial", _("Dinas sosial")
    PUSPAGA = "puspaga", _("Puspaga")
    PATBM = "patbm", _("PATBM")
    LBH = "lbh", _("LBH / advokat")
    PSIKOLOG = "psikolog", _("Psikolog")
    RUMAH_AMAN = "rumah_aman", _("Rumah aman")
    SEKOLAH = "sekolah", _("Sekolah")
    SATGAS = "satgas", _("Satgas PPA")
    RELAWAN = "relawan", _("Jaringan relawan")
    FORUM_ANAK = "forum_anak", _("Forum Anak")
    OTHER = "other", _("Lainnya")


class TimeZone(models.TextChoices):
    """Indonesia's three time zones (UU: Keppres 41/1987)."""

    WIB = "Asia/Jakarta", _("WIB (UTC+7): Sumatera, Jawa, Kalimantan Barat dan Tengah")
    WITA = "Asia/Makassar", _("WITA (UTC+8): Bali, Nusa Tenggara, Kalimantan Selatan, Timur dan Utara, Sulawesi")
    WIT = "Asia/Jayapura", _("WIT (UTC+9): Maluku dan Papua")


# Provinces (Kemendagri codes) on WITA; 8x (Maluku) and 9x (Papua) are WIT; the rest
# (Sumatera 1x, Jawa 3x, Kalimantan Barat 61 and Tengah 62) WIB.
WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})


def time_zone_for_region(code: str | None) -> str:
    """The time zone of a region by its province code (national or unknown: WIB, Jakarta)."""
    province = (code or "")[:2]
    if province in WITA_PROVINCES:
        return TimeZone.WITA
    if province[:1] in ("8", "9"):
        return TimeZone.WIT
    return TimeZone.WIB


class Organisation(models.Model):
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    type = models.CharField(_("jenis"), max_length=20, choices=OrgType.choices)
    # Jurisdiction: the region the organisation serves (a province, kabupaten/kota, kecamatan or desa).
    # Empty means national (KemenPPPA).
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code"
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="units")
    is_active = models.BooleanField(_("aktif"), default=True)
    # Times are shown to the organisation's staff in its own zone; derived from the province
    # when the organisation is created, editable by its admin.
    time_zone = models.CharField(_("zona waktu"), max_length=32, choices=TimeZone.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.time_zone:
            self.time_zone = time_zone_for_region(self.region_id)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "time_zone"}
        super().save(*args, **kwargs)

    @property
    def region_code(self) -> str | None:
        return self.region_id


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]
        ordering = ["organisation_id", "role"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"
