"""Every write of the privacy module, and the questions other modules ask it.

Questions (no actor, no audit: they reveal no identifying data):
    consent_check(person, purpose) -> ConsentAnswer
    is_restricted(person, purpose) -> bool
    legal_hold_active(object_type, object_id) -> bool
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.models import (
    Breach,
    BreachStatus,
    Consent,
    ConsentHow,
    GivenBy,
    LegalBasis,
    LegalHold,
    Purpose,
    RequestKind,
    RequestStatus,
    Restriction,
    SubjectRequest,
)

ADULT_AGE = 18
# Bases that keep a purpose allowed even while the subject restricts processing (life and law first).
BASES_OVER_RESTRICTION = frozenset({LegalBasis.VITAL_INTEREST, LegalBasis.LEGAL_OBLIGATION})


def _now() -> dt.datetime:
    return timezone.now()


# --------------------------------------------------------------------------- age / children


def person_age(person: Person, on: dt.date | None = None) -> int | None:
    """The person's (lowest possible) age on ``on``: from the birth date, else the estimated
    age (aged from when it was estimated), else the birth year (counting the birthday as not
    yet reached, so a child is never taken for an adult). None when nothing is known."""
    on = on or timezone.localdate()
    birth = person.birth_date
    if birth:
        return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if person.age_estimate is not None:
        since = person.age_estimated_on or on
        return person.age_estimate + max(0, on.year - since.year - ((on.month, on.day) < (since.month, since.day)))
    if person.birth_year:
        return on.year - person.birth_year - 1
    return None


def is_child(person: Person, on: dt.date | None = None) -> bool:
    age = person_age(person, on)
    return age is not None and age < ADULT_AGE


# --------------------------------------------------------------------------- consent


@dataclass(frozen=True)
class ConsentAnswer:
    allowed: bool
    basis: str | None
    consent_id: int | None
    reason: str


def consent_record(
    *,
    actor: Any,
    person: Person,
    organisation: Any,
    purpose: str,
    basis: str,
    given_by: str = GivenBy.SELF,
    guardian_name: str | None = None,
    how: str = "",
    witness_name: str | None = None,
    given_at: dt.datetime | None = None,
    form_attachment_uid: uuid.UUID | str | None = None,
    note: str | None = None,
) -> Consent:
    """Record consent or another legal basis (UU PDP Pasal 20) for one purpose.

    A child (under 18) cannot consent on their own behalf: with the basis "consent" the
    consent must come from a parent or guardian (Pasal 25)."""
    access.check(actor, "privacy.consent_record", organisation.pk)
    given_at = given_at or _now()
    guardian_name = (guardian_name or "").strip() or None
    witness_name = (witness_name or "").strip() or None
    errors: dict[str, list[str]] = defaultdict(list)
    if purpose not in Purpose.values:
        errors["purpose"].append(_("Pilih tujuan pemrosesan."))
    if basis not in LegalBasis.values:
        errors["basis"].append(_("Pilih dasar hukum pemrosesan."))
    if given_by not in GivenBy.values:
        errors["given_by"].append(_("Pilih siapa yang memberikan persetujuan."))
    if how and how not in ConsentHow.values:
        errors["how"].append(_("Pilih cara persetujuan diberikan."))
    if given_at > _now() + dt.timedelta(minutes=5):
        errors["given_at"].append(_("Waktu persetujuan tidak boleh di masa depan."))
    if given_by in (GivenBy.PARENT, GivenBy.GUARDIAN) and not guardian_name:
        errors["guardian_name"].append(_("Isi nama orang tua atau wali yang memberikan persetujuan."))
    if basis == LegalBasis.CONSENT:
        if not how:
            errors["how"].append(_("Persetujuan harus tertulis, terekam, atau lisan dengan saksi: pilih caranya."))
        if how == ConsentHow.VERBAL_WITNESSED and not witness_name:
            errors["witness_name"].append(_("Persetujuan lisan memerlukan saksi: isi nama saksi."))
        if given_by == GivenBy.SELF and is_child(person, given_at.date()):
            errors["given_by"].append(
                _(
                    "Anak (di bawah 18 tahun) tidak dapat memberikan persetujuan sendiri: persetujuan "
                    "harus diberikan oleh orang tua atau wali (UU 27/2022 Pasal 25)."
                )
            )
    if errors:
        raise ValidationError(dict(errors))
    consent = Consent(
        person=person,
        organisation=organisation,
        purpose=purpose,
        basis=basis,
        given_by=given_by,
        guardian_name=guardian_name if given_by != GivenBy.SELF else None,
        how=how,
        witness_name=witness_name if how == ConsentHow.VERBAL_WITNESSED else None,
        given_at=given_at,
        form_attachment_uid=form_attachment_uid or None,
        note=(note or "").strip() or None,
        recorded_by=_user(actor),
    )
    with transaction.atomic():
        consent.save()
        audit.record(
            "privacy.consent_record",
            actor=actor,
            obj=consent,
            organisation_id=organisation.pk,
            fields=[f for f in ("guardian_name", "witness_name", "note") if getattr(consent, f)],
            extra={"person_id": person.pk, "purpose": purpose, "basis": basis, "given_by": given_by},
        )
    return consent


def consent_withdraw(*, actor: Any, consent: Consent, reason: str = "", at: dt.datetime | None = None, request: SubjectRequest | None = None) -> Consent:
    access.check(actor, "withdraw", consent)
    if consent.withdrawn_at is not None:
        raise ValidationError({"reason": [_("Persetujuan ini sudah ditarik.")]})
    consent.withdrawn_at = at or _now()
    consent.withdrawal_reason = (reason or "").strip() or None
    with transaction.atomic():
        consent.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        audit.record(
            "privacy.consent_withdraw",
            actor=actor,
            obj=consent,
            organisation_id=consent.organisation_id,
            fields=["withdrawal_reason"] if consent.withdrawal_reason else [],
            extra={"person_id": consent.person_id, "purpose": consent.purpose, "request": str(request.uid) if request else ""},
        )
    return consent


def consent_check(person: Person | int, purpose: str, *, at: dt.datetime | None = None) -> ConsentAnswer:
    """May we do ``purpose`` for ``person``? Answer with the legal basis it rests on.

    The newest active record (not withdrawn, given no later than ``at``) for that purpose
    decides; a restriction by the data subject blocks every basis except vital interest and
    legal obligation."""
    person_id = person if isinstance(person, int) else person.pk
    at = at or _now()
    records = list(
        Consent.objects.filter(person_id=person_id, purpose=purpose, given_at__lte=at)
        .order_by("-given_at", "-id")
        .only("id", "basis", "withdrawn_at", "given_at")
    )
    active = [c for c in records if c.withdrawn_at is None or c.withdrawn_at > at]
    if not active:
        if records:
            return ConsentAnswer(False, None, records[0].pk, _("Persetujuan untuk tujuan ini telah ditarik."))
        return ConsentAnswer(False, None, None, _("Belum ada persetujuan atau dasar hukum untuk tujuan ini."))
    if is_restricted(person_id, purpose, at=at):
        over = [c for c in active if c.basis in BASES_OVER_RESTRICTION]
        if not over:
            return ConsentAnswer(False, None, active[0].pk, _("Subjek data membatasi pemrosesan untuk tujuan ini."))
        active = over
    chosen = active[0]
    return ConsentAnswer(True, chosen.basis, chosen.pk, str(LegalBasis(chosen.basis).label))


# --------------------------------------------------------------------------- restriction


def is_restricted(person: Person | int, purpose: str | None = None, *, at: dt.datetime | None = None) -> bool:
    """Whether the data subject restricted processing for ``purpose`` (any purpose when None)."""
    person_id = person if isinstance(person, int) else person.pk
    qs = Restriction.objects.filter(person_id=person_id, lifted_at__isnull=True)
    if at is not None:
        qs = qs.filter(set_at__lte=at)
    for purposes in qs.values_list("purposes", flat=True):
        if not purposes or purpose is None or purpose in purposes:
            return True
    return False


def restriction_set(*, actor: Any, person: Person, organisation: Any, purposes: Iterable[str], request: SubjectRequest | None = None) -> Restriction:
    access.check(actor, "privacy.manage", organisation.pk)
    purposes = sorted(set(purposes))
    unknown = [p for p in purposes if p not in Purpose.values]
    if unknown:
        raise ValidationError({"purposes": [_("Tujuan tidak dikenal.")]})
    with transaction.atomic():
        r = Restriction.objects.create(
            person=person, organisation=organisation, purposes=purposes, request=request, set_at=_now(), set_by=_user(actor)
        )
        audit.record(
            "privacy.restrict", actor=actor, obj=r, organisation_id=organisation.pk, extra={"person_id": person.pk, "purposes": purposes}
        )
    return r


def restriction_lift(*, actor: Any, restriction: Restriction) -> Restriction:
    access.check(actor, "lift", restriction)
    if restriction.lifted_at is not None:
        raise ValidationError(_("Pembatasan ini sudah dicabut."))
    restriction.lifted_at = _now()
    with transaction.atomic():
        restriction.save(update_fields=["lifted_at"])
        audit.record("privacy.restrict_lift", actor=actor, obj=restriction, organisation_id=restriction.organisation_id, extra={"person_id": restriction.person_id})
    return restriction


# --------------------------------------------------------------------------- legal hold


def legal_hold_set(*, actor: Any, object_type: str, object_id: Any, organisation: Any, reason: str, label: str = "") -> LegalHold:
    access.check(actor, "privacy.hold_set", organisation.pk)
    object_type, object_id, reason = (object_type or "").strip(), str(object_id or "").strip(), (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not object_type or "." not in object_type:
        errors["object_type"] = [_("Isi jenis objek, mis. cases.case.")]
    if not object_id:
        errors["object_id"] = [_("Isi id objek.")]
    if not reason:
        errors["reason"] = [_("Isi alasan penahanan hukum.")]
    if not errors and legal_hold_active(object_type, object_id):
        errors["object_id"] = [_("Objek ini sudah dalam penahanan hukum.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            object_type=object_type,
            object_id=object_id,
            label=(label or "").strip()[:64],
            organisation=organisation,
            reason=reason[:300],
            set_by=_user(actor),
            set_at=_now(),
        )
        audit.record("privacy.hold_set", actor=actor, obj=hold, organisation_id=organisation.pk, extra={"object_type": object_type, "object_id": object_id})
    return hold


def legal_hold_release(*, actor: Any, hold: LegalHold) -> LegalHold:
    access.check(actor, "release", hold)
    if hold.released_at is not None:
        raise ValidationError(_("Penahanan hukum ini sudah dilepas."))
    hold.released_at = _now()
    hold.released_by = _user(actor)
    with transaction.atomic():
        hold.save(update_fields=["released_at", "released_by"])
        audit.record("privacy.hold_release", actor=actor, obj=hold, organisation_id=hold.organisation_id, extra={"object_type": hold.object_type, "object_id": hold.object_id})
    return hold


def legal_hold_active(object_type: str, object_id: Any) -> bool:
    return LegalHold.objects.filter(object_type=object_type, object_id=str(object_id), released_at__isnull=True).exists()


def legal_holds_active(object_type: str, object_ids: Iterable[Any]) -> dict[str, LegalHold]:
    """Active holds by object id (as string) among ``object_ids`` (one query)."""
    ids = [str(i) for i in object_ids]
    return {h.object_id: h for h in LegalHold.objects.filter(object_type=object_type, object_id__in=ids, released_at__isnull=True)}


def holds_for(person: Person) -> list[str]:
    """Every hold any provider reports for ``person`` (labels such as case numbers)."""
    found: list[str] = []
    for provider in registry.providers():
        for label in provider.holds(person) or []:
            if label not in found:
                found.append(str(label))
    return found


# --------------------------------------------------------------------------- data-subject requests


def request_due(kind: str, received_at: dt.datetime) -> dt.datetime:
    """3x24 hours for restriction and withdrawal of consent (UU PDP); for other kinds the
    organisation's own standard ``SIMPUL_DSR_DEFAULT_DAYS`` (14 days unless configured).
    ``SIMPUL_DSR_DUE_HOURS`` ({kind: hours}) overrides any kind."""
    hours: dict[str, int] = {"restriction": 72, "withdrawal": 72}
    hours.update(getattr(settings, "SIMPUL_DSR_DUE_HOURS", {}) or {})
    if kind in hours:
        return received_at + dt.timedelta(hours=int(hours[kind]))
    return received_at + dt.timedelta(days=int(getattr(settings, "SIMPUL_DSR_DEFAULT_DAYS", 14)))


def request_create(
    *,
    actor: Any,
    organisation: Any,
    kind: str,
    received_at: dt.datetime | None = None,
    requester_relation: str = "self",
    notes: str | None = None,
    purposes: Iterable[str] = (),
    person: Person | None = None,
) -> SubjectRequest:
    access.check(actor, "privacy.request_receive", organisation.pk)
    received_at = received_at or _now()
    errors: dict[str, list[str]] = {}
    if kind not in RequestKind.values:
        errors["kind"] = [_("Pilih jenis permintaan.")]
    if received_at > _now() + dt.timedelta(minutes=5):
        errors["received_at"] = [_("Waktu diterima tidak boleh di masa depan.")]
    purposes = sorted(set(purposes))
    if any(p not in Purpose.values for p in purposes):
        errors["purposes"] = [_("Tujuan tidak dikenal.")]
    if errors:
        raise ValidationError(errors)
    req = SubjectRequest(
        organisation=organisation,
        kind=kind,
        person=person,
        received_at=received_at,
        due_at=request_due(kind, received_at),
        requester_relation=requester_relation,
        notes=(notes or "").strip() or None,
        purposes=purposes,
        received_by=_user(actor),
    )
    with transaction.atomic():
        req.save()
        audit.record(
            "privacy.request_create",
            actor=actor,
            obj=req,
            organisation_id=organisation.pk,
            fields=["notes"] if req.notes else [],
            extra={"kind": kind, "person_id": person.pk if person else None},
        )
    return req


def _require_open(req: SubjectRequest) -> None:
    if not req.is_open:
        raise ValidationError(_("Permintaan ini sudah selesai atau ditolak."))


def request_identify(*, actor: Any, req: SubjectRequest, person: Person) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    from simpul.privacy.selectors import persons_visible

    if not persons_visible(actor).filter(pk=person.pk).exists():
        raise access.AccessDenied()
    req.person = person
    if req.status == RequestStatus.RECEIVED:
        req.status = RequestStatus.IN_PROGRESS
        req.handled_by = _user(actor)
    with transaction.atomic():
        req.save(update_fields=["person", "status", "handled_by"])
        audit.record("privacy.request_identify", actor=actor, obj=req, organisation_id=req.organisation_id, extra={"person_id": person.pk})
    return req


def request_start(*, actor: Any, req: SubjectRequest) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    req.status = RequestStatus.IN_PROGRESS
    req.handled_by = _user(actor)
    with transaction.atomic():
        req.save(update_fields=["status", "handled_by"])
        audit.record("privacy.request_start", actor=actor, obj=req, organisation_id=req.organisation_id)
    return req


def request_complete(*, actor: Any, req: SubjectRequest, note: str = "") -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    req.status = RequestStatus.COMPLETED
    req.completed_at = _now()
    req.handled_by = req.handled_by or _user(actor)
    update = ["status", "completed_at", "handled_by"]
    if note.strip():
        req.notes = "\n".join(x for x in (req.notes, note.strip()) if x)
        update.append("notes")
    with transaction.atomic():
        req.save(update_fields=update)
        audit.record(
            "privacy.request_complete",
            actor=actor,
            obj=req,
            organisation_id=req.organisation_id,
            fields=["notes"] if note.strip() else [],
            extra={"kind": req.kind, "late": req.completed_at > req.due_at},
        )
    return req


def request_refuse(*, actor: Any, req: SubjectRequest, reason: str) -> SubjectRequest:
    access.check(actor, "act", req)
    _require_open(req)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Penolakan wajib disertai alasan.")]})
    req.status = RequestStatus.REFUSED
    req.refusal_reason = reason[:500]
    req.completed_at = _now()
    req.handled_by = req.handled_by or _user(actor)
    with transaction.atomic():
        req.save(update_fields=["status", "refusal_reason", "completed_at", "handled_by"])
        audit.record("privacy.request_refuse", actor=actor, obj=req, organisation_id=req.organisation_id, fields=["refusal_reason"])
    return req


def request_withdraw_consents(*, actor: Any, req: SubjectRequest, purposes: Iterable[str], reason: str = "") -> int:
    """Carry out a withdrawal request: withdraw every active consent of the person for ``purposes``."""
    access.check(actor, "act", req)
    _require_open(req)
    if req.person_id is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    purposes = [p for p in purposes if p in Purpose.values]
    if not purposes:
        raise ValidationError({"purposes": [_("Pilih minimal satu tujuan.")]})
    count = 0
    with transaction.atomic():
        for consent in Consent.objects.filter(person_id=req.person_id, purpose__in=purposes, withdrawn_at__isnull=True, basis=LegalBasis.CONSENT):
            consent_withdraw(actor=actor, consent=consent, reason=reason, request=req)
            count += 1
        req.purposes = sorted(set(req.purposes) | set(purposes))
        req.save(update_fields=["purposes"])
    return count


# --------------------------------------------------------------------------- access export


@dataclass
class Export:
    content: bytes
    filename: str
    content_type: str


def person_sections(person: Person) -> list[registry.Section]:
    sections: list[registry.Section] = []
    for provider in registry.providers():
        sections.extend(provider.describe(person) or [])
    return sections


def access_export(*, actor: Any, req: SubjectRequest, fmt: str) -> Export:
    """Everything held about the request's person, decrypted, for the officer to hand over."""
    from simpul.privacy import exports

    access.check(actor, "act", req)
    if req.person_id is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError(_("Format tidak dikenal."))
    person = req.person
    if person is None:  # pragma: no cover - person_id checked above
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    sections = person_sections(person)
    now = timezone.localtime()
    title = _("Data pribadi yang disimpan Simpul")
    intro = [
        (_("Organisasi"), str(req.organisation)),
        (_("Dibuat"), now.strftime("%d-%m-%Y %H:%M")),
        (_("Dasar"), _("Permintaan akses subjek data (UU 27/2022)")),
        (_("Nomor permintaan"), str(req.uid)[:8]),
    ]
    if fmt == "xlsx":
        content = exports.build_xlsx(title, intro, sections)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.build_pdf(title, intro, sections)
        ctype = "application/pdf"
    audit.record(
        "privacy.export",
        actor=actor,
        object_type="people.person",
        object_id=person.pk,
        organisation_id=req.organisation_id,
        extra={"providers": [p.name for p in registry.providers()], "format": fmt, "request": str(req.uid), "sections": len(sections)},
    )
    return Export(content, f"akses-data-{str(req.uid)[:8]}-{now:%Y%m%d}.{fmt}", ctype)


