"""Who may see and handle complaints (pengaduan).

* Officers (petugas_pengaduan, kepala, manajer_kasus) of the responsible UPTD PPA see, triage and
  route their organisation's reports; nobody else sees report content (admin, analis, mitra,
  pendamping and other kabupaten see nothing).
* Relawan and Satgas file field reports and see only the status of their own submissions.
* The public reaches a report only with its tracking code and PIN (not through this layer).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.intake.models import Report

OFFICER_ROLES = (Role.PETUGAS_PENGADUAN, Role.KEPALA, Role.MANAJER_KASUS)
FIELD_ROLES = (Role.RELAWAN, Role.SATGAS)
OFFICER_ACTIONS = {"view", "edit", "triage", "decide", "message"}


@register_policy
class ReportPolicy(ObjectPolicy):
    model = Report

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if not actor.is_authenticated:
            return False
        if action in OFFICER_ACTIONS:
            return actor.in_org(obj.organisation_id, *OFFICER_ROLES)
        if action == "status":
            if actor.in_org(obj.organisation_id, *OFFICER_ROLES):
                return True
            return actor.has_role(*FIELD_ROLES) and obj.submitted_by_id == actor.user_id
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in OFFICER_ACTIONS:
            return qs.filter(organisation_id__in=actor.org_ids(*OFFICER_ROLES))
        if action == "status":
            cond = Q(organisation_id__in=actor.org_ids(*OFFICER_ROLES))
            if actor.has_role(*FIELD_ROLES):
                cond |= Q(submitted_by_id=actor.user_id)
            return qs.filter(cond)
        if action == "own":  # field reporters' "my reports"
            if actor.has_role(*FIELD_ROLES):
                return qs.filter(submitted_by_id=actor.user_id)
            return qs.none()
        return qs.none()


@register_rule("intake.queue", "intake.record")
def _officer(actor: Actor, _obj: Any) -> bool:
    return actor.is_authenticated and actor.has_role(*OFFICER_ROLES)


@register_rule("intake.field_report")
def _field(actor: Actor, _obj: Any) -> bool:
    return actor.is_authenticated and actor.has_role(*FIELD_ROLES)


@register_rule("intake.configure")
def _configure(actor: Actor, obj: Any) -> bool:
    """The head or case manager of an organisation sets its response clock and duty roster.
    ``obj`` is the organisation's id (or None: "for at least one organisation")."""
    if not actor.is_authenticated:
        return False
    roles = (Role.KEPALA, Role.MANAJER_KASUS)
    if obj is None:
        return actor.has_role(*roles)
    return actor.in_org(int(obj), *roles)
