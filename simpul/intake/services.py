"""Every write of the intake module. Each service checks access, validates, runs in one
transaction, writes the audit event (ids and field names only) and the report's timeline."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.roles import Role
from simpul.accounts.models import Membership, Organisation, OrgType
from simpul.audit import services as audit
from simpul.cases import services as case_services
from simpul.cases.models import Case
from simpul.cases.seams import ReportFacts
from simpul.crypto.blind import blind_index
from simpul.intake import clocks, codes, conf
from simpul.intake.models import (
    OPEN_STATUSES,
    AuthorKind,
    Channel,
    JenisKasus,
    Kewenangan,
    Notification,
    OnDuty,
    OverdueNotice,
    Period,
    Report,
    ReportEvent,
    ReportMessage,
    ResponsePolicy,
    Risk,
    Status,
    Urgency,
    WebhookReceipt,
)
from simpul.intake.routing import route
from simpul.intake.triage import FACTOR_KEYS, compute_risk

log = logging.getLogger(__name__)

ENCRYPTED_FIELDS = (
    "story", "location_text", "reporter_name", "reporter_contact", "safe_contact",
    "victim_name", "victim_nik", "victim_birth_date", "victim_phone",
)
PLAIN_FIELDS = ("for_whom", "victim_is_child", "period", "urgency", "anonymous", "do_not_contact", "external_ref")
OFFICER_ROLES = (Role.PETUGAS_PENGADUAN, Role.KEPALA, Role.MANAJER_KASUS)


# --- helpers ---------------------------------------------------------------------------------

def _event(report: Report, kind: str, actor: Any = None, *, from_status: str = "", to_status: str = "", **detail: Any) -> None:
    ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status,
        to_status=to_status,
        detail=detail,
    )


def _filled(report: Report, names: Iterable[str] = ENCRYPTED_FIELDS) -> list[str]:
    return [n for n in names if getattr(report, n) not in (None, "", {}, [])]


def _refresh_indexes(report: Report) -> None:
    contact = report.reporter_contact or ""
    report.reporter_phone_bidx = blind_index("phone", contact) if contact and "@" not in contact else ""
    report.victim_nik_bidx = blind_index("nik", report.victim_nik)
    report.victim_phone_bidx = blind_index("phone", report.victim_phone)
    if report.victim_name and report.victim_birth_date:
        report.victim_name_birth_bidx = blind_index("name", f"{report.victim_name} {report.victim_birth_date.isoformat()}")
    else:
        report.victim_name_birth_bidx = ""


def provisional_risk(report: Report) -> str:
    """Before triage: an emergency said by the reporter counts as high, anything else medium."""
    if report.urgency == Urgency.SEGERA or report.period == Period.BERLANGSUNG:
        return Risk.TINGGI
    return Risk.SEDANG


def _set_due(report: Report) -> None:
    report.due_at = clocks.due_at(report.received_at, report.risk or provisional_risk(report), report.organisation_id)


def _mark_action(report: Report, now: dt.datetime | None = None) -> None:
    if report.first_action_at is None:
        report.first_action_at = now or timezone.now()


def _route(report: Report) -> None:
    org, flag = route(report.region_id, report.kewenangan or Kewenangan.KAB_KOTA)
    report.flag_pusat = flag
    if org is not None:
        report.organisation = org


def _clean_fields(data: dict[str, Any]) -> dict[str, Any]:
    allowed = set(ENCRYPTED_FIELDS) | set(PLAIN_FIELDS) | {"region_id", "channel", "received_at"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    out = dict(data)
    if out.get("anonymous"):
        out["reporter_name"] = None
    return out


def _create(
    *,
    fields: dict[str, Any],
    idempotency_key: str | None,
    actor: Any = None,
    pin: str | None = None,
    ip: str = "",
    default_org: Organisation | None = None,
) -> tuple[Report, bool]:
    """Create a report exactly once per idempotency key (concurrent duplicates included)."""
    if idempotency_key:
        existing = Report.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    for _attempt in range(8):
        report = Report(**fields)
        report.tracking_code = codes.new_code()
        report.idempotency_key = idempotency_key or None
        report.received_at = fields.get("received_at") or timezone.now()
        report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        if pin:
            report.pin_hash = codes.hash_pin(pin)
        _route(report)
        if report.organisation_id is None and default_org is not None:
            report.organisation = default_org
        _refresh_indexes(report)
        _set_due(report)
        try:
            with transaction.atomic():
                report.save(force_insert=True)
                _event(report, "created", actor, to_status=report.status, channel=report.channel)
                audit.record(
                    "intake.create",
                    actor=actor,
                    obj=report,
                    organisation_id=report.organisation_id,
                    fields=_filled(report),
                    extra={"channel": report.channel},
                    ip=ip,
                )
        except IntegrityError:
            if idempotency_key:
                existing = Report.objects.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    return existing, False
            continue  # tracking-code collision: draw again
        return report, True
    raise RuntimeError("could not allocate a unique tracking code")


# --- creation from every channel ---------------------------------------------------------------

@dataclass
class PublicResult:
    report: Report
    created: bool
    pin: str | None  # None when the PIN can no longer be shown (the reporter set their own)


def report_submit_public(*, data: dict[str, Any], idempotency_key: str) -> PublicResult:
    """A report from the public portal. The reporter's address is never stored."""
    fields = _clean_fields(data)
    fields["channel"] = Channel.PORTAL
    pin = codes.derived_pin(idempotency_key)
    report, created = _create(fields=fields, idempotency_key=f"web:{idempotency_key}", pin=pin)
    if not created and report.pin_set_by_reporter:
        return PublicResult(report, False, None)
    return PublicResult(report, created, pin)


