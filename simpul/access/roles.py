"""Roles a membership can carry, and what each role implies. Names match DESIGN.md."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin organisasi")
    KEPALA = "kepala", _("Kepala")
    MANAJER_KASUS = "manajer_kasus", _("Manajer kasus")
    PENDAMPING = "pendamping", _("Pendamping")
    PETUGAS_PENGADUAN = "petugas_pengaduan", _("Petugas pengaduan")
    MITRA = "mitra", _("Mitra")
    RELAWAN = "relawan", _("Relawan")
    SATGAS = "satgas", _("Satgas")
    ANALIS = "analis", _("Analis")


ALL_ROLES: tuple[str, ...] = tuple(Role.values)

# Roles that can see identifying data of survivors (or manage who can): a second factor is mandatory.
ROLES_REQUIRING_2FA = frozenset(
    {Role.ADMIN, Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING, Role.PETUGAS_PENGADUAN, Role.MITRA}
)
# Roles that work on case content inside their own organisation.
CASE_ROLES = frozenset({Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING})
# Roles that approve intervention plans and terminations.
APPROVER_ROLES = frozenset({Role.KEPALA, Role.MANAJER_KASUS})
# Roles that file field reports and see only the status of their own.
FIELD_REPORTER_ROLES = frozenset({Role.RELAWAN, Role.SATGAS})
