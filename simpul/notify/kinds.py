"""The kinds of notification a user can receive and choose a channel for (in-app, e-mail).
The label is the neutral text, also the whole content of the e-mail: it names no person."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_NEW = "report_new", _("Pengaduan baru masuk antrean Anda")
    REPORT_OVERDUE = "report_overdue", _("Pengaduan melewati batas waktu respons")
    REPORTER_MESSAGE = "reporter_message", _("Pelapor mengirim pesan")
    ASSIGNMENT = "assignment", _("Anda ditugaskan pada sebuah kasus")
    APPROVAL_REQUESTED = "approval_requested", _("Ada permintaan persetujuan untuk Anda")
    APPROVAL_DECIDED = "approval_decided", _("Permintaan persetujuan Anda sudah diputuskan")
    REFERRAL_RECEIVED = "referral_received", _("Rujukan baru untuk organisasi Anda")
    REFERRAL_ANSWERED = "referral_answered", _("Rujukan Anda sudah ditanggapi")
    REFERRAL_OVERDUE = "referral_overdue", _("Rujukan belum ditanggapi melewati tenggat")
    TASK_DUE = "task_due", _("Tugas kasus jatuh tempo")


# Channels a user gets when they have not chosen: both, as the overdue e-mails always were.
DEFAULT_IN_APP = True
DEFAULT_EMAIL = True
