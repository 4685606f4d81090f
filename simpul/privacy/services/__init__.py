"""Every write of the privacy module, and the questions other modules ask it. One module per
seam; the public names are re-exported here (``from simpul.privacy import services``).

Questions (no actor, no audit: they reveal no identifying data):
    consent_check(person, purpose) -> ConsentAnswer
    is_restricted(person, purpose) -> bool
    legal_hold_active(object_type, object_id) -> bool
"""

from __future__ import annotations

from simpul.privacy.services._common import ADULT_AGE, BASES_OVER_RESTRICTION
from simpul.privacy.services.ages import is_child, person_age
from simpul.privacy.services.breaches import BREACH_UPDATABLE, breach_deadline, breach_record, breach_update
from simpul.privacy.services.consent import ConsentAnswer, consent_check, consent_record, consent_withdraw
from simpul.privacy.services.correction import CORRECTABLE_FIELDS, person_correct
from simpul.privacy.services.erasure import person_erase, pseudonym
from simpul.privacy.services.holds import (
    holds_for,
    legal_hold_active,
    legal_hold_release,
    legal_hold_set,
    legal_holds_active,
)
from simpul.privacy.services.requests import (
    request_complete,
    request_create,
    request_due,
    request_identify,
    request_refuse,
    request_start,
    request_withdraw_consents,
)
from simpul.privacy.services.restriction import is_restricted, restriction_lift, restriction_set
from simpul.privacy.services.retention import RetentionPlan, retention_plan, retention_run, retention_years
from simpul.privacy.services.subject_access import Export, access_export, person_sections

__all__ = [
    "ADULT_AGE",
    "BASES_OVER_RESTRICTION",
    "BREACH_UPDATABLE",
    "CORRECTABLE_FIELDS",
    "ConsentAnswer",
    "Export",
    "RetentionPlan",
    "access_export",
    "breach_deadline",
    "breach_record",
    "breach_update",
    "consent_check",
    "consent_record",
    "consent_withdraw",
    "holds_for",
    "is_child",
    "is_restricted",
    "legal_hold_active",
    "legal_hold_release",
    "legal_hold_set",
    "legal_holds_active",
    "person_age",
    "person_correct",
    "person_erase",
    "person_sections",
    "pseudonym",
    "request_complete",
    "request_create",
    "request_due",
    "request_identify",
    "request_refuse",
    "request_start",
    "request_withdraw_consents",
    "restriction_lift",
    "restriction_set",
    "retention_plan",
    "retention_run",
    "retention_years",
]
