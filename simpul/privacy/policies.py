"""Who may handle UU PDP matters (consent, data-subject requests, holds, breaches).

* ``kepala`` and ``manajer_kasus`` of an organisation are its privacy officers: they act on
  data-subject requests (identify the person, export, correct, erase, restrict), set legal
  holds and keep the breach register, for their own organisation only.
* ``petugas_pengaduan`` staffs the front desk where survivors and families walk in or call:
  the statutory 3x24-hour clock starts when a request is *received*, so the desk must be able
  to record it at once and follow its status. The desk sees no identifying data on these pages
  and cannot act on a request.
* Case roles and the intake desk record consent (``privacy.consent_record``): consent is taken
  where the service is given.
* ``admin`` manages accounts and has no need to know survivors' data: no access here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.privacy.models import Breach, Consent, LegalHold, Restriction, SubjectRequest

OFFICERS = (Role.KEPALA, Role.MANAJER_KASUS)
DESK = (Role.PETUGAS_PENGADUAN,)
CONSENT_TAKERS = (Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING, Role.PETUGAS_PENGADUAN)


def _org_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, int):
        return obj
    return getattr(obj, "pk", None)


@register_rule("privacy.manage")
def _manage(actor: Actor, obj: Any) -> bool:
    """Officer pages (nav "Privasi"); with an organisation (or its id): officer of that one."""
    org_id = _org_id(obj)
    return actor.in_org(org_id, *OFFICERS) if org_id is not None else actor.has_role(*OFFICERS)


@register_rule("privacy.request_receive")
def _receive(actor: Actor, obj: Any) -> bool:
    org_id = _org_id(obj)
    roles = (*OFFICERS, *DESK)
    return actor.in_org(org_id, *roles) if org_id is not None else actor.has_role(*roles)


@register_rule("privacy.desk")
def _desk_only(actor: Actor, _obj: Any) -> bool:
    """Nav entry for the front desk (officers already have "Privasi")."""
    return actor.has_role(*DESK) and not actor.has_role(*OFFICERS)


@register_rule("privacy.consent_record")
def _consent_record(actor: Actor, obj: Any) -> bool:
    org_id = _org_id(obj)
    return actor.in_org(org_id, *CONSENT_TAKERS) if org_id is not None else actor.has_role(*CONSENT_TAKERS)


@register_rule("privacy.hold_set")
def _hold_set(actor: Actor, obj: Any) -> bool:
    org_id = _org_id(obj)
    return actor.in_org(org_id, *OFFICERS) if org_id is not None else actor.has_role(*OFFICERS)


@register_rule("privacy.breach_record")
def _breach_record(actor: Actor, obj: Any) -> bool:
    org_id = _org_id(obj)
    return actor.in_org(org_id, *OFFICERS) if org_id is not None else actor.has_role(*OFFICERS)


class _OrgOfficerPolicy(ObjectPolicy):
    """Officers of the owning organisation may do everything; nobody else anything."""

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return actor.in_org(obj.organisation_id, *OFFICERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs.filter(organisation_id__in=actor.org_ids(*OFFICERS))


@register_policy
class SubjectRequestPolicy(ObjectPolicy):
    model = SubjectRequest

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "view":
            return actor.in_org(obj.organisation_id, *OFFICERS, *DESK)
        return actor.in_org(obj.organisation_id, *OFFICERS)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        roles = (*OFFICERS, *DESK) if action == "view" else OFFICERS
        return qs.filter(organisation_id__in=actor.org_ids(*roles))


@register_policy
class ConsentPolicy(ObjectPolicy):
    model = Consent

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action in {"view", "withdraw"}:
            return actor.in_org(obj.organisation_id, *CONSENT_TAKERS)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view", "withdraw"}:
            return qs.filter(organisation_id__in=actor.org_ids(*CONSENT_TAKERS))
        return qs.none()


@register_policy
class LegalHoldPolicy(_OrgOfficerPolicy):
    model = LegalHold


@register_policy
class RestrictionPolicy(_OrgOfficerPolicy):
    model = Restriction


@register_policy
class BreachPolicy(_OrgOfficerPolicy):
    model = Breach