# --------------------------------------------------------------------------- erasure


def pseudonym(person: Person) -> str:
    return f"Terhapus-{str(person.uid)[:8]}"


def _erase(person: Person, actor: Any) -> list[registry.ErasureResult]:
    held = holds_for(person)
    if held:
        raise ValidationError(
            _("Penghapusan diblokir: data orang ini berada dalam penahanan hukum (%(holds)s).") % {"holds": ", ".join(held)}
        )
    results = []
    for provider in registry.providers():
        result = provider.erase(person, actor)
        result.provider = result.provider or provider.name
        results.append(result)
    return results


def person_erase(*, actor: Any, person: Person, req: SubjectRequest | None = None, reason: str = "request") -> list[registry.ErasureResult]:
    """Pseudonymise/remove the person's identifying data in every module, in one transaction.
    Blocked (ValidationError naming the holds) while any legal hold applies."""
    if req is not None:
        access.check(actor, "act", req)
        _require_open(req)
        if req.person_id != person.pk:
            raise ValidationError(_("Orang ini bukan subjek permintaan."))
    else:
        access.check(actor, "privacy.manage", person.organisation_id)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        results = _erase(person, actor)
        audit.record(
            "privacy.erase",
            actor=actor,
            object_type="people.person",
            object_id=person.pk,
            organisation_id=req.organisation_id if req else person.organisation_id,
            fields=sorted({f for r in results for f in r.fields}),
            extra={
                "providers": [r.provider for r in results],
                "records": {r.provider: r.records for r in results},
                "reason": reason,
                "request": str(req.uid) if req else "",
            },
        )
        if req is not None:
            req.refresh_from_db()  # providers may have changed it (notes erased)
            request_complete(actor=actor, req=req)
    return results


