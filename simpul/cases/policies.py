"""Who sees and does what with case files and referrals.

* kepala / manajer_kasus: every case of their organisation (and approve, assign, export).
* pendamping: only the cases they are currently assigned to.
* mitra (and kepala / manajer_kasus of the receiving organisation, e.g. the provincial
  UPTD PPA for an escalation): only referrals addressed to their organisation, and only
  the field sets the sender chose to share. Never the case file itself.
* petugas_pengaduan: may open a case from an intake report of their organisation, but
  sees no case content.
* relawan, satgas, analis, admin: no case content (statistics come from the stats module).
* Anything else, including other organisations of the same kabupaten: hidden (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, register_policy, register_rule
from simpul.access.roles import Role
from simpul.cases.models import (
    Approval,
    Assessment,
    Case,
    CaseNote,
    CaseTask,
    LegalProcess,
    Referral,
    ServiceDelivery,
)

MANAGERS = (Role.KEPALA, Role.MANAJER_KASUS)
CASEWORKERS = (Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING)
RECEIVERS = (Role.MITRA, Role.KEPALA, Role.MANAJER_KASUS)

# Actions on a case and who may do them (besides being able to see the case).
_MANAGER_ONLY = {"assign", "approve", "export", "reopen"}
_WORKER_ACTIONS = {"view", "edit", "add_party", "add_incident", "assess", "plan", "move", "note", "task", "refer", "service", "legal", "pdf", "attach"}


def _is_assigned(actor: Actor, case: Case) -> bool:
    return case.assignments.filter(user_id=actor.user_id, ended_at__isnull=True).exists()


def case_visible_q(actor: Actor) -> Q:
    """Cases the actor may open: all of the organisations where they manage, plus the ones
    they are assigned to (as pendamping) in their organisations."""
    managed = actor.org_ids(*MANAGERS)
    worker = actor.org_ids(Role.PENDAMPING)
    q = Q(pk__in=[])
    if managed:
        q |= Q(organisation_id__in=managed)
    if worker:
        q |= Q(organisation_id__in=worker, assignments__user_id=actor.user_id, assignments__ended_at__isnull=True)
    return q


@register_policy
class CasePolicy(ObjectPolicy):
    model = Case

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if not actor.is_authenticated:
            return False
        if actor.in_org(obj.organisation_id, *MANAGERS):
            return action in _MANAGER_ONLY or action in _WORKER_ACTIONS
        if action in _WORKER_ACTIONS and actor.in_org(obj.organisation_id, Role.PENDAMPING):
            return _is_assigned(actor, obj)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in _MANAGER_ONLY:
            return qs.filter(organisation_id__in=actor.org_ids(*MANAGERS))
        if action in _WORKER_ACTIONS or action == "list":
            q = case_visible_q(actor)
            return qs.filter(q).distinct() if actor.org_ids(Role.PENDAMPING) else qs.filter(q)
        return qs.none()


def _case_policy_for_child(actor: Actor, action: str, case: Case) -> bool:
    return CasePolicy().can(actor, "view" if action == "view" else "edit", case)


class _CaseChildPolicy(ObjectPolicy):
    """Objects that belong to one case follow the case."""

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        return _case_policy_for_child(actor, action, obj.case)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        return qs.filter(case__in=CasePolicy().scope(actor, Case.objects.all(), "view").values("pk"))


@register_policy
class AssessmentPolicy(_CaseChildPolicy):
    model = Assessment


@register_policy
class CaseNotePolicy(_CaseChildPolicy):
    model = CaseNote


@register_policy
class CaseTaskPolicy(_CaseChildPolicy):
    model = CaseTask


@register_policy
class LegalProcessPolicy(_CaseChildPolicy):
    model = LegalProcess


@register_policy
class ServiceDeliveryPolicy(_CaseChildPolicy):
    model = ServiceDelivery


@register_policy
class ApprovalPolicy(ObjectPolicy):
    model = Approval

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action == "decide":
            return actor.in_org(obj.case.organisation_id, *MANAGERS) and obj.requested_by_id != actor.user_id
        return _case_policy_for_child(actor, action, obj.case)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action == "decide":
            return qs.filter(case__organisation_id__in=actor.org_ids(*MANAGERS)).exclude(requested_by_id=actor.user_id)
        return qs.filter(case__in=CasePolicy().scope(actor, Case.objects.all(), "view").values("pk"))


@register_policy
class ReferralPolicy(ObjectPolicy):
    """Sender side: whoever may see the case. Receiver side: mitra/kepala/manajer of ``to_org``
    (``respond``, ``view_shared``)."""

    model = Referral

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if not actor.is_authenticated:
            return False
        if action in {"view_shared", "respond"}:
            return actor.in_org(obj.to_org_id, *RECEIVERS)
        if action in {"view", "cancel", "letter"}:
            return CasePolicy().can(actor, "view", obj.case)
        return False

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action in {"view_shared", "respond"}:
            return qs.filter(to_org_id__in=actor.org_ids(*RECEIVERS))
        if action in {"view", "cancel", "letter"}:
            return qs.filter(case__in=CasePolicy().scope(actor, Case.objects.all(), "view").values("pk"))
        if action == "any":
            sender = qs.filter(case__in=CasePolicy().scope(actor, Case.objects.all(), "view").values("pk"))
            return qs.filter(Q(pk__in=sender.values("pk")) | Q(to_org_id__in=actor.org_ids(*RECEIVERS)))
        return qs.none()


@register_rule("cases.list")
def _cases_list(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*CASEWORKERS)


@register_rule("cases.export")
def _cases_export(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*MANAGERS)


@register_rule("case.open")
def _case_open(actor: Actor, org_id: Any) -> bool:
    """Open a case in organisation ``org_id`` (an int). Intake staff may open from a report."""
    if org_id is None:
        return actor.has_role(Role.KEPALA, Role.MANAJER_KASUS, Role.PETUGAS_PENGADUAN)
    return actor.in_org(int(org_id), Role.KEPALA, Role.MANAJER_KASUS, Role.PETUGAS_PENGADUAN)


@register_rule("case.open_direct")
def _case_open_direct(actor: Actor, org_id: Any) -> bool:
    """Open a case without a report (outreach, referral in): case managers only."""
    if org_id is None:
        return actor.has_role(*MANAGERS)
    return actor.in_org(int(org_id), *MANAGERS)


@register_rule("referrals.inbox")
def _referrals_inbox(actor: Actor, _obj: Any) -> bool:
    return actor.has_role(*RECEIVERS)