def report_field_submit(*, actor: Any, data: dict[str, Any], idempotency_key: str) -> Report:
    """A field report from a relawan or Satgas member."""
    access.check(actor, "intake.field_report")
    fields = _clean_fields(data)
    fields["channel"] = Channel.LAPANGAN
    report, _created = _create(fields=fields, idempotency_key=f"field:{actor.pk}:{idempotency_key}", actor=actor)
    return report


def _officer_default_org(actor: Any) -> Organisation | None:
    ids = access.actor_for(actor).org_ids(*OFFICER_ROLES)
    return Organisation.objects.filter(pk__in=ids, type=OrgType.UPTD_PPA).order_by("pk").first() or (
        Organisation.objects.filter(pk__in=ids).order_by("pk").first()
    )


def report_record(*, actor: Any, data: dict[str, Any], idempotency_key: str = "") -> Report:
    """An officer records a complaint from any channel (minimal fields first, the rest later)."""
    access.check(actor, "intake.record")
    fields = _clean_fields(data)
    if fields.get("channel") in (None, "", Channel.PORTAL, Channel.LAPANGAN):
        raise ValidationError({"channel": _("Pilih kanal pengaduan.")})
    key = f"officer:{actor.pk}:{idempotency_key}" if idempotency_key else None
    report, _created = _create(fields=fields, idempotency_key=key, actor=actor, default_org=_officer_default_org(actor))
    return report


def report_api_create(*, actor: Any, data: dict[str, Any], idempotency_key: str = "") -> tuple[Report, bool]:
    """A complaint from another system (hotline, SAPA 129 forward)."""
    access.check(actor, "intake.record")
    fields = _clean_fields(data)
    fields.setdefault("channel", Channel.API)
    if fields["channel"] in (Channel.PORTAL, Channel.LAPANGAN):
        raise ValidationError({"channel": _("Kanal ini tidak dapat dipakai melalui API.")})
    key = f"api:{actor.pk}:{idempotency_key}" if idempotency_key else None
    return _create(fields=fields, idempotency_key=key, actor=actor, default_org=_officer_default_org(actor))


# --- officer work ------------------------------------------------------------------------------

def _sync_victim_person(report: Report) -> None:
    if not (report.victim_name or report.victim_nik):
        return
    from simpul.people.models import Person
    from simpul.people.services import person_save

    person = report.victim_person or Person(organisation=report.organisation)
    report.victim_person = person_save(
        person,
        full_name=report.victim_name or None,
        nik=report.victim_nik or None,
        birth_date=report.victim_birth_date,
        phone=report.victim_phone or None,
    )


