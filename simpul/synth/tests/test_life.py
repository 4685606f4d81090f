"""Every module lived in: the demo's everyday work goes through the services and obeys their rules."""

from __future__ import annotations

from typing import Any

from simpul.audit.models import AuditEvent
from simpul.cases.models import Assessment, Case, CaseTask, LegalProcess
from simpul.intake.models import Report
from simpul.outreach.models import Trip
from simpul.privacy.models import Consent
from simpul.stats.services import summaries_match_raw
from simpul.synth.demo import seed_demo
from simpul.synth.life import ASSESSED_STAGES, seed_life


def test_demo_lives_in_every_module(demo: dict[str, Any]) -> None:
    result = seed_demo(cases=480)
    life = result["life"]
    assert all(life[k] > 0 for k in ("assessments", "legal", "tasks", "consents", "field_reports", "trips")), life
    hss = demo["org"]["uptd.hss"]
    # Assessments before plans: every HSS case the life seeding touched past the assessment has one.
    planned = Case.objects.filter(organisation=hss, stage__in=ASSESSED_STAGES, tasks__isnull=False).distinct()
    assert planned.exists()
    assert all(c.assessments.exists() for c in planned)
    assert Assessment.objects.filter(case__organisation=hss).count() >= life["assessments"]
    assert LegalProcess.objects.filter(case__organisation=hss).count() == life["legal"]
    assert CaseTask.objects.filter(case__organisation=hss).count() == life["tasks"]
    # A child's consent comes from a parent (the consent rule, UU PDP Pasal 25).
    consents = Consent.objects.filter(organisation=hss)
    assert consents.count() == life["consents"]
    from simpul.privacy.services.ages import is_child

    assert all(c.given_by == "parent" for c in consents if is_child(c.person, c.given_at.date()))
    assert consents.filter(given_by="parent").exists()
    # Field reports from relawan and Satgas, on the field channel, each with its response deadline.
    field = Report.objects.filter(submitted_by__username__in=["relawan.hss", "satgas.hss"])
    assert field.count() == life["field_reports"] and not field.filter(due_at=None).exists()
    assert set(field.values_list("channel", flat=True)) == {"lapangan"}
    # Molin PPA: past trips logged, one ahead.
    trips = Trip.objects.filter(request__organisation=hss)
    assert trips.count() == life["trips"] and trips.exclude(returned_at=None).exists()
    # Written by the services: each left its audit event.
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.assessment_add", "case.task_add", "outreach.request_create"} <= actions
    assert summaries_match_raw()
    # Idempotent.
    assert seed_life() == {}
    assert Report.objects.filter(submitted_by__username="relawan.hss").count() == life["field_reports"] // 2