# --------------------------------------------------------------------------- correction

CORRECTABLE_FIELDS = ("full_name", "nik", "phone", "email", "birth_date", "address_detail")


def person_correct(*, actor: Any, req: SubjectRequest, changes: dict[str, Any]) -> list[str]:
    """Correct identifying fields of the request's person; audited with field names only."""
    from simpul.people.services import person_save

    access.check(actor, "act", req)
    _require_open(req)
    person = req.person
    if person is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    changed = {k: v for k, v in changes.items() if k in CORRECTABLE_FIELDS and getattr(person, k) != v}
    if not changed:
        raise ValidationError(_("Tidak ada perubahan."))
    with transaction.atomic():
        person_save(person, **changed)
        audit.record(
            "privacy.correct",
            actor=actor,
            object_type="people.person",
            object_id=person.pk,
            organisation_id=req.organisation_id,
            fields=sorted(changed),
            extra={"request": str(req.uid)},
        )
    return sorted(changed)


# --------------------------------------------------------------------------- retention


@dataclass
class RetentionPlan:
    cutoff: dt.datetime
    dry_run: bool
    person_ids: list[int] = field(default_factory=list)
    by_org: dict[str, list[int]] = field(default_factory=dict)
    held: dict[int, list[str]] = field(default_factory=dict)
    erased: int = 0