@transaction.atomic
def report_update(*, actor: Any, report: Report, changes: dict[str, Any]) -> Report:
    """Complete or correct a report (the rest later). Re-routes when the region changes."""
    access.check(actor, "edit", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani dan tidak dapat diubah lagi."))
    changes = _clean_fields(changes)
    changed = [k for k, v in changes.items() if getattr(report, k) != v]
    for key in changed:
        setattr(report, key, changes[key])
    if "region_id" in changed:
        _route(report)
    _refresh_indexes(report)
    if any(k in changed for k in ("victim_name", "victim_nik", "victim_birth_date", "victim_phone")):
        _sync_victim_person(report)
    _set_due(report)
    report.save()
    names = sorted(changed)
    _event(report, "edited", actor, fields=names)
    audit.record("intake.update", actor=actor, obj=report, organisation_id=report.organisation_id, fields=names)
    return report


@transaction.atomic
def report_triage(
    *,
    actor: Any,
    report: Report,
    jenis_kasus: str,
    ampk_category: str = "",
    checklist: list[str] | None = None,
    risk_override: str = "",
    override_reason: str = "",
    kewenangan: str = Kewenangan.KAB_KOTA,
) -> Report:
    access.check(actor, "triage", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani."))
    errors: dict[str, str] = {}
    if jenis_kasus not in JenisKasus.values:
        errors["jenis_kasus"] = _("Pilih jenis kasus.")
    if jenis_kasus == JenisKasus.AMPK and not ampk_category:
        errors["ampk_category"] = _("Untuk AMPK, pilih kategorinya (UU 35/2014 Pasal 59 ayat 2).")
    if kewenangan not in Kewenangan.values:
        errors["kewenangan"] = _("Pilih kewenangan.")
    checklist = sorted(set(checklist or []))
    if set(checklist) - FACTOR_KEYS:
        errors["checklist"] = _("Faktor risiko tidak dikenal.")
    computed = compute_risk(checklist)
    final = risk_override or computed
    if final not in Risk.values:
        errors["risk_override"] = _("Tingkat risiko tidak dikenal.")
    elif final != computed and not override_reason.strip():
        errors["override_reason"] = _("Tuliskan alasan bila risiko berbeda dari hasil daftar periksa.")
    if errors:
        raise ValidationError(errors)
    old_org = report.organisation_id
    before = report.status
    report.jenis_kasus = jenis_kasus
    report.ampk_category = ampk_category if jenis_kasus == JenisKasus.AMPK else ""
    report.risk_checklist = checklist
    report.risk_computed = computed
    report.risk = final
    report.risk_override_reason = override_reason.strip() if final != computed else None
    report.kewenangan = kewenangan
    report.triaged_at = timezone.now()
    if report.status == Status.BARU:
        report.status = Status.DITRIASE
    _route(report)
    _set_due(report)
    _mark_action(report)
    report.save()
    _event(
        report, "triaged", actor, from_status=before, to_status=report.status,
        jenis_kasus=jenis_kasus, risk=final, risk_computed=computed, kewenangan=kewenangan,
    )
    extra: dict[str, Any] = {"risk": final, "kewenangan": kewenangan, "jenis_kasus": jenis_kasus}
    if report.organisation_id != old_org:
        extra["routed_to"] = report.organisation_id
        _event(report, "routed", actor, organisation_id=report.organisation_id, flag_pusat=report.flag_pusat)
    audit.record("intake.triage", actor=actor, obj=report, organisation_id=old_org, fields=["risk_checklist"], extra=extra)
    return report


def _decide(report: Report, actor: Any, to_status: str, kind: str, **detail: Any) -> None:
    before = report.status
    report.status = to_status
    report.closed_at = timezone.now()
    _mark_action(report)
    report.save()
    _event(report, kind, actor, from_status=before, to_status=to_status, **detail)


def _ensure_decidable(actor: Any, report: Report) -> None:
    access.check(actor, "decide", report)
    if not report.is_open:
        raise ValidationError(_("Pengaduan ini sudah selesai ditangani."))


def report_facts(report: Report) -> ReportFacts:
    """The typed facts of ``report`` that the case service opens a case from."""
    if report.organisation is None:
        raise ValidationError(_("Laporan tidak memiliki organisasi penerima."))
    return ReportFacts(
        uid=report.uid,
        organisation=report.organisation,
        region_code=report.region_id,
        jenis_kasus=report.jenis_kasus,
        risk=report.risk,
        kewenangan=report.kewenangan,
        channel=report.channel,
        received_on=timezone.localdate(report.received_at),
        story=report.story,
        ampk_category=report.ampk_category,
        victim_person=report.victim_person,
        victim_name=report.victim_name,
        victim_nik=report.victim_nik,
        victim_birth_date=report.victim_birth_date,
        victim_phone=report.victim_phone,
        reporter_person=report.reporter_person,
    )


@transaction.atomic
def report_accept_as_case(*, actor: Any, report: Report) -> Case:
    _ensure_decidable(actor, report)
    if report.risk == "" or report.jenis_kasus == "":
        raise ValidationError(_("Lakukan triase dulu sebelum menerima sebagai kasus."))
    case = case_services.case_open_from_report(actor=actor, facts=report_facts(report))
    report.refresh_from_db()
    report.case_id = case.pk
    _decide(report, actor, Status.DITERIMA, "accepted", case_id=case.pk)
    audit.record("intake.accept", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"case_id": case.pk})
    return case


@transaction.atomic
def report_attach_to_case(*, actor: Any, report: Report, case: Case) -> Case:
    _ensure_decidable(actor, report)
    case_services.case_attach_report(actor=actor, report_uid=report.uid, case=case)
    report.refresh_from_db()
    report.case_id = case.pk
    _decide(report, actor, Status.DIGABUNG_KASUS, "attached", case_id=case.pk)
    audit.record("intake.attach", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"case_id": case.pk})
    return case


