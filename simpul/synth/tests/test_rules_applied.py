"""The synthetic data obeys the domain's own rules: each seeded case's derived flags, number and
approvals are what the case services would give it; each demo report's deadline is the intake
clock's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from simpul.accounts.models import Organisation
from simpul.cases import services as case_services
from simpul.cases.models import Approval, ApprovalKind, ApprovalStatus, Case, Stage, Status
from simpul.cases.rules import FLAG_FIELDS, approvals_passed, case_number
from simpul.intake import clocks
from simpul.intake.models import Report
from simpul.synth.demo import demo_reports, seed_demo
from simpul.synth.generate import generate

TODAY = dt.date(2025, 10, 1)


def test_seeded_flags_equal_the_flag_rule(demo: dict[str, Any]) -> None:
    generate(400, seed=3, region="63", today=TODAY)
    stored = {c.pk: {f: getattr(c, f) for f in FLAG_FIELDS} for c in Case.objects.all()}
    assert len(stored) == 400
    for case in Case.objects.all():
        # recompute_flags reads the case's parties, forms and relationships as the services do.
        assert case_services.recompute_flags(case) == stored[case.pk], case.number
    # Not vacuous: the synthetic mix yields every flag somewhere (child sexual abuse is common).
    for flag in FLAG_FIELDS:
        if flag == "flag_child_marriage":
            continue  # 3 % of child cases: may be absent from a small sample
        assert any(f[flag] for f in stored.values()), flag
    assert sum(f["flag_child_sexual_abuse"] for f in stored.values()) > 40


def test_seeded_numbers_follow_the_numbering_rule(demo: dict[str, Any]) -> None:
    seed_demo(cases=480)  # the demo picks the Kalsel province office for kabupaten other than HSS
    region_of = dict(Organisation.objects.values_list("pk", "region_id"))
    seqs: dict[tuple[int, int], list[int]] = defaultdict(list)
    for number, org_id, year, seq in Case.objects.values_list("number", "organisation_id", "year", "seq"):
        assert number == case_number(region_of[org_id], year, seq)
        seqs[(org_id, year)].append(seq)
    assert any(region_of[org].count(".") == 0 for org, _y in seqs)  # a province organisation numbered
    for key, got in seqs.items():
        assert sorted(got) == list(range(1, len(got) + 1)), key


def test_seeded_cases_carry_the_approvals_of_their_stage(demo: dict[str, Any]) -> None:
    generate(300, seed=4, region="63.06", today=TODAY)
    kinds: dict[int, list[str]] = defaultdict(list)
    for case_id, kind, status, requested, decided in Approval.objects.order_by("case_id", "decided_at", "kind").values_list(
        "case_id", "kind", "status", "requested_at", "decided_at"
    ):
        assert status == ApprovalStatus.APPROVED and requested < decided
        kinds[case_id].append(kind)
    closed = 0
    for case in Case.objects.all():
        assert kinds.get(case.pk, []) == approvals_passed(case.stage), case.stage
        if case.status == Status.CLOSED:
            closed += 1
            assert case.stage == Stage.TERMINASI
            assert kinds[case.pk] == [ApprovalKind.PLAN, ApprovalKind.TERMINATION]
            termination = case.approvals.get(kind=ApprovalKind.TERMINATION)
            assert termination.decided_at == case.closed_at
    assert closed > 0
    assert Case.objects.filter(stage=Stage.PELAKSANAAN).exists()


def test_approvals_passed_is_the_workflow_of_the_approval_service() -> None:
    assert approvals_passed(Stage.ASESMEN) == []
    assert approvals_passed(Stage.RENCANA_INTERVENSI) == []
    assert approvals_passed(Stage.PELAKSANAAN) == [ApprovalKind.PLAN]
    assert approvals_passed(Stage.PEMANTAUAN) == [ApprovalKind.PLAN]
    assert approvals_passed(Stage.TERMINASI) == [ApprovalKind.PLAN, ApprovalKind.TERMINATION]


def test_demo_report_deadlines_equal_the_clock_rule(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    assert demo_reports(7, org, per_org=200) == 200
    reports = list(Report.objects.filter(organisation=org))
    assert {r.risk for r in reports} == {"tinggi", "sedang", "rendah"}
    for r in reports:
        assert r.due_at == clocks.due_at(r.received_at, r.risk, org.pk)
        if r.risk == "tinggi":
            assert r.due_at == r.received_at  # at once under the default policy
        if r.risk == "rendah":
            assert clocks.is_working_day(timezone.localtime(r.due_at).date())