def retention_years() -> int:
    return int(getattr(settings, "SIMPUL_RETENTION_YEARS", 10))


def retention_plan(*, now: dt.datetime | None = None, years: int | None = None) -> RetentionPlan:
    """Persons whose identifying data is due for pseudonymisation: proposed by at least one
    provider (all its records about them closed before the cutoff), not kept by any provider,
    not already pseudonymised, not under legal hold."""
    now = now or _now()
    years = retention_years() if years is None else years
    cutoff = now - dt.timedelta(days=round(365.25 * years))
    candidates: set[int] = set()
    for provider in registry.providers():
        if provider.retention_candidates:
            candidates.update(int(i) for i in provider.retention_candidates(cutoff))
    for provider in registry.providers():
        if provider.retention_blocks and candidates:
            candidates -= {int(i) for i in provider.retention_blocks(set(candidates), cutoff)}
    plan = RetentionPlan(cutoff=cutoff, dry_run=True)
    persons = Person.objects.filter(pk__in=candidates, pseudonymised_at__isnull=True).order_by("pk")
    for person in persons.iterator(chunk_size=500):
        held = holds_for(person)
        if held:
            plan.held[person.pk] = held
            continue
        plan.person_ids.append(person.pk)
        plan.by_org.setdefault(str(person.organisation_id or "-"), []).append(person.pk)
    return plan


