"""What users read instead of codes: labels of audit actions and timeline events, of stored
choice codes, and placeholders for missing values (docs/architecture.md, "Labels").

Pages never print a stored code. Templates use the filters of ``simpul/core/templatetags/labels.py``:

- ``{{ e.kind|action_label }}``: an audit action or timeline event name (``case.open``,
  ``stage.move``, ``triaged``) as a sentence in the active language;
- ``{{ code|code_label:"intake.Status" }}``: a code stored with a choices class (``app.ClassName``,
  looked up in ``simpul.<app>.models``) as its label;
- ``{{ value|or_missing }}`` and ``{{ user|actor_name }}``: "tidak diisi" and "otomatis oleh
  sistem" instead of ``None``, ``?`` or a dash.

A module adding an action registers its label with ``register_actions({...})`` (in its
``apps.py`` ``ready()``); the labels of every action present today are below.
``simpul/core/tests/test_labels.py`` fails when an action recorded in the code has no label.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Action labels have their own context ("tindakan"): "Keluar" (signed out) is not the button.

_ACTIONS: dict[str, Promise | str] = {
    # Sign-in, accounts, API
    "auth.login": pgettext_lazy("tindakan", "Masuk"),
    "auth.login_failed": pgettext_lazy("tindakan", "Gagal masuk"),
    "auth.lockout": pgettext_lazy("tindakan", "Akun dikunci sementara"),
    "auth.logout": pgettext_lazy("tindakan", "Keluar"),
    "auth.logout_all": pgettext_lazy("tindakan", "Keluar dari semua sesi"),
    "auth.session_expired": pgettext_lazy("tindakan", "Sesi berakhir"),
    "auth.session_revoked": pgettext_lazy("tindakan", "Sesi dihentikan"),
    "auth.password_change": pgettext_lazy("tindakan", "Kata sandi diganti"),
    "auth.2fa_enrol": pgettext_lazy("tindakan", "Faktor kedua didaftarkan"),
    "auth.2fa_enrol_failed": pgettext_lazy("tindakan", "Pendaftaran faktor kedua gagal"),
    "auth.2fa_verify": pgettext_lazy("tindakan", "Faktor kedua diverifikasi"),
    "auth.2fa_failed": pgettext_lazy("tindakan", "Kode faktor kedua salah"),
    "auth.2fa_reset": pgettext_lazy("tindakan", "Faktor kedua diatur ulang"),
    "auth.recovery_codes_new": pgettext_lazy("tindakan", "Kode pemulihan baru dibuat"),
    "user.invite": pgettext_lazy("tindakan", "Pengguna ditambahkan"),
    "user.roles_change": pgettext_lazy("tindakan", "Peran pengguna diubah"),
    "user.deactivate": pgettext_lazy("tindakan", "Pengguna dinonaktifkan"),
    "user.reactivate": pgettext_lazy("tindakan", "Pengguna diaktifkan kembali"),
    "user.password_reset": pgettext_lazy("tindakan", "Kata sandi pengguna diatur ulang"),
    "organisation.time_zone": pgettext_lazy("tindakan", "Zona waktu organisasi diubah"),
    "api.token_create": pgettext_lazy("tindakan", "Token API dibuat"),
    "api.token_revoke": pgettext_lazy("tindakan", "Token API dicabut"),
    # Cases (audit) and the case timeline
    "case.open": pgettext_lazy("tindakan", "Kasus dibuka"),
    "case.view": pgettext_lazy("tindakan", "Kasus dilihat"),
    "cases.view": pgettext_lazy("tindakan", "Daftar kasus dilihat"),
    "case.list": pgettext_lazy("tindakan", "Daftar kasus dilihat"),
    "case.list_api": pgettext_lazy("tindakan", "Daftar kasus dibaca lewat API"),
    "case.export": pgettext_lazy("tindakan", "Daftar kasus diunduh"),
    "case.pdf": pgettext_lazy("tindakan", "Ringkasan PDF diunduh"),
    "case.update": pgettext_lazy("tindakan", "Identifikasi kasus diubah"),
    "case.assign": pgettext_lazy("tindakan", "Pendamping ditugaskan"),
    "case.move": pgettext_lazy("tindakan", "Tahap layanan dipindah"),
    "case.reopen": pgettext_lazy("tindakan", "Kasus dibuka kembali"),
    "case.attach_report": pgettext_lazy("tindakan", "Pengaduan digabung ke kasus"),
    "case.report_attached": pgettext_lazy("tindakan", "Pengaduan digabung ke kasus"),
    "case.party_add": pgettext_lazy("tindakan", "Pihak ditambahkan"),
    "case.party_update": pgettext_lazy("tindakan", "Data pihak diubah"),
    "case.incident_add": pgettext_lazy("tindakan", "Kejadian dicatat"),
    "case.assessment_add": pgettext_lazy("tindakan", "Asesmen diisi"),
    "case.approval_request": pgettext_lazy("tindakan", "Persetujuan diajukan"),
    "case.approval_decide": pgettext_lazy("tindakan", "Persetujuan diputuskan"),
    "case.legal_save": pgettext_lazy("tindakan", "Proses hukum dicatat"),
    "case.note_add": pgettext_lazy("tindakan", "Catatan ditambahkan"),
    "case.note_correct": pgettext_lazy("tindakan", "Catatan dikoreksi"),
    "case.task_add": pgettext_lazy("tindakan", "Tugas ditambahkan"),
    "case.task_done": pgettext_lazy("tindakan", "Tugas selesai"),
    "case.service_add": pgettext_lazy("tindakan", "Layanan dicatat"),
    "party.add": pgettext_lazy("tindakan", "Pihak ditambahkan"),
    "party.update": pgettext_lazy("tindakan", "Data pihak diubah"),
    "incident.add": pgettext_lazy("tindakan", "Kejadian dicatat"),
    "relationship.set": pgettext_lazy("tindakan", "Hubungan pelaku dengan korban dicatat"),
    "stage.move": pgettext_lazy("tindakan", "Tahap layanan dipindah"),
    "approval.request": pgettext_lazy("tindakan", "Persetujuan diajukan"),
    "approval.decide": pgettext_lazy("tindakan", "Persetujuan diputuskan"),
    "assessment.add": pgettext_lazy("tindakan", "Asesmen diisi"),
    "legal.save": pgettext_lazy("tindakan", "Proses hukum dicatat"),
    "note.add": pgettext_lazy("tindakan", "Catatan ditambahkan"),
    "note.correct": pgettext_lazy("tindakan", "Catatan dikoreksi"),
    "task.add": pgettext_lazy("tindakan", "Tugas ditambahkan"),
    "task.done": pgettext_lazy("tindakan", "Tugas selesai"),
    "service.add": pgettext_lazy("tindakan", "Layanan dicatat"),
    "attachment.add": pgettext_lazy("tindakan", "Lampiran diunggah"),
    "referral.create": pgettext_lazy("tindakan", "Rujukan dikirim"),
    "referral.view": pgettext_lazy("tindakan", "Rujukan dilihat"),
    "referral.accept": pgettext_lazy("tindakan", "Rujukan diterima"),
    "referral.decline": pgettext_lazy("tindakan", "Rujukan ditolak"),
    "referral.action": pgettext_lazy("tindakan", "Tindakan rujukan dicatat"),
    "referral.complete": pgettext_lazy("tindakan", "Rujukan diselesaikan"),
    "referral.cancel": pgettext_lazy("tindakan", "Rujukan dibatalkan"),
    "referral.letter": pgettext_lazy("tindakan", "Surat rujukan diunduh"),
    "referral.consent_override": pgettext_lazy("tindakan", "Rujukan tanpa persetujuan korban"),
    "people.view": pgettext_lazy("tindakan", "Identitas orang dilihat"),
    "file.upload": pgettext_lazy("tindakan", "Lampiran diunggah"),
    "file.download": pgettext_lazy("tindakan", "Lampiran diunduh"),
    # Intake (audit) and the report's history
    "intake.create": pgettext_lazy("tindakan", "Pengaduan dicatat"),
    "intake.view": pgettext_lazy("tindakan", "Pengaduan dilihat"),
    "intake.update": pgettext_lazy("tindakan", "Pengaduan diubah"),
    "intake.triage": pgettext_lazy("tindakan", "Pengaduan ditriase"),
    "intake.accept": pgettext_lazy("tindakan", "Diterima sebagai kasus"),
    "intake.attach": pgettext_lazy("tindakan", "Digabung ke kasus"),
    "intake.refer": pgettext_lazy("tindakan", "Dirujuk ke layanan lain"),
    "intake.close": pgettext_lazy("tindakan", "Ditutup (bukan kasus)"),
    "intake.merge": pgettext_lazy("tindakan", "Digabung dengan pengaduan lain"),
    "intake.message": pgettext_lazy("tindakan", "Pesan atau catatan ditambahkan"),
    "intake.public_message": pgettext_lazy("tindakan", "Pesan dari pelapor"),
    "intake.public_view": pgettext_lazy("tindakan", "Status dilihat pelapor"),
    "intake.notify_overdue": pgettext_lazy("tindakan", "Pemberitahuan keterlambatan dikirim"),
    "intake.on_duty_set": pgettext_lazy("tindakan", "Petugas piket diatur"),
    "intake.pin_set": pgettext_lazy("tindakan", "PIN pelacakan diatur"),
    "intake.policy_set": pgettext_lazy("tindakan", "Batas waktu respons diatur"),
    "created": pgettext_lazy("tindakan", "Pengaduan diterima"),
    "edited": pgettext_lazy("tindakan", "Data pengaduan diubah"),
    "triaged": pgettext_lazy("tindakan", "Ditriase"),
    "routed": pgettext_lazy("tindakan", "Diteruskan ke UPTD PPA yang berwenang"),
    "handed_over": pgettext_lazy("tindakan", "Dilimpahkan"),
    "accepted": pgettext_lazy("tindakan", "Diterima sebagai kasus"),
    "attached": pgettext_lazy("tindakan", "Digabung ke kasus"),
    "referred": pgettext_lazy("tindakan", "Dirujuk ke layanan lain"),
    "closed": pgettext_lazy("tindakan", "Ditutup (bukan kasus)"),
    "merged": pgettext_lazy("tindakan", "Digabung dengan pengaduan lain"),
    "merged_from": pgettext_lazy("tindakan", "Pengaduan lain digabung ke sini"),
    "note": pgettext_lazy("tindakan", "Catatan internal"),
    "message": pgettext_lazy("tindakan", "Pesan ke pelapor"),
    "public_message": pgettext_lazy("tindakan", "Pesan dari pelapor"),
    # Privacy
    "privacy.view": pgettext_lazy("tindakan", "Data pribadi dilihat"),
    "privacy.consent_record": pgettext_lazy("tindakan", "Persetujuan dicatat"),
    "privacy.consent_withdraw": pgettext_lazy("tindakan", "Persetujuan ditarik"),
    "privacy.request_create": pgettext_lazy("tindakan", "Permintaan subjek data dicatat"),
    "privacy.request_identify": pgettext_lazy("tindakan", "Subjek data dikenali"),
    "privacy.request_start": pgettext_lazy("tindakan", "Permintaan mulai diproses"),
    "privacy.request_complete": pgettext_lazy("tindakan", "Permintaan selesai"),
    "privacy.request_refuse": pgettext_lazy("tindakan", "Permintaan ditolak"),
    "privacy.export": pgettext_lazy("tindakan", "Salinan data diunduh"),
    "privacy.correct": pgettext_lazy("tindakan", "Data identitas diperbaiki"),
    "privacy.erase": pgettext_lazy("tindakan", "Data identitas dihapus"),
    "privacy.restrict": pgettext_lazy("tindakan", "Pemrosesan dibatasi"),
    "privacy.restrict_lift": pgettext_lazy("tindakan", "Pembatasan dicabut"),
    "privacy.hold_set": pgettext_lazy("tindakan", "Penahanan hukum dipasang"),
    "privacy.hold_release": pgettext_lazy("tindakan", "Penahanan hukum dilepas"),
    "privacy.breach_record": pgettext_lazy("tindakan", "Kebocoran data dicatat"),
    "privacy.breach_update": pgettext_lazy("tindakan", "Catatan kebocoran diperbarui"),
    "privacy.retention_run": pgettext_lazy("tindakan", "Retensi dijalankan"),
    # Statistics
    "stats.view": pgettext_lazy("tindakan", "Statistik dilihat"),
    "stats.export": pgettext_lazy("tindakan", "Statistik diunduh"),
    "stats.report_request": pgettext_lazy("tindakan", "Laporan statistik diminta"),
    "stats.report_download": pgettext_lazy("tindakan", "Laporan statistik diunduh"),
    # Prevention
    "prevention.activity_create": pgettext_lazy("tindakan", "Kegiatan pencegahan dicatat"),
    "prevention.activity_update": pgettext_lazy("tindakan", "Kegiatan pencegahan diubah"),
    "prevention.session_add": pgettext_lazy("tindakan", "Sesi ditambahkan"),
    "prevention.speaker_add": pgettext_lazy("tindakan", "Narasumber ditambahkan"),
    "prevention.attendee_add": pgettext_lazy("tindakan", "Peserta ditambahkan"),
    "prevention.attendees_view": pgettext_lazy("tindakan", "Daftar peserta dilihat"),
    "prevention.count_set": pgettext_lazy("tindakan", "Jumlah peserta dicatat"),
    "prevention.count_delete": pgettext_lazy("tindakan", "Jumlah peserta dihapus"),
    "prevention.followup_add": pgettext_lazy("tindakan", "Tindak lanjut ditambahkan"),
    "prevention.followup_status": pgettext_lazy("tindakan", "Status tindak lanjut diubah"),
    "prevention.group_save": pgettext_lazy("tindakan", "Kelompok sasaran disimpan"),
    "prevention.campaign_create": pgettext_lazy("tindakan", "Kampanye dicatat"),
    "prevention.reach_export": pgettext_lazy("tindakan", "Data jangkauan diunduh"),
    # Outreach
    "outreach.vehicle_save": pgettext_lazy("tindakan", "Kendaraan disimpan"),
    "outreach.crew_add": pgettext_lazy("tindakan", "Awak ditambahkan"),
    "outreach.request_create": pgettext_lazy("tindakan", "Permintaan penjangkauan dicatat"),
    "outreach.request_view": pgettext_lazy("tindakan", "Permintaan penjangkauan dilihat"),
    "outreach.trip_schedule": pgettext_lazy("tindakan", "Perjalanan dijadwalkan"),
    "outreach.trip_log": pgettext_lazy("tindakan", "Perjalanan dicatat"),
    "outreach.trip_cancel": pgettext_lazy("tindakan", "Perjalanan dibatalkan"),
    # Coordination
    "coordination.taskforce_save": pgettext_lazy("tindakan", "Gugus tugas disimpan"),
    "coordination.member_add": pgettext_lazy("tindakan", "Anggota ditambahkan"),
    "coordination.meeting_save": pgettext_lazy("tindakan", "Rapat disimpan"),
    "coordination.action_add": pgettext_lazy("tindakan", "Rencana tindak lanjut ditambahkan"),
    "coordination.action_status": pgettext_lazy("tindakan", "Status tindak lanjut diubah"),
    "coordination.volunteer_save": pgettext_lazy("tindakan", "Relawan disimpan"),
    "coordination.volunteer_view": pgettext_lazy("tindakan", "Data relawan dilihat"),
    "coordination.volunteers_view": pgettext_lazy("tindakan", "Daftar relawan dilihat"),
    "coordination.plan_save": pgettext_lazy("tindakan", "RAD disimpan"),
    "coordination.plan_activity_add": pgettext_lazy("tindakan", "Kegiatan RAD ditambahkan"),
    "coordination.programme_add": pgettext_lazy("tindakan", "Program ditambahkan"),
    "coordination.indicator_add": pgettext_lazy("tindakan", "Indikator ditambahkan"),
    "coordination.target_set": pgettext_lazy("tindakan", "Target diatur"),
    "coordination.realisation_set": pgettext_lazy("tindakan", "Realisasi dicatat"),
    "coordination.progress_export": pgettext_lazy("tindakan", "Capaian RAD diunduh"),
}

NOT_FILLED = _("tidak diisi")
BY_SYSTEM = _("otomatis oleh sistem")


def register_actions(labels: dict[str, Promise | str]) -> None:
    """Add labels of audit actions or timeline events (a module's ``ready()``)."""
    _ACTIONS.update(labels)


def known_actions() -> frozenset[str]:
    return frozenset(_ACTIONS)


def humanise(code: str) -> str:
    """Last resort for a code without a label: words, never the code ("rumah_aman" -> "Rumah aman")."""
    words = " ".join(code.replace(".", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def action_label(code: Any) -> str:
    if code in (None, ""):
        return str(NOT_FILLED)
    label = _ACTIONS.get(str(code))
    return str(label) if label is not None else humanise(str(code))


_CODE_RE = re.compile(r"^[a-z0-9_.]+$")


@functools.cache
def _choices(spec: str) -> dict[str, Any]:
    """``"intake.Status"`` -> {code: lazy label} of ``simpul.intake.models.Status``;
    ``"core.codes.AmpkCategory"`` -> of ``simpul.core.codes.AmpkCategory``."""
    where, _dot, name = spec.rpartition(".")
    module = importlib.import_module(f"simpul.{where}" if "." in where else f"simpul.{where}.models")
    return {str(code): label for code, label in getattr(module, name).choices}


def code_label(code: Any, spec: str) -> str:
    """The label of a stored code; a value that is already words is left as it is."""
    if code in (None, ""):
        return str(NOT_FILLED)
    label = _choices(spec).get(str(code))
    if label is not None:
        return str(label)
    return humanise(str(code)) if _CODE_RE.match(str(code)) else str(code)


def or_missing(value: Any) -> Any:
    """The value, or "tidak diisi" when it is missing (None, "", "None", "?")."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "None", "?")):
        return gettext("tidak diisi")
    return value


def actor_name(user: Any) -> str:
    """Who did it: a staff member's name, or "otomatis oleh sistem" for automatic entries."""
    if user is None:
        return gettext("otomatis oleh sistem")
    return str(user.get_full_name() or user.get_username())
