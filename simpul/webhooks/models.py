"""Outbound webhooks: an organisation's endpoints, the deliveries of events to them, and the log
of every attempt. No payload ever holds identifying data (ids and event types only); the
endpoint's signing secret is sealed (AES-256-GCM, simpul.crypto) and shown once at creation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class Endpoint(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("organisasi"))
    url = models.CharField(_("alamat (URL)"), max_length=500)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    event_types = models.JSONField(_("jenis peristiwa"), default=list)
    secret = EncryptedTextField(_("rahasia penanda tangan"))
    secret_hint = models.CharField(max_length=8, blank=True)  # the first characters, to tell secrets apart
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "-created_at"]
        verbose_name = _("endpoint webhook")
        verbose_name_plural = _("endpoint webhook")

    def __str__(self) -> str:
        return f"webhook {self.uid}"


class Status(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    RETRYING = "retrying", _("Dicoba ulang")
    DELIVERED = "delivered", _("Terkirim")
    DEAD = "dead", _("Gagal (daftar gagal)")


class Delivery(models.Model):
    """One event for one endpoint; retried until delivered or moved to the dead-letter list."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(db_index=True)
    event_type = models.CharField(_("jenis peristiwa"), max_length=40)
    payload = models.JSONField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhooks_delivery_once")]

    def __str__(self) -> str:
        return f"delivery {self.uid}"


class Attempt(models.Model):
    """The delivery log: when, which status code (or error), how long. Never the response body
    beyond a short excerpt."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    excerpt = models.CharField(max_length=200, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