def retention_run(*, dry_run: bool = False, now: dt.datetime | None = None, years: int | None = None, actor: Any = None) -> RetentionPlan:
    plan = retention_plan(now=now, years=years)
    plan.dry_run = dry_run
    if not dry_run:
        for person_id in plan.person_ids:
            with transaction.atomic():
                person = Person.objects.select_for_update().get(pk=person_id)
                if person.pseudonymised_at is not None:
                    continue
                try:
                    _erase(person, actor)
                except ValidationError:  # a hold appeared since planning
                    plan.held[person_id] = holds_for(person)
                    continue
                plan.erased += 1
    audit.record(
        "privacy.retention_run",
        actor=actor,
        extra={
            "dry_run": dry_run,
            "cutoff": plan.cutoff.isoformat(),
            "candidates": len(plan.person_ids),
            "erased": plan.erased,
            "held": len(plan.held),
            "by_org": {k: len(v) for k, v in plan.by_org.items()},
            "person_ids": plan.person_ids[:1000],
        },
    )
    return plan


# --------------------------------------------------------------------------- breach register


def breach_record(
    *,
    actor: Any,
    organisation: Any,
    description: str,
    discovered_at: dt.datetime | None = None,
    suspected_start: dt.datetime | None = None,
    suspected_end: dt.datetime | None = None,
    suspect_user: Any = None,
    steps_taken: str | None = None,
) -> Breach:
    access.check(actor, "privacy.breach_record", organisation.pk)
    discovered_at = discovered_at or _now()
    errors: dict[str, list[str]] = {}
    if not (description or "").strip():
        errors["description"] = [_("Uraikan apa yang terjadi.")]
    if discovered_at > _now() + dt.timedelta(minutes=5):
        errors["discovered_at"] = [_("Waktu ditemukan tidak boleh di masa depan.")]
    if suspected_start and suspected_end and suspected_end < suspected_start:
        errors["suspected_end"] = [_("Perkiraan akhir harus sesudah perkiraan mulai.")]
    if errors:
        raise ValidationError(errors)
    breach = Breach(
        organisation=organisation,
        discovered_at=discovered_at,
        reported_by=_user(actor),
        description=description.strip(),
        suspected_start=suspected_start,
        suspected_end=suspected_end,
        suspect_user=suspect_user,
        steps_taken=(steps_taken or "").strip() or None,
    )
    with transaction.atomic():
        breach.save()
        audit.record("privacy.breach_record", actor=actor, obj=breach, organisation_id=organisation.pk, fields=["description"] + (["steps_taken"] if breach.steps_taken else []))
    return breach


