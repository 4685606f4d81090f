"""Consent of a case's victims, recorded from the case through the privacy core.

Cases never keep consent themselves: every record goes through
``simpul.privacy.services.consent_record`` (which keeps its rules: the "how" is mandatory, verbal
consent needs a witness, a child cannot consent alone, Pasal 25) and every check through
``consent_check``. What an informed consent given in the assessment implies: basis "consent"
(Pasal 20 ayat 2 huruf a) for case handling and for referral (the purposes the assessment explains).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.cases.models import Case, CaseParty, PartyRole
from simpul.privacy.models import LegalBasis, Purpose
from simpul.privacy.services import consent_check, consent_record

#: The scope an informed consent in the assessment gives: handling the case and referring it.
INFORMED_CONSENT_PURPOSES: tuple[str, ...] = (Purpose.SERVICE, Purpose.REFERRAL)


@dataclass(frozen=True)
class VictimConsent:
    party_id: int
    label: str
    allowed: bool
    reason: str


def victims_of(case: Case) -> list[CaseParty]:
    return list(CaseParty.objects.filter(case=case, role=PartyRole.KORBAN, unknown=False).select_related("person").order_by("pk"))


def consent_status(case: Case, purpose: str = Purpose.REFERRAL) -> list[VictimConsent]:
    """Per victim: may we do ``purpose``? (victims shown masked: "Korban 1", "Korban 2")."""
    out = []
    for i, p in enumerate(victims_of(case), start=1):
        answer = consent_check(p.person, purpose)
        out.append(VictimConsent(p.pk, _("Korban %(i)s") % {"i": i}, answer.allowed, answer.reason))
    return out


def case_consent_record(
    *,
    actor: Any,
    case: Case,
    parties: Iterable[CaseParty] | None = None,
    purposes: Iterable[str] = INFORMED_CONSENT_PURPOSES,
    given_by: str,
    how: str,
    guardian_name: str | None = None,
    witness_name: str | None = None,
    note: str | None = None,
) -> int:
    """Record consent (basis "consent") of the case's victims (or ``parties``) for ``purposes``.
    One transaction: either every record is written or none. Returns the number of records."""
    access.check(actor, "assess", case)
    chosen = list(parties) if parties is not None else victims_of(case)
    if not chosen:
        raise ValidationError(_("Catat korban terlebih dahulu: persetujuan diberikan oleh korban atau walinya."))
    if any(p.case_id != case.pk or p.role != PartyRole.KORBAN for p in chosen):
        raise ValidationError(_("Persetujuan hanya untuk korban dalam kasus ini."))
    purposes = [p for p in purposes]
    if not purposes or any(p not in Purpose.values for p in purposes):
        raise ValidationError({"purposes": [_("Pilih tujuan persetujuan.")]})
    n = 0
    with transaction.atomic():
        for party in chosen:
            for purpose in purposes:
                consent_record(
                    actor=actor, person=party.person, organisation=case.organisation, purpose=purpose,
                    basis=LegalBasis.CONSENT, given_by=given_by, guardian_name=guardian_name, how=how,
                    witness_name=witness_name, note=note,
                )
                n += 1
    return n
