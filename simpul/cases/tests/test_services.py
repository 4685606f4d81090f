import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from simpul.access.core import AccessDenied
from simpul.audit.models import AuditEvent
from simpul.cases import services
from simpul.cases.models import ApprovalStatus, CaseNote, CaseParty, ReferralStatus, Stage, Status
from simpul.cases.tests.factories import open_case

D = dt.date(2025, 3, 1)


def _people(demo, case, *, victim_birth=dt.date(2011, 5, 4), relation="orang_tua", forms=("seksual",), **rel):
    mk = demo["user"]["manajer_kasus.hss"]
    victim, warnings = services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh", birth_date=victim_birth, sex="P")
    perp, _w = services.case_party_add(actor=mk, case=case, role="pelaku", full_name="Budi Sintetis", sex="L", age_estimate=40)
    inc = services.incident_add(
        actor=mk, case=case, date=dt.date(2025, 2, 20), place="rumah_tangga", chronology="Kronologi sintetis.", forms=list(forms),
        relationships=[{"victim": victim, "perpetrator": perp, "relation": relation, **rel}],
    )
    return victim, perp, inc


def test_flags_are_derived(demo):
    case = open_case(demo)
    victim, _p, _i = _people(demo, case)
    victim.refresh_from_db()
    case.refresh_from_db()
    assert victim.age_at_incident == 13 and victim.is_child
    assert case.flag_child_sexual_abuse and case.flag_pkdrt
    assert not case.flag_intimate_partner and not case.flag_child_marriage


def test_ipv_and_pkdrt_rules():
    f = services.compute_flags
    assert f(jenis_kasus="ktp", victims=[(30, False)], forms={"fisik"}, relations=[("suami_istri", "", False, False)]) == {
        "flag_child_sexual_abuse": False, "flag_intimate_partner": True, "flag_pkdrt": True, "flag_child_marriage": False}
    # Former spouse: intimate partner, but outside the lingkup rumah tangga (Pasal 2).
    r = f(jenis_kasus="ktp", victims=[(30, False)], forms={"fisik"}, relations=[("suami_istri", "mantan_suami_istri", False, False)])
    assert r["flag_intimate_partner"] and not r["flag_pkdrt"]
    # A relative counts only when living in the household.
    assert not f(jenis_kasus="ktp", victims=[(30, False)], forms={"psikis"}, relations=[("keluarga", "", False, False)])["flag_pkdrt"]
    assert f(jenis_kasus="ktp", victims=[(30, False)], forms={"psikis"}, relations=[("keluarga", "", True, False)])["flag_pkdrt"]
    assert f(jenis_kasus="ktp", victims=[(20, False)], forms={"fisik"}, relations=[("pacar_teman", "pacar", False, False)])["flag_intimate_partner"]
    # Child marriage: a child victim and perkawinan anak or forced marriage (TPKS 4(1) e).
    assert f(jenis_kasus="lainnya", victims=[(16, True)], forms={"tpks_4_1_5"}, relations=[])["flag_child_marriage"]
    assert f(jenis_kasus="perkawinan_anak", victims=[(16, True)], forms={"lainnya"}, relations=[])["flag_child_marriage"]
    assert not f(jenis_kasus="perkawinan_anak", victims=[(19, False)], forms={"lainnya"}, relations=[])["flag_child_marriage"]


def test_nik_mismatch_is_a_warning_never_corrected(demo):
    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    # NIK says woman born 04-05-2011 (44 = 4 + 40); the form says 05-05-2011.
    party, warnings = services.case_party_add(
        actor=mk, case=case, role="korban", full_name="Siti Contoh", nik="6306054405110001", birth_date=dt.date(2011, 5, 5), sex="P"
    )
    assert any("berbeda" in w for w in warnings)
    party.person.refresh_from_db()
    assert party.person.nik == "6306054405110001" and party.person.birth_date == dt.date(2011, 5, 5)
    with pytest.raises(ValidationError):
        services.case_party_add(actor=mk, case=case, role="korban", full_name="X Contoh", nik="123")


def test_same_person_in_several_cases_and_roles(demo):
    a, b = open_case(demo), open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    p, _ = services.case_party_add(actor=mk, case=a, role="korban", full_name="Ani Contoh")
    services.case_party_add(actor=mk, case=b, role="pelapor", person=p.person)
    services.case_party_add(actor=mk, case=a, role="pelapor", person=p.person)
    assert CaseParty.objects.filter(person=p.person).count() == 3