BREACH_UPDATABLE = ("status", "steps_taken", "notified_subjects_at", "notified_authority_at", "suspected_start", "suspected_end", "suspect_user")


def breach_update(*, actor: Any, breach: Breach, **changes: Any) -> Breach:
    access.check(actor, "edit", breach)
    unknown = set(changes) - set(BREACH_UPDATABLE)
    if unknown:
        raise ValueError(f"not updatable: {sorted(unknown)}")
    if "status" in changes and changes["status"] not in BreachStatus.values:
        raise ValidationError({"status": [_("Status tidak dikenal.")]})
    start = changes.get("suspected_start", breach.suspected_start)
    end = changes.get("suspected_end", breach.suspected_end)
    if start and end and end < start:
        raise ValidationError({"suspected_end": [_("Perkiraan akhir harus sesudah perkiraan mulai.")]})
    changed = [k for k, v in changes.items() if getattr(breach, k) != v]
    for key in changed:
        setattr(breach, key, changes[key])
    if changed:
        with transaction.atomic():
            breach.save()
            audit.record("privacy.breach_update", actor=actor, obj=breach, organisation_id=breach.organisation_id, fields=changed)
    return breach


def breach_deadline(breach: Breach) -> dt.datetime:
    """UU PDP Pasal 46: written notice within 3x24 hours."""
    return breach.discovered_at + dt.timedelta(hours=72)


def _user(actor: Any) -> Any:
    user = getattr(actor, "user", actor)
    return user if getattr(user, "is_authenticated", False) else None
