"""Every read of referral data, scoped through the access layer: the partner's inbox and the
shared view (only the field sets the sender chose), the sending team's read view of what it
sent, the letter, and the consent question asked before sending."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from simpul import access
from simpul.audit.services import record
from simpul.cases.models import (
    Case,
    CaseParty,
    PartyRole,
    Referral,
    ReferralAction,
    ReferralStatus,
    ServiceDelivery,
    SharedSet,
)
from simpul.cases.selectors import age_band
from simpul.people.services import initials
from simpul.privacy.services import consent_check

# Sort keys of the partner's inbox (URL ``urut``): newest sent (default), oldest sent, due date.
INBOX_SORTS: dict[str, tuple[str, ...]] = {"sent": ("-sent_at", "-id"), "-sent": ("sent_at", "id"), "due": ("due_date", "-sent_at", "-id")}


def referral_inbox(actor: Any, *, status: str = "", overdue: bool = False, sort: str = "sent", today: dt.date | None = None) -> QuerySet[Referral]:
    """The referrals addressed to the actor's organisation, filtered (status, overdue: sent and
    past the due date) and sorted by one of ``INBOX_SORTS``."""
    qs = access.visible(actor, Referral, "view_shared").select_related("from_org", "to_org", "case")
    if status in ReferralStatus.values:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=ReferralStatus.SENT, due_date__lt=today or timezone.localdate())
    qs = qs.order_by(*INBOX_SORTS.get(sort, INBOX_SORTS["sent"]))
    return qs.only(
        "id", "uid", "status", "due_date", "sent_at", "service_type", "is_escalation", "without_consent",
        "from_org__name", "from_org__short_name", "to_org__name", "to_org__short_name", "case__number", "case__uid",
    )


def referral_shared(actor: Any, referral: Referral, *, request: Any = None) -> dict[str, Any]:
    """Only the field sets the sender chose to share, for the receiving partner. Audited."""
    case = referral.case
    sets = set(referral.shared_sets)
    out: dict[str, Any] = {"sets": [SharedSet(s).label for s in referral.shared_sets], "case_number": case.number}
    fields: list[str] = []
    parties = list(case.parties.select_related("person", "person__address_region"))
    if SharedSet.IDENTITAS_KORBAN in sets:
        out["victims"] = [
            {
                "full_name": p.person.full_name,
                "nik": p.person.nik,
                "birth_date": p.person.birth_date,
                "age": p.age_at_incident,
                "sex": p.person.get_sex_display(),
                "disabilities": p.person.disabilities,
            }
            for p in parties
            if p.role == PartyRole.KORBAN
        ]
        fields += ["victim.full_name", "victim.nik", "victim.birth_date", "victim.sex"]
    else:
        out["victims_masked"] = [
            {"initials": initials(p.person.full_name), "age_band": age_band(p.age_at_incident), "sex": p.person.get_sex_display()}
            for p in parties
            if p.role == PartyRole.KORBAN
        ]
    if SharedSet.KONTAK_KORBAN in sets:
        out["contacts"] = [
            {"phone": p.person.phone, "address": p.person.address_detail, "region": str(p.person.address_region or "")}
            for p in parties
            if p.role == PartyRole.KORBAN
        ]
        fields += ["victim.phone", "victim.address_detail"]
    if SharedSet.IDENTITAS_PELAKU in sets:
        out["perpetrators"] = [
            {"full_name": p.person.full_name, "nik": p.person.nik, "unknown": p.unknown} for p in parties if p.role == PartyRole.PELAKU
        ]
        fields += ["perpetrator.full_name", "perpetrator.nik"]
    if SharedSet.KRONOLOGI in sets:
        out["incidents"] = [
            {"date": i.date, "place": i.get_place_display(), "chronology": i.chronology, "forms": [f.get_form_display() for f in i.forms.all()]}
            for i in case.incidents.prefetch_related("forms")
        ]
        fields += ["incident.chronology"]
    if SharedSet.ASESMEN in sets:
        out["assessments"] = list(case.assessments.all())
        fields += ["assessment"]
    if SharedSet.LAYANAN in sets:
        out["services"] = list(case.services.select_related("provider"))
        fields += ["services"]
    if SharedSet.PROSES_HUKUM in sets:
        out["legal"] = list(case.legal_processes.all())
        fields += ["legal.police_report_number"]
    out["reason"] = referral.reason
    fields.append("referral.reason")
    user = getattr(actor, "user", actor)
    record("referral.view", actor=user, obj=referral, organisation_id=referral.to_org_id, fields=fields, request=request, extra={"case": case.pk})
    return out


def referral_is_overdue(referral: Referral, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return referral.status == ReferralStatus.SENT and referral.due_date < today


def consent_allows(person: Any, purpose: str) -> bool:
    """Whether the privacy core has a consent (or another basis) of ``person`` for ``purpose``."""
    return consent_check(person, purpose).allowed


def victims_consented(case: Case) -> bool:
    """True when the case has victims and every one of them consented to a referral."""
    victims = [p.person for p in CaseParty.objects.filter(case=case, role=PartyRole.KORBAN).select_related("person")]
    return bool(victims) and all(consent_allows(v, "referral") for v in victims)


def referral_for_partner(actor: Any, uid: Any, action: str = "respond") -> Referral:
    """A referral addressed to the actor's organisation (``view_shared`` or ``respond``); 404 otherwise."""
    return access.get_or_404(actor, Referral.objects.select_related("case", "from_org", "to_org"), action, uid=uid)


