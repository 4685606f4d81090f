"""Attachments (scans, photos, audio, PDFs) stored encrypted on disk.

Each file has its own random 256-bit file key; the file key is sealed with the keyring in
``file_key`` (an encrypted field bound to this row), so key rotation re-wraps 32 bytes per file
instead of rewriting the file. The original file name and the plaintext hash are encrypted too.
On disk a file lives under ``MEDIA_ROOT/<2 hex>/<32 hex>``: a random name, never a user path.
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class Attachment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The object the file belongs to ("cases.case", 42): access follows that object's policy.
    owner_type = models.CharField(max_length=64)
    owner_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    original_name = EncryptedTextField(_("nama berkas asli"))
    mime_type = models.CharField(_("jenis berkas"), max_length=64)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = EncryptedTextField(_("SHA-256 isi"))  # encrypted: a plain hash would confirm a guessed file
    storage_name = models.CharField(max_length=40, unique=True, editable=False)
    file_key = EncryptedTextField(editable=False)  # base64 of the file's own AES-256 key, sealed by the keyring
    chunk_size = models.PositiveIntegerField(default=64 * 1024, editable=False)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="files_owner_idx")]

    def __str__(self) -> str:
        return f"attachment {self.pk}"

    @property
    def owner_model(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.owner_type)
        except (LookupError, ValueError):
            return None

    def owner_object(self) -> models.Model | None:
        model = self.owner_model
        if model is None:
            return None
        return model._default_manager.filter(pk=self.owner_id).first()