@transaction.atomic
def report_refer(*, actor: Any, report: Report, organisation: Organisation, reason: str) -> Report:
    """Refer onward. To another UPTD PPA this is a hand-over: the report joins that queue."""
    _ensure_decidable(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan rujukan.")})
    if organisation.pk == report.organisation_id:
        raise ValidationError({"organisation": _("Pilih organisasi lain.")})
    old_org = report.organisation_id
    report.referred_to = organisation
    report.closure_reason = reason.strip()
    if organisation.type == OrgType.UPTD_PPA:
        before = report.status
        report.organisation = organisation
        report.status = Status.BARU
        report.flag_pusat = False
        _mark_action(report)
        _set_due(report)
        report.save()
        _event(report, "handed_over", actor, from_status=before, to_status=Status.BARU, organisation_id=organisation.pk)
    else:
        _decide(report, actor, Status.DIRUJUK, "referred", organisation_id=organisation.pk)
    audit.record(
        "intake.refer", actor=actor, obj=report, organisation_id=old_org, fields=["closure_reason"],
        extra={"to_organisation_id": organisation.pk},
    )
    return report


@transaction.atomic
def report_close(*, actor: Any, report: Report, reason: str) -> Report:
    _ensure_decidable(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penutupan wajib diisi.")})
    report.closure_reason = reason.strip()
    _decide(report, actor, Status.DITUTUP, "closed")
    audit.record("intake.close", actor=actor, obj=report, organisation_id=report.organisation_id, fields=["closure_reason"])
    return report


@transaction.atomic
def report_merge(*, actor: Any, report: Report, into: Report) -> Report:
    """Merge a duplicate into another report of the same organisation."""
    _ensure_decidable(actor, report)
    access.check(actor, "view", into)
    if into.pk == report.pk:
        raise ValidationError({"into": _("Pengaduan tidak dapat digabung dengan dirinya sendiri.")})
    while into.merged_into_id is not None:
        into = into.merged_into  # type: ignore[assignment]
    if into.pk == report.pk:
        raise ValidationError({"into": _("Pengaduan tidak dapat digabung dengan dirinya sendiri.")})
    report.merged_into = into
    _decide(report, actor, Status.DUPLIKAT, "merged", into=into.pk)
    _event(into, "merged_from", actor, from_report=report.pk)
    audit.record("intake.merge", actor=actor, obj=report, organisation_id=report.organisation_id, extra={"into": into.pk})
    return report


# --- messages ----------------------------------------------------------------------------------

@transaction.atomic
def message_post_officer(*, actor: Any, report: Report, body: str, internal: bool) -> ReportMessage:
    access.check(actor, "message", report)
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Pesan tidak boleh kosong.")})
    msg = ReportMessage.objects.create(report=report, author_kind=AuthorKind.OFFICER, author=actor, body=body, internal=internal)
    if not internal:
        _mark_action(report)
        report.save(update_fields=["first_action_at", "updated_at"])
    _event(report, "note" if internal else "message", actor)
    audit.record("intake.message", actor=actor, obj=report, organisation_id=report.organisation_id, fields=["body"], extra={"internal": internal})
    return msg


@transaction.atomic
def message_post_public(*, report: Report, body: str) -> ReportMessage:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Pesan tidak boleh kosong.")})
    msg = ReportMessage.objects.create(report=report, author_kind=AuthorKind.PUBLIC, body=body[:5000], internal=False)
    _event(report, "public_message")
    audit.record("intake.public_message", obj=report, organisation_id=report.organisation_id, fields=["body"], ip="")
    return msg


# --- reporter PIN ----------------------------------------------------------------------------

def pin_matches(report: Report, pin: str) -> bool:
    return codes.check_pin(pin, report.pin_hash)


@transaction.atomic
def pin_set(*, report: Report, new_pin: str) -> None:
    if not codes.PIN_RE.match(new_pin or ""):
        raise ValidationError({"new_pin": _("PIN harus 6 sampai 12 angka.")})
    report.pin_hash = codes.hash_pin(new_pin)
    report.pin_set_by_reporter = True
    report.save(update_fields=["pin_hash", "pin_set_by_reporter", "updated_at"])
    audit.record("intake.pin_set", obj=report, organisation_id=report.organisation_id, ip="")


# --- messaging gateway webhook -----------------------------------------------------------------

class WebhookRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def webhook_verify(*, body: bytes, timestamp: str, signature: str, now: float | None = None) -> None:
    secret = conf.webhook_secret()
    if not secret:
        raise WebhookRefused(503, "webhook not configured")
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        raise WebhookRefused(401, "bad timestamp") from None
    current = now if now is not None else timezone.now().timestamp()
    if abs(current - ts) > conf.WEBHOOK_MAX_SKEW:
        raise WebhookRefused(401, "timestamp outside the allowed window")
    expected = webhook_signature(secret, str(ts), body)
    given = (signature or "").removeprefix("sha256=")
    if not hmac.compare_digest(expected, given):
        raise WebhookRefused(401, "bad signature")


@transaction.atomic
def webhook_receive(*, sender: str, message_id: str, text: str) -> tuple[str, Report]:
    """Start a WhatsApp/SMS intake conversation, or continue the sender's open report.
    Returns ("created"|"appended", report). Raises WebhookRefused on a replayed message id."""
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(message_id=message_id)
    except IntegrityError:
        raise WebhookRefused(409, "message already received") from None
    phone_bidx = blind_index("phone", sender)
    org_id = conf.webhook_organisation_id()
    existing = (
        Report.objects.filter(reporter_phone_bidx=phone_bidx, status__in=OPEN_STATUSES, channel=Channel.WHATSAPP)
        .order_by("-received_at").first()
        if phone_bidx else None
    )
    if existing is not None:
        ReportMessage.objects.create(report=existing, author_kind=AuthorKind.PUBLIC, body=text, internal=False)
        _event(existing, "public_message", channel=Channel.WHATSAPP)
        audit.record("intake.public_message", obj=existing, organisation_id=existing.organisation_id, fields=["body"], ip="")
        return "appended", existing
    default_org = Organisation.objects.filter(pk=org_id).first() if org_id else None
    report, _created = _create(
        fields={"channel": Channel.WHATSAPP, "story": text, "reporter_contact": sender},
        idempotency_key=f"wa:{message_id}",
        default_org=default_org,
    )
    return "created", report


def webhook_payload(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WebhookRefused(422, "body is not JSON") from None
    if not isinstance(data, dict):
        raise WebhookRefused(422, "body must be an object")
    sender, message_id, text = data.get("from"), data.get("message_id"), data.get("text")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > 32:
        raise WebhookRefused(422, "from is required")
    if not isinstance(message_id, str) or not message_id.strip() or len(message_id) > 120:
        raise WebhookRefused(422, "message_id is required")
    if not isinstance(text, str) or not text.strip() or len(text) > 10000:
        raise WebhookRefused(422, "text is required")
    return {"sender": sender.strip(), "message_id": message_id.strip(), "text": text.strip()}


# --- overdue notifications ---------------------------------------------------------------------

def on_duty_users(organisation_id: int) -> list[Any]:
    from simpul.accounts.models import User

    rows = OnDuty.objects.filter(organisation_id=organisation_id, active=True, user__is_active=True)
    if rows.exists():
        return list(User.objects.filter(pk__in=rows.values("user_id")))
    member_ids = Membership.objects.filter(
        organisation_id=organisation_id, role__in=OFFICER_ROLES, is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))


def overdue_queryset(now: dt.datetime) -> Any:
    return Report.objects.filter(
        status__in=OPEN_STATUSES, first_action_at__isnull=True, due_at__lt=now, organisation__isnull=False
    )


def notify_overdue(*, now: dt.datetime | None = None) -> int:
    """Notify the on-duty officers of each overdue report, once per report and due time."""
    now = now or timezone.now()
    sent = 0
    for report in overdue_queryset(now).only("pk", "tracking_code", "due_at", "organisation_id").iterator():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    OverdueNotice.objects.create(report=report, due_at=report.due_at)
            except IntegrityError:
                continue  # already notified for this overdue state
            users = on_duty_users(report.organisation_id)  # type: ignore[arg-type]
            Notification.objects.bulk_create([Notification(user=u, report=report, kind="overdue") for u in users])
            emails = [u.email for u in users if u.email]
            code = codes.display(report.tracking_code)
            if emails:
                transaction.on_commit(functools.partial(_send_overdue_mail, emails, code))
            audit.record("intake.notify_overdue", obj=report, organisation_id=report.organisation_id, extra={"recipients": len(users)})
            sent += 1
    return sent


def _send_overdue_mail(emails: list[str], code: str) -> None:
    subject = _("Simpul: pengaduan %(code)s melewati batas respons") % {"code": code}
    body = _(
        "Pengaduan %(code)s belum ditindaklanjuti dan sudah melewati batas waktu respons.\n"
        "Buka antrean pengaduan di Simpul untuk menanganinya. (Isi pengaduan tidak dikirim lewat email.)"
    ) % {"code": code}
    try:
        send_mail(subject, body, None, emails, fail_silently=False)
    except Exception:  # noqa: BLE001 - a mail failure must not lose the in-app notification
        log.exception("overdue e-mail failed")


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> None:
    access.check(actor, "view", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


# --- per-organisation settings: response clock and duty roster -----------------------------------


@transaction.atomic
def response_policy_set(*, actor: Any, organisation: Organisation, high_minutes: int, medium_minutes: int, low_working_days: int) -> ResponsePolicy:
    """Set ``organisation``'s response clock (defaults: at once / 6 hours / 3 working days)."""
    access.check(actor, "intake.configure", organisation.pk)
    if not (0 <= high_minutes <= medium_minutes):
        raise ValidationError({"high_minutes": _("Batas risiko tinggi tidak boleh lebih lama dari risiko sedang.")})
    if not (1 <= low_working_days <= 30):
        raise ValidationError({"low_working_days": _("Batas risiko rendah harus 1 sampai 30 hari kerja.")})
    policy, _created = ResponsePolicy.objects.update_or_create(
        organisation=organisation,
        defaults={"high_minutes": high_minutes, "medium_minutes": medium_minutes, "low_working_days": low_working_days},
    )
    audit.record(
        "intake.policy_set",
        actor=actor,
        obj=policy,
        organisation_id=organisation.pk,
        extra={"high_minutes": high_minutes, "medium_minutes": medium_minutes, "low_working_days": low_working_days},
    )
    return policy


@transaction.atomic
def on_duty_set(*, actor: Any, organisation: Organisation, user_ids: Iterable[int]) -> list[int]:
    """Replace ``organisation``'s duty roster with ``user_ids`` (officers of that organisation only).
    An empty roster means every officer of the organisation is on duty."""
    access.check(actor, "intake.configure", organisation.pk)
    wanted = set(int(u) for u in user_ids)
    officers = set(
        Membership.objects.filter(organisation=organisation, role__in=OFFICER_ROLES, is_active=True, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if wanted - officers:
        raise ValidationError({"users": _("Hanya petugas organisasi ini yang dapat dijadwalkan.")})
    OnDuty.objects.filter(organisation=organisation).exclude(user_id__in=wanted).delete()
    for user_id in wanted:
        OnDuty.objects.update_or_create(organisation=organisation, user_id=user_id, defaults={"active": True})
    audit.record("intake.on_duty_set", actor=actor, obj=organisation, organisation_id=organisation.pk, extra={"users": sorted(wanted)})
    return sorted(wanted)