def _to_plan(demo, case):
    mk = demo["user"]["manajer_kasus.hss"]
    services.assessment_add(actor=mk, case=case, risk="tinggi", fisik="Luka ringan (sintetis)", safety_plan="Rumah aman")
    services.case_move(actor=mk, case=case, to=Stage.RENCANA_INTERVENSI)


def test_stage_moves_and_approvals(demo):
    case = open_case(demo)
    mk, kepala = demo["user"]["manajer_kasus.hss"], demo["user"]["kepala.hss"]
    with pytest.raises(ValidationError):
        services.case_move(actor=mk, case=case, to=Stage.RENCANA_INTERVENSI)  # no assessment yet
    _to_plan(demo, case)
    with pytest.raises(ValidationError):
        services.case_move(actor=mk, case=case, to=Stage.PELAKSANAAN)  # plan needs approval
    ap = services.approval_request(actor=mk, case=case, kind="plan", content="Rencana sintetis")
    with pytest.raises(AccessDenied):
        services.approval_decide(actor=mk, approval=ap, approve=True)  # no self-approval
    with pytest.raises(ValidationError):
        services.approval_decide(actor=kepala, approval=ap, approve=False)  # a rejection needs a reason
    services.approval_decide(actor=kepala, approval=ap, approve=True)
    case.refresh_from_db()
    assert case.stage == Stage.PELAKSANAAN
    # Termination with an open referral needs a reason.
    ref = services.referral_create(
        actor=mk, case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["kronologi"],
        reason="Laporan polisi", due_date=timezone.localdate() + dt.timedelta(days=2), override_basis="vital_interest", override_reason="Darurat",
    )
    with pytest.raises(ValidationError):
        services.approval_request(actor=mk, case=case, kind="termination", content="Selesai")
    t = services.approval_request(actor=mk, case=case, kind="termination", content="Selesai", open_referrals_reason="Polres lanjut sendiri")
    services.approval_decide(actor=kepala, approval=t, approve=True)
    case.refresh_from_db()
    assert (case.stage, case.status) == (Stage.TERMINASI, Status.CLOSED) and case.closed_at
    assert ref.status == ReferralStatus.SENT
    with pytest.raises(ValidationError):
        services.case_reopen(actor=mk, case=case, reason="")
    services.case_reopen(actor=mk, case=case, reason="Kekerasan berulang")
    case.refresh_from_db()
    assert case.status == Status.OPEN
    kinds = list(case.events.values_list("kind", flat=True))
    assert {"case.open", "assessment.add", "approval.request", "approval.decide", "referral.create", "case.reopen"} <= set(kinds)
    assert t.status == ApprovalStatus.REQUESTED  # stale instance; DB says approved
    t.refresh_from_db()
    assert t.status == ApprovalStatus.APPROVED


