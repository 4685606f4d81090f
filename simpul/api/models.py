"""API tokens: stored as SHA-256 hashes, with scopes and an expiry; revocable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every scope a token can carry. Modules add theirs here (one list, documented in docs/api.md).
SCOPES: dict[str, str] = {
    "account:read": "Baca profil akun sendiri (nama pengguna, peran)",
    "regions:read": "Baca kode wilayah",
    "intake:create": "Kirim pengaduan (hotline, SAPA 129)",
    "intake:read": "Baca pengaduan sesuai kewenangan",
    "cases:read": "Baca kasus sesuai kewenangan",
    "cases:write": "Buat dan ubah kasus",
    "referrals:read": "Baca rujukan",
    "referrals:write": "Kelola rujukan",
    "stats:read": "Baca statistik agregat",
    "prevention:read": "Baca kegiatan pencegahan, kampanye dan jangkauan",
    "prevention:write": "Catat kegiatan pencegahan, kampanye dan jumlah peserta",
    "outreach:read": "Baca kendaraan, permintaan dan perjalanan Molin PPA",
    "outreach:write": "Kelola kendaraan, permintaan dan perjalanan Molin PPA",
    "coordination:read": "Baca gugus tugas, rapat, tindak lanjut dan RAD",
    "coordination:write": "Catat rapat, tindak lanjut, target dan realisasi RAD",
}


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=100, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token {self.prefix}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
