from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from simpul import access
from simpul.audit.models import AuditEvent
from simpul.privacy import services
from simpul.privacy.models import Consent
from simpul.privacy.tests.factories import make_person


def _child(org: Any, **kw: Any) -> Any:
    today = timezone.localdate()
    return make_person(org, full_name="Ani Sintetis", nik="", birth_date=dt.date(today.year - 12, 1, 1), **kw)


def test_adult_consents_herself_and_check_answers_with_basis(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["pendamping.hss"]
    p = make_person(org)
    assert services.consent_check(p, "service").allowed is False
    c = services.consent_record(actor=user, person=p, organisation=org, purpose="service", basis="consent", how="written")
    answer = services.consent_check(p, "service")
    assert answer.allowed and answer.basis == "consent" and answer.consent_id == c.pk
    assert services.consent_check(p, "referral").allowed is False
    ev = AuditEvent.objects.filter(action="privacy.consent_record").last()
    assert ev is not None and ev.object_id == str(c.pk) and ev.extra["purpose"] == "service"


def test_child_cannot_consent_herself_pasal_25(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["pendamping.hss"]
    child = _child(org)
    with pytest.raises(ValidationError) as exc:
        services.consent_record(actor=user, person=child, organisation=org, purpose="service", basis="consent", how="written")
    assert "Pasal 25" in str(exc.value.message_dict["given_by"])
    with pytest.raises(ValidationError) as exc:  # parent without a name
        services.consent_record(actor=user, person=child, organisation=org, purpose="service", basis="consent", how="written", given_by="parent")
    assert "guardian_name" in exc.value.message_dict
    c = services.consent_record(
        actor=user, person=child, organisation=org, purpose="service", basis="consent", how="written", given_by="parent", guardian_name="Ibu Contoh"
    )
    assert Consent.objects.get(pk=c.pk).guardian_name == "Ibu Contoh"
    with connection.cursor() as cur:
        cur.execute("SELECT guardian_name FROM privacy_consent WHERE id = %s", [c.pk])
        assert "Contoh" not in cur.fetchone()[0]


@pytest.mark.parametrize(
    ("fields", "child"),
    [
        ({"birth_date": None, "birth_year": None, "age_estimate": 15}, True),
        ({"birth_date": None, "birth_year": None, "age_estimate": 30}, False),
        # Only the birth year: counted as not yet had the birthday (a child is never taken for an adult).
        ({"birth_date": None, "birth_year": timezone.localdate().year - 18}, True),
        ({"birth_date": None, "birth_year": timezone.localdate().year - 19}, False),
        ({"birth_date": None, "birth_year": None, "age_estimate": None}, False),
    ],
)
def test_child_detection_from_birth_year_and_estimate(demo: dict[str, Any], fields: dict[str, Any], child: bool) -> None:
    p = make_person(demo["org"]["uptd.hss"], nik="", **fields)
    assert services.is_child(p) is child


def test_estimated_age_ages_with_time(demo: dict[str, Any]) -> None:
    p = make_person(demo["org"]["uptd.hss"], nik="", birth_date=None, age_estimate=16, age_estimated_on=dt.date(2020, 6, 1))
    assert services.person_age(p, dt.date(2026, 6, 2)) == 22
    assert not services.is_child(p, dt.date(2026, 6, 2))


def test_child_with_other_basis_needs_no_guardian(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["manajer_kasus.hss"]
    child = _child(org)
    services.consent_record(actor=user, person=child, organisation=org, purpose="referral", basis="vital_interest")
    answer = services.consent_check(child, "referral")
    assert answer.allowed and answer.basis == "vital_interest"


def test_verbal_consent_needs_a_witness_and_how_is_required(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["pendamping.hss"]
    p = make_person(org)
    with pytest.raises(ValidationError) as exc:
        services.consent_record(actor=user, person=p, organisation=org, purpose="contact", basis="consent")
    assert "how" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.consent_record(actor=user, person=p, organisation=org, purpose="contact", basis="consent", how="verbal_witnessed")
    assert "witness_name" in exc.value.message_dict
    services.consent_record(actor=user, person=p, organisation=org, purpose="contact", basis="consent", how="verbal_witnessed", witness_name="Budi Saksi")


def test_withdrawn_consent_is_not_allowed_but_legal_obligation_still_is(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["manajer_kasus.hss"]
    p = make_person(org)
    c = services.consent_record(actor=user, person=p, organisation=org, purpose="referral", basis="consent", how="recorded")
    services.consent_withdraw(actor=user, consent=c, reason="tidak ingin dirujuk")
    answer = services.consent_check(p, "referral")
    assert not answer.allowed and answer.consent_id == c.pk and "ditarik" in answer.reason
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=user, consent=c)
    services.consent_record(actor=user, person=p, organisation=org, purpose="referral", basis="legal_obligation")
    answer = services.consent_check(p, "referral")
    assert answer.allowed and answer.basis == "legal_obligation"


def test_restriction_blocks_consent_but_not_vital_interest(demo: dict[str, Any]) -> None:
    org, user = demo["org"]["uptd.hss"], demo["user"]["kepala.hss"]
    p = make_person(org)
    services.consent_record(actor=user, person=p, organisation=org, purpose="statistics", basis="consent", how="written")
    services.consent_record(actor=user, person=p, organisation=org, purpose="service", basis="vital_interest")
    r = services.restriction_set(actor=user, person=p, organisation=org, purposes=["statistics", "service"])
    assert services.is_restricted(p, "statistics") and not services.is_restricted(p, "contact")
    assert services.consent_check(p, "statistics").allowed is False
    assert services.consent_check(p, "service").allowed is True
    services.restriction_lift(actor=user, restriction=r)
    assert services.consent_check(p, "statistics").allowed is True


def test_consent_recording_needs_a_role_in_the_organisation(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    p = make_person(org)
    for username in ("relawan.hss", "analis.kalsel", "admin.hss", "manajer_kasus.okus"):
        with pytest.raises(access.AccessDenied):
            services.consent_record(actor=demo["user"][username], person=p, organisation=org, purpose="service", basis="public_task")
    c = services.consent_record(actor=demo["user"]["pendamping.hss"], person=p, organisation=org, purpose="service", basis="public_task")
    with pytest.raises(access.AccessDenied):
        services.consent_withdraw(actor=demo["user"]["manajer_kasus.okus"], consent=c)
