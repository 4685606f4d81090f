"""Outbound messages to reporters (WhatsApp, SMS) and what the reporter chose about them.

The message text and the phone number are sealed (EncryptedTextField, bound to the row's uid);
``to_bidx`` is the phone number's blind index for exact lookups. ``state`` moves only forward:

    queued -> sending -> sent -> delivered
       ^         |        \\-> failed (the provider said it could not deliver)
       \\-(retry)-/-> failed (permanent refusal, attempts used up, or an uncertain send)
    queued -> cancelled (the reporter asked not to be contacted after it was queued)
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.crypto.fields import EncryptedTextField


class Channel(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


class State(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim ke penyedia")
    DELIVERED = "delivered", _("Diterima di ponsel")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


FINAL_STATES = (State.DELIVERED, State.FAILED, State.CANCELLED)


class Purpose(models.TextChoices):
    REPLY = "reply", _("Balasan petugas")
    STATUS = "status", _("Kabar status laporan")


class OutboundMessage(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    purpose = models.CharField(_("jenis"), max_length=10, choices=Purpose.choices, default=Purpose.REPLY)
    template = models.CharField(_("templat"), max_length=32)
    to = EncryptedTextField(_("nomor tujuan"))
    to_bidx = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    text = EncryptedTextField(_("isi pesan"))
    state = models.CharField(_("status kirim"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    # Sent to the provider with every attempt: a retry of the same message is the same message.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    provider_message_id = models.CharField(max_length=128, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Not before this time: the next allowed window, or the backoff after a failed attempt.
    not_before = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # A code, never provider text (which may echo the number): timeout, http_503, refused_400 ...
    last_error = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "not_before"], name="messaging_due_idx")]
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")

    def __str__(self) -> str:
        return f"pesan keluar {self.uid}"


class ContactPreference(models.Model):
    """What the reporter chose about messages, on top of the safe-contact answers of the report
    form (``Report.safe_contact``): the channel, status updates and whether an officer may write
    free text (otherwise only the neutral templates)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.OneToOneField("intake.Report", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, blank=True)
    # The reporter's newest word: a preference saved with a channel is consent to messages even
    # after a "no" on the form; ``opted_out`` stops every message.
    opted_out = models.BooleanField(_("tidak mau menerima pesan"), default=False)
    status_updates = models.BooleanField(_("kirim kabar status"), default=False)
    full_text = models.BooleanField(_("boleh pesan lengkap"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pilihan pesan pelapor")
        verbose_name_plural = _("pilihan pesan pelapor")
