"""Response clocks, working days with Indonesian holidays, overdue notifications."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from simpul.intake import clocks, services
from simpul.intake.models import Notification, OnDuty, OverdueNotice, ResponsePolicy
from simpul.intake.tests.helpers import officer_report
from simpul.testing import signed_in_client

JKT = ZoneInfo("Asia/Jakarta")


def test_working_days_skip_weekends_and_public_holidays() -> None:
    friday = dt.datetime(2026, 8, 14, 10, 0, tzinfo=JKT)  # Monday 17 August is Hari Kemerdekaan
    assert clocks.add_working_days(friday, 3) == dt.datetime(2026, 8, 20, 10, 0, tzinfo=JKT)
    tuesday = dt.datetime(2026, 3, 3, 9, 0, tzinfo=JKT)
    assert clocks.add_working_days(tuesday, 3) == dt.datetime(2026, 3, 6, 9, 0, tzinfo=JKT)
    assert not clocks.is_working_day(dt.date(2026, 1, 1))


@pytest.mark.django_db
def test_due_times_per_risk_and_per_organisation_policy(demo: Any) -> None:
    received = dt.datetime(2026, 3, 3, 9, 0, tzinfo=JKT)
    hss = demo["org"]["uptd.hss"].pk
    assert clocks.due_at(received, "tinggi", hss) == received
    assert clocks.due_at(received, "sedang", hss) == received + dt.timedelta(hours=6)
    assert clocks.due_at(received, "rendah", hss) == dt.datetime(2026, 3, 6, 9, 0, tzinfo=JKT)
    ResponsePolicy.objects.create(organisation_id=hss, high_minutes=30, medium_minutes=120, low_working_days=1)
    assert clocks.due_at(received, "tinggi", hss) == received + dt.timedelta(minutes=30)
    assert clocks.due_at(received, "sedang", hss) == received + dt.timedelta(hours=2)
    assert clocks.due_at(received, "rendah", hss) == dt.datetime(2026, 3, 4, 9, 0, tzinfo=JKT)


@pytest.mark.django_db
def test_overdue_reports_stand_out_and_notify_on_duty_officers_once(demo: Any, django_capture_on_commit_callbacks: Any) -> None:
    hss = demo["user"]["petugas_pengaduan.hss"]
    late = officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(hours=7))
    fresh = officer_report(demo)
    html = signed_in_client("petugas_pengaduan.hss").get("/lapor/petugas/").content.decode()
    assert html.count("TERLAMBAT") == 1 and "overdue-row" in html  # text, not colour only

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_overdue() == 1
    recipients = {n.user.username for n in Notification.objects.select_related("user")}
    assert recipients == {"petugas_pengaduan.hss", "kepala.hss", "manajer_kasus.hss"}
    assert len(mail.outbox) == 1 and late.display_code in mail.outbox[0].subject
    assert "Siti" not in mail.outbox[0].body  # no content by e-mail
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_overdue() == 0  # idempotent
    assert len(mail.outbox) == 1
    page = signed_in_client("kepala.hss").get("/lapor/petugas/").content.decode()
    assert "melewati batas respons" in page and late.display_code in page

    # A new due time that is also past (the report now says "still going on"): a new overdue state.
    services.report_update(actor=hss, report=late, changes={"period": "berlangsung"})
    late.refresh_from_db()
    assert late.due_at == late.received_at
    assert services.notify_overdue() == 1
    assert OverdueNotice.objects.filter(report=late).count() == 2
    assert fresh.display_code not in {n.report.display_code for n in Notification.objects.select_related("report")}


@pytest.mark.django_db
def test_on_duty_roster_limits_recipients_and_command_runs(demo: Any) -> None:
    OnDuty.objects.create(organisation=demo["org"]["uptd.hss"], user=demo["user"]["kepala.hss"])
    officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(days=1))
    out = StringIO()
    call_command("intake", "notify_overdue", stdout=out)
    assert "1 pengaduan" in out.getvalue()
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["kepala.hss"]
    notification = Notification.objects.get()
    # Only its owner can mark it read.
    assert signed_in_client("manajer_kasus.hss").post(f"/lapor/petugas/notifikasi/{notification.pk}/baca/").status_code == 404
    assert signed_in_client("kepala.hss").post(f"/lapor/petugas/notifikasi/{notification.pk}/baca/").status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_action_stops_the_clock(demo: Any) -> None:
    report = officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(hours=7))
    services.message_post_officer(actor=demo["user"]["petugas_pengaduan.hss"], report=report, body="Kami akan datang.", internal=False)
    assert services.notify_overdue() == 0


@pytest.mark.django_db
def test_task_enqueues_and_runs(demo: Any) -> None:
    from simpul.intake.tasks import notify_overdue

    officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(hours=7))
    result = notify_overdue.enqueue()
    assert result.return_value == 1
