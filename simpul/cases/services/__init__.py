"""Every write on case files, one module per seam. Each service takes the acting user
(``actor``), checks access, validates, runs in one transaction, writes a timeline event
(``CaseEvent``) and an audit row (ids and field names only).

- ``case``: numbering, opening (directly, or from an intake report's :class:`~simpul.cases.seams.ReportFacts`),
  editing with optimistic locking, assignment, timeline entries of other modules
- ``parties``: parties, incidents, relationships and the derived flags
- ``stages``: stage moves, approvals, reopening
- ``assessment``: assessment, legal process
- ``notes``: notes, tasks, reminders
- ``delivery``: services delivered
- referrals live in :mod:`simpul.cases.referrals.services`; helpers every write uses in
  :mod:`simpul.cases.writes`

This package re-exports the public names, so ``from simpul.cases import services`` keeps working.
"""

from simpul.cases.referrals.services import (
    REFERRABLE_ORG_TYPES,
    referral_action_add,
    referral_cancel,
    referral_complete,
    referral_create,
    referral_respond,
    referral_targets,
)
from simpul.cases.services.assessment import ASSESSMENT_FIELDS, assessment_add, legal_save
from simpul.cases.services.case import (
    EDITABLE_FIELDS,
    attachment_added,
    case_assign,
    case_attach_report,
    case_open,
    case_open_from_report,
    case_update,
    next_case_number,
)
from simpul.cases.services.consent import INFORMED_CONSENT_PURPOSES, case_consent_record, consent_status
from simpul.cases.services.delivery import service_add
from simpul.cases.services.notes import note_add, note_correct, task_add, task_done
from simpul.cases.services.parties import (
    PERSON_FIELDS,
    age_on,
    case_party_add,
    case_party_update,
    compute_flags,
    incident_add,
    is_domestic,
    is_intimate,
    nik_warnings,
    recompute_flags,
    relationship_set,
)
from simpul.cases.services.stages import (
    approval_decide,
    approval_request,
    case_move,
    case_reopen,
    next_stages,
    open_referrals,
)
from simpul.cases.writes import StaleCase

__all__ = [
    "ASSESSMENT_FIELDS",
    "EDITABLE_FIELDS",
    "PERSON_FIELDS",
    "REFERRABLE_ORG_TYPES",
    "StaleCase",
    "age_on",
    "approval_decide",
    "approval_request",
    "assessment_add",
    "INFORMED_CONSENT_PURPOSES",
    "case_consent_record",
    "consent_status",
    "attachment_added",
    "case_assign",
    "case_attach_report",
    "case_move",
    "case_open",
    "case_open_from_report",
    "case_party_add",
    "case_party_update",
    "case_reopen",
    "case_update",
    "compute_flags",
    "incident_add",
    "is_domestic",
    "is_intimate",
    "legal_save",
    "next_case_number",
    "next_stages",
    "nik_warnings",
    "note_add",
    "note_correct",
    "open_referrals",
    "recompute_flags",
    "referral_action_add",
    "referral_cancel",
    "referral_complete",
    "referral_create",
    "referral_respond",
    "referral_targets",
    "relationship_set",
    "service_add",
    "task_add",
    "task_done",
]