def referral_for_sender(actor: Any, uid: Any, action: str = "view") -> Referral:
    """A referral of a case the actor can see (sending side: ``view``, ``cancel``, ``letter``); 404 otherwise."""
    return access.get_or_404(actor, Referral.objects.select_related("case", "from_org", "to_org"), action, uid=uid)


def referral_for_letter(actor: Any, uid: Any, *, request: Any = None) -> Referral:
    """The referral whose letter the actor may download: the sending team or the receiving
    partner. The download is audited."""
    ref = Referral.objects.select_related("case", "from_org", "to_org").filter(uid=uid).first()
    if ref is None or not (access.can(actor, "letter", ref) or access.can(actor, "view_shared", ref)):
        raise Http404()
    record("referral.letter", actor=actor, obj=ref, organisation_id=ref.from_org_id, fields=["reason"], request=request)
    return ref


def partner_log(referral: Referral) -> tuple[list[ReferralAction], list[ServiceDelivery]]:
    """What the partner recorded on ``referral``: its actions and the services it gave."""
    return list(referral.actions.select_related("author")), list(referral.services.all())


@dataclass(frozen=True)
class SentReferral:
    """The sending team's read view of one referral: what was sent and what became of it."""

    referral: Referral
    shared_sets: list[str]
    actions: list[ReferralAction]
    services: list[ServiceDelivery]
    overdue: bool


def referral_sent_view(actor: Any, uid: Any, *, request: Any = None) -> SentReferral:
    """The referral as its sender sees it (whoever may see the sending case): recipient, status,
    due date, the field sets shared, the reason, the partner's response, actions, services and
    outcome. Nothing of the case beyond what the sender already holds. Audited."""
    ref = referral_for_sender(actor, uid, "view")
    actions, services = partner_log(ref)
    shown = ["reason"] + [f for f in ("override_reason", "response_reason", "outcome") if getattr(ref, f)]
    if actions:
        shown.append("actions")
    record("referral.view_sent", actor=actor, obj=ref, organisation_id=ref.from_org_id, fields=shown, request=request,
           extra={"case": ref.case_id})
    return SentReferral(
        referral=ref,
        shared_sets=[str(SharedSet(s).label) for s in ref.shared_sets if s in SharedSet.values],
        actions=actions,
        services=services,
        overdue=referral_is_overdue(ref),
    )


def incoming(actor: Any, *, status: str = "") -> QuerySet[Referral]:
    """Referrals addressed to the actor's organisations, newest first (API rows: no content)."""
    qs = access.visible(actor, Referral, "view_shared").select_related("case")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-sent_at")


def referrals_of_case(case: Case) -> list[Referral]:
    """The referrals sent for ``case`` (the caller fetched ``case`` through the access layer)."""
    return list(case.referrals.select_related("case").order_by("-sent_at"))
