"""Response clocks, working days with Indonesian holidays, overdue reports (notified through simpul/notify)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from simpul.intake import clocks, services
from simpul.intake.models import ResponsePolicy
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
def test_overdue_reports_stand_out_and_are_notified_once_through_notify(demo: Any, django_capture_on_commit_callbacks: Any) -> None:
    """The queue marks late reports in text; the notification goes through simpul/notify (the old
    intake path, whose e-mail carried the tracking code, is gone)."""
    from simpul.notify import services as notify
    from simpul.notify.kinds import Kind
    from simpul.notify.models import Notification

    hss = demo["user"]["petugas_pengaduan.hss"]
    late = officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(hours=7))
    fresh = officer_report(demo)
    html = signed_in_client("petugas_pengaduan.hss").get("/lapor/petugas/").content.decode()
    assert html.count("TERLAMBAT") == 1 and "overdue-row" in html  # text, not colour only
    assert "notif-h" not in html and "melewati batas respons" not in html  # the old panel is gone: the bell tells

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify.scan() == 3
    overdue = Notification.objects.filter(kind=Kind.REPORT_OVERDUE)
    assert set(overdue.values_list("user__username", flat=True)) == {"petugas_pengaduan.hss", "kepala.hss", "manajer_kasus.hss"}
    assert set(overdue.values_list("reference", flat=True)) == {late.display_code}
    for message in mail.outbox:  # neutral e-mail: no tracking code, no content
        assert late.display_code not in message.subject + message.body and "Siti" not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert notify.scan() == 0  # once per report and due time

    # A new due time that is also past (the report now says "still going on"): a new overdue state.
    services.report_update(actor=hss, report=late, changes={"period": "berlangsung"})
    late.refresh_from_db()
    assert late.due_at == late.received_at
    assert notify.scan() == 3
    assert fresh.display_code not in set(Notification.objects.values_list("reference", flat=True))


@pytest.mark.django_db
def test_the_old_overdue_path_is_gone(demo: Any) -> None:
    from django.apps import apps
    from django.core.management import get_commands
    from django.urls import NoReverseMatch, reverse

    assert not hasattr(services, "notify_overdue") and not hasattr(services, "notification_mark_read")
    assert "intake" not in get_commands()
    with pytest.raises(LookupError):
        apps.get_model("intake", "Notification")
    with pytest.raises(LookupError):
        apps.get_model("intake", "OverdueNotice")
    with pytest.raises(NoReverseMatch):
        reverse("intake:notification_read", kwargs={"pk": 1})


@pytest.mark.django_db
def test_action_stops_the_clock(demo: Any) -> None:
    from simpul.notify import services as notify

    report = officer_report(demo, received_at=dt.datetime.now(JKT) - dt.timedelta(hours=7))
    services.message_post_officer(actor=demo["user"]["petugas_pengaduan.hss"], report=report, body="Kami akan datang.", internal=False)
    assert notify.scan() == 0
