"""Kemendagri region codes (Kepmendagri 300.2.2-2138/2025), stored in dotted form: 63.06.05.2001."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.regions.codes import ancestors_of, is_within, level_of  # noqa: F401 - re-exported


class Level(models.IntegerChoices):
    PROVINSI = 1, _("Provinsi")
    KABUPATEN = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    DESA = 4, _("Desa/Kelurahan")


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", db_column="parent_code"
    )
    # Upper-cased name, for type-ahead search without functions in the query.
    search_name = models.CharField(max_length=120, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_kota(self) -> bool:
        return self.level == Level.KABUPATEN and int(self.code.split(".")[1]) >= 71
