"""Per-organisation response clock and duty roster, set by the head or case manager."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from simpul import access
from simpul.audit.models import AuditEvent
from simpul.intake import clocks, services
from simpul.intake.models import OnDuty, ResponsePolicy
from simpul.testing import signed_in_client


@pytest.mark.django_db
def test_kepala_sets_the_clock_and_new_reports_follow_it(demo: dict[str, Any]) -> None:
    client = signed_in_client("kepala.hss")
    org = demo["org"]["uptd.hss"]
    page = client.get("/lapor/petugas/pengaturan/")
    assert page.status_code == 200 and "360" in page.content.decode()  # the default 6 hours
    response = client.post(f"/lapor/petugas/pengaturan/?org={org.pk}", {"bagian": "batas", "high_minutes": "0", "medium_minutes": "120", "low_working_days": "2"})
    assert response.status_code == 302
    policy = ResponsePolicy.objects.get(organisation=org)
    assert (policy.high_minutes, policy.medium_minutes, policy.low_working_days) == (0, 120, 2)
    received = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert clocks.due_at(received, "sedang", org.pk) == received + dt.timedelta(minutes=120)
    assert AuditEvent.objects.filter(action="intake.policy_set", organisation_id=org.pk).exists()


@pytest.mark.django_db
def test_bad_clock_is_refused_in_indonesian_and_keeps_the_input(demo: dict[str, Any]) -> None:
    client = signed_in_client("manajer_kasus.hss")
    response = client.post("/lapor/petugas/pengaturan/", {"bagian": "batas", "high_minutes": "500", "medium_minutes": "120", "low_working_days": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak boleh lebih lama" in html and 'value="500"' in html
    assert not ResponsePolicy.objects.filter(organisation=demo["org"]["uptd.hss"]).exists()


@pytest.mark.django_db
def test_roster_limits_who_is_notified(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    kepala = demo["user"]["kepala.hss"]
    officer = demo["user"]["petugas_pengaduan.hss"]
    everyone = {u.pk for u in services.on_duty_users(org.pk)}
    assert officer.pk in everyone and kepala.pk in everyone  # no roster: all officers are on duty
    services.on_duty_set(actor=kepala, organisation=org, user_ids=[officer.pk])
    assert [u.pk for u in services.on_duty_users(org.pk)] == [officer.pk]
    with pytest.raises(ValidationError):  # a user of another organisation cannot be put on duty
        services.on_duty_set(actor=kepala, organisation=org, user_ids=[demo["user"]["petugas_pengaduan.okus"].pk])
    assert list(OnDuty.objects.filter(organisation=org).values_list("user_id", flat=True)) == [officer.pk]


@pytest.mark.django_db
def test_only_head_or_case_manager_of_that_organisation_may_configure(demo: dict[str, Any]) -> None:
    hss = demo["org"]["uptd.hss"]
    assert access.can(demo["user"]["kepala.hss"], "intake.configure", hss.pk)
    assert not access.can(demo["user"]["petugas_pengaduan.hss"], "intake.configure", hss.pk)
    assert not access.can(demo["user"]["manajer_kasus.okus"], "intake.configure", hss.pk)
    with pytest.raises(access.AccessDenied):
        services.response_policy_set(actor=demo["user"]["manajer_kasus.okus"], organisation=hss, high_minutes=0, medium_minutes=60, low_working_days=1)
