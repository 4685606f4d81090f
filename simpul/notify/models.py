"""In-app notifications and each user's choice of channel per kind.

A notification holds a kind (the neutral text), a short reference (case number or tracking code,
shown in the app only, never by e-mail) and the path it leads to; never a name or any content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.notify.kinds import Kind


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    reference = models.CharField(_("rujukan"), max_length=40, blank=True)
    path = models.CharField(max_length=200, blank=True)
    # What makes it unique for its user (e.g. "referral_overdue:12:2026-03-01"): delivering the
    # same event twice (a retried task) creates one row.
    key = models.CharField(max_length=120)
    in_app = models.BooleanField(default=True)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notify_user_key_unique")]
        indexes = [models.Index(fields=["user", "in_app", "read_at"], name="notify_unread")]

    def __str__(self) -> str:
        return f"notification {self.pk}"

    @property
    def text(self) -> str:
        return str(Kind(self.kind).label) if self.kind in Kind.values else self.kind


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preferences")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    in_app = models.BooleanField(_("di aplikasi"), default=True)
    email = models.BooleanField(_("e-mail"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notify_pref_unique")]

    def __str__(self) -> str:
        return f"preference {self.pk}"
