"""Issue 13: the guided flow of the case page, and consent recorded from the case (no dead end)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.cases import rules, services
from simpul.cases.models import Referral
from simpul.cases.tests.factories import open_case
from simpul.privacy.models import Consent
from simpul.privacy.services import consent_check
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _detail(user, case):
    return signed_in_client(user).get(reverse("cases:detail", kwargs={"uid": case.uid})).content.decode()


def _referral_post(demo, **extra):
    return {
        "to_org": demo["org"]["polres.hss"].pk, "service_type": "penegakan_hukum", "shared_sets": ["kronologi"],
        "reason": "Mohon pemeriksaan sintetis", "due_date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(), **extra,
    }


def test_new_high_risk_case_prompts_to_assign_a_caseworker_first(demo):
    case = open_case(demo, risk="tinggi")
    html = _detail("manajer_kasus.hss", case)
    assign = reverse("cases:assign", kwargs={"uid": case.uid})
    assert f'id="next-step" class="button urgent" href="{assign}"' in html
    assert "Tetapkan pendamping" in html
    assert 'id="case-caseworker"><span class="badge high">belum ada</span>' in html
    # only one primary button in the next-step panel: the others are secondary
    assert html.count('id="next-step"') == 1


def test_next_step_follows_the_cases_real_state(demo):
    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo)
    services.case_assign(actor=mk, case=case, user=demo["user"]["pendamping.hss"])
    html = _detail("pendamping.hss", case)
    assert f'id="next-step" class="button " href="{reverse("cases:party_add", kwargs={"uid": case.uid})}"' in html
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh", sex="P", age_estimate=30)
    services.incident_add(actor=mk, case=case, date=dt.date(2025, 2, 1), forms=["fisik"])
    html = _detail("pendamping.hss", case)
    assert f'id="next-step" class="button " href="{reverse("cases:assessment_add", kwargs={"uid": case.uid})}"' in html
    services.assessment_add(actor=mk, case=case, risk="sedang", fisik="Memar sintetis")  # no informed consent
    html = _detail("pendamping.hss", case)
    assert f'id="next-step" class="button " href="{reverse("cases:consent_add", kwargs={"uid": case.uid})}"' in html
    assert "Siti" not in html.split('id="langkah"')[0]  # the summary masks the victim


def test_pure_rule_orders_steps_and_skips_what_the_user_cannot_do():
    state = rules.CaseState(
        stage="identifikasi", is_open=True, high_risk=True, has_caseworker=False, has_victim=True, has_incident=True,
        consent_ok=False, has_assessment=False, plan_requested=False, has_referral=False, termination_requested=False,
    )
    steps = rules.guided_steps(state)
    assert [s.key for s in steps][:5] == ["assign", "victim", "incident", "assessment", "consent"]
    assert steps[0].urgent
    assert rules.next_step(steps, {"assign", "consent"}).key == "assign"
    assert rules.next_step(steps, {"consent", "assessment"}).key == "assessment"  # a pendamping cannot assign


def test_informed_consent_in_the_assessment_records_consent_and_the_referral_is_not_refused(demo):
    """The earlier dead end: consent ticked in the assessment, referral refused for 'no consent'."""
    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo)
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Dewi Contoh", sex="P", age_estimate=30)
    client = signed_in_client("manajer_kasus.hss")
    r = client.post(reverse("cases:assessment_add", kwargs={"uid": case.uid}), {
        "fisik": "Memar sintetis", "risk": "sedang", "informed_consent": "on", "given_by": "self", "how": "written",
    })
    assert r.status_code == 302, r.content.decode()[:3000]
    victim = case.parties.get(role="korban").person
    assert consent_check(victim, "referral").allowed and consent_check(victim, "service").allowed
    assert consent_check(victim, "referral").basis == "consent"
    form = client.get(reverse("cases:referral_add", kwargs={"uid": case.uid})).content.decode()
    assert "Persetujuan korban/wali untuk rujukan tercatat." in form and "override_basis" not in form
    r = client.post(reverse("cases:referral_add", kwargs={"uid": case.uid}), _referral_post(demo))
    assert r.status_code == 302
    ref = Referral.objects.get(case=case)
    assert not ref.without_consent and ref.consent_basis == "consent"


def test_a_childs_consent_needs_the_guardian_and_the_form_is_reshown(demo):
    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo)
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Ani Contoh", sex="P", birth_date=dt.date(2012, 5, 1))
    client = signed_in_client("manajer_kasus.hss")
    url = reverse("cases:assessment_add", kwargs={"uid": case.uid})
    r = client.post(url, {"fisik": "Memar sintetis", "risk": "sedang", "informed_consent": "on", "given_by": "self", "how": "written"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "orang tua atau wali" in html and "Memar sintetis" in html
    assert not case.assessments.exists() and not Consent.objects.filter(person=case.parties.get().person).exists()
    r = client.post(url, {"fisik": "Memar sintetis", "risk": "sedang", "informed_consent": "on", "given_by": "parent", "guardian_name": "Ibu Contoh", "how": "written"})
    assert r.status_code == 302
    assert consent_check(case.parties.get().person, "referral").allowed


def test_referral_form_without_consent_links_to_recording_it_and_returns(demo):
    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo)
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Rina Contoh", sex="P", age_estimate=25)
    client = signed_in_client("pendamping.hss")
    services.case_assign(actor=mk, case=case, user=demo["user"]["pendamping.hss"])
    form = client.get(reverse("cases:referral_add", kwargs={"uid": case.uid})).content.decode()
    link = reverse("cases:consent_add", kwargs={"uid": case.uid}) + "?lanjut=rujuk"
    assert link in form and "belum tercatat" in form
    # bad input: re-shown with a clear message
    r = client.post(link, {"purposes": ["referral"], "given_by": "self", "how": "verbal_witnessed", "lanjut": "rujuk"})
    assert r.status_code == 400 and "saksi" in r.content.decode()
    r = client.post(link, {"purposes": ["service", "referral"], "given_by": "self", "how": "verbal_witnessed", "witness_name": "Saksi Contoh", "lanjut": "rujuk"})
    assert r.status_code == 302 and r["Location"] == reverse("cases:referral_add", kwargs={"uid": case.uid})
    r = client.post(reverse("cases:referral_add", kwargs={"uid": case.uid}), _referral_post(demo))
    assert r.status_code == 302 and not Referral.objects.get(case=case).without_consent


def test_consent_page_is_for_the_case_team_only(demo):
    case = open_case(demo)
    url = reverse("cases:consent_add", kwargs={"uid": case.uid})
    assert signed_in_client("manajer_kasus.hss").get(url).status_code == 200
    assert signed_in_client("mitra.polres.hss").get(url).status_code == 404
    assert signed_in_client("manajer_kasus.okus").get(url).status_code == 404