def test_referral_consent_and_partner_flow(demo):
    from simpul.privacy import services as privacy

    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    mitra = demo["user"]["mitra.polres.hss"]
    victim, _p, _i = _people(demo, case)
    kwargs = dict(
        actor=mk, case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum",
        shared_sets=["identitas_korban", "kronologi"], reason="Mohon proses", due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as err:
        services.referral_create(**kwargs)
    assert "override_basis" in err.value.message_dict
    ref = services.referral_create(**kwargs, override_basis="vital_interest", override_reason="Korban dalam bahaya")
    assert ref.without_consent and ref.consent_basis == "vital_interest"
    assert AuditEvent.objects.filter(action="referral.consent_override", object_id=str(ref.pk)).exists()
    # With consent recorded in the privacy core, no override is needed.
    privacy.consent_record(actor=mk, person=victim.person, organisation=demo["org"]["uptd.hss"], purpose="referral", basis="consent",
        given_by="parent", guardian_name="Ibu Contoh", how="written",
    )
    ref2 = services.referral_create(**{**kwargs, "to_org": demo["org"]["rsud.hss"]})
    assert not ref2.without_consent
    # Partner: only their org's referrals.
    with pytest.raises(AccessDenied):
        services.referral_respond(actor=demo["user"]["mitra.rsud.hss"], referral=ref, accept=True)
    with pytest.raises(ValidationError):
        services.referral_respond(actor=mitra, referral=ref, accept=False)
    services.referral_respond(actor=mitra, referral=ref, accept=True)
    services.referral_action_add(actor=mitra, referral=ref, text="BAP korban")
    ref.refresh_from_db()
    services.service_add(actor=mitra, case=case, referral=ref, service_type="penegakan_hukum", start_date=timezone.localdate())
    services.referral_complete(actor=mitra, referral=ref, outcome="Berkas P21")
    ref.refresh_from_db()
    assert ref.status == ReferralStatus.COMPLETED
    assert case.services.get().provider == demo["org"]["polres.hss"]


def test_note_correction_keeps_previous(demo):
    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    n1 = services.note_add(actor=mk, case=case, text="Versi pertama")
    n2 = services.note_correct(actor=mk, note=n1, text="Versi kedua")
    n1.refresh_from_db()
    assert not n1.is_current and n2.replaces == n1 and n1.text == "Versi pertama"
    assert CaseNote.objects.filter(case=case).count() == 2
    with pytest.raises(ValidationError):
        services.note_correct(actor=mk, note=n1, text="x")


def test_reassignment_keeps_history(demo):
    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    services.case_assign(actor=mk, case=case, user=demo["user"]["pendamping.hss"])
    services.case_assign(actor=mk, case=case, user=demo["user"]["kepala.hss"], reason="Cuti")
    rows = list(case.assignments.order_by("id"))
    assert len(rows) == 2 and rows[0].ended_at and rows[0].end_reason == "Cuti" and rows[1].ended_at is None
    with pytest.raises(AccessDenied):
        services.case_assign(actor=demo["user"]["pendamping.hss"], case=case, user=demo["user"]["pendamping.hss"])


def test_optimistic_locking(demo):
    case = open_case(demo)
    mk, kepala = demo["user"]["manajer_kasus.hss"], demo["user"]["kepala.hss"]
    v = case.version
    services.case_update(actor=mk, case=case, expected_version=v, risk="tinggi")
    with pytest.raises(services.StaleCase) as exc:
        services.case_update(actor=kepala, case=case, expected_version=v, jenis_kasus="ampk")
    assert exc.value.case.risk == "tinggi"
    case.refresh_from_db()
    assert (case.risk, case.jenis_kasus) == ("tinggi", "ktp")


def test_legal_and_diversion(demo):
    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    with pytest.raises(ValidationError):
        services.legal_save(actor=mk, case=case, stage="penyidikan", diversion="proses")
    services.case_party_add(actor=mk, case=case, role="pelaku", full_name="Anak Sintetis", birth_date=dt.date(2010, 1, 1), abh_role="berkonflik")
    legal = services.legal_save(actor=mk, case=case, police_report_number="LP/B/12/III/2025", stage="penyidikan", diversion="proses")
    legal = services.legal_save(actor=mk, case=case, legal=legal, police_report_number="LP/B/12/III/2025", stage="p21")
    assert [h["stage"] for h in legal.history] == ["penyidikan", "p21"]


def test_privacy_provider_describes_and_holds(demo):
    from simpul.privacy.registry import get_provider

    provider = get_provider("cases")
    assert provider is not None
    case = open_case(demo)
    party, _ = services.case_party_add(actor=demo["user"]["manajer_kasus.hss"], case=case, role="korban", full_name="Siti Contoh")
    sections = provider.describe(party.person)
    assert sections[0].title.endswith(case.number)
    assert provider.holds(party.person) == [f"Kasus terbuka {case.number}"]
    assert list(provider.persons_for_object("cases.case", str(case.pk))) == [party.person.pk]


def test_attachment_upload(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from simpul.testing import client_for

    case = open_case(demo)
    client = client_for("manajer_kasus")
    f = SimpleUploadedFile("visum.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    r = client.post(reverse("cases:attachment_add", kwargs={"uid": case.uid}), {"berkas": f})
    assert r.status_code == 302
    body = client.get(reverse("cases:detail", kwargs={"uid": case.uid})).content.decode()
    assert "visum.pdf" in body
    assert case.events.filter(kind="attachment.add").exists()


def test_referrals_carry_the_case_region_codes_and_follow_a_change(demo):
    from simpul.stats.queries import Period, Scope, referral_turnaround

    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    ref = services.referral_create(
        actor=mk, case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["kronologi"],
        reason="Laporan polisi", due_date=timezone.localdate() + dt.timedelta(days=2), override_basis="vital_interest", override_reason="Darurat",
    )
    ref.refresh_from_db()
    assert (ref.province_code, ref.kabupaten_code) == ("63", "63.06")
    this_year = Period.year(timezone.localdate().year)
    assert referral_turnaround(Scope("63.06"), this_year)["sent"] == 1
    case.refresh_from_db()
    services.case_update(actor=mk, case=case, expected_version=case.version, region="63.07")
    ref.refresh_from_db()
    assert (ref.province_code, ref.kabupaten_code) == ("63", "63.07")
    assert referral_turnaround(Scope("63.06"), this_year)["sent"] == 0
    assert referral_turnaround(Scope("63.07"), this_year)["sent"] == 1
    assert referral_turnaround(Scope("63"), this_year)["sent"] == 1
