"""One test per notification event: the right people are told, nobody else, and the e-mail says
nothing identifying (no name, no case number, no tracking code, no content)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from simpul.audit import events
from simpul.cases import services as cases
from simpul.cases.models import CaseAssignment, CaseTask, Referral
from simpul.intake import services as intake
from simpul.intake.tests.helpers import STORY, officer_report
from simpul.notify import services
from simpul.notify.kinds import Kind
from simpul.notify.models import Notification, Preference
from simpul.notify.tests.helpers import VICTIM_NAME, VICTIM_NIK, case_with_victim, referral, to_plan
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db

OFFICERS_HSS = {"petugas_pengaduan.hss", "kepala.hss", "manajer_kasus.hss"}


def told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def assert_neutral_mail(secrets: list[str]) -> None:
    assert mail.outbox, "an e-mail was expected"
    for message in mail.outbox:
        text = message.subject + "\n" + message.body
        for secret in [VICTIM_NAME, "Siti", "Contoh", VICTIM_NIK, STORY[:20], *secrets]:
            assert secret not in text, (secret, text)
        assert "/notifikasi/" in message.body


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Any:
    """Run a service and then what it triggers after commit (the immediate task backend runs
    the worker's job at once)."""

    def _run(fn: Any, *args: Any, **kw: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kw)

    return _run


def test_assignment_tells_the_new_caseworker_only(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    mail.outbox.clear()
    run(cases.case_assign, actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    assert told(Kind.ASSIGNMENT) == {"pendamping.hss"}
    n = Notification.objects.get(kind=Kind.ASSIGNMENT)
    assert n.reference == case.number and n.path == f"/kasus/{case.uid}/" and n.emailed
    assert [m.to for m in mail.outbox] == [["pendamping.hss@demo.simpul.invalid"]]
    assert_neutral_mail([case.number])


def test_approval_requested_and_decided(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    to_plan(demo, case)
    mk, kepala = demo["user"]["manajer_kasus.hss"], demo["user"]["kepala.hss"]
    approval = run(cases.approval_request, actor=mk, case=case, kind="plan", content="Rencana sintetis")
    # The requester cannot decide their own request: only the head is told.
    assert told(Kind.APPROVAL_REQUESTED) == {"kepala.hss"}
    mail.outbox.clear()
    run(cases.approval_decide, actor=kepala, approval=approval, approve=False, note="Lengkapi (sintetis)")
    assert told(Kind.APPROVAL_DECIDED) == {"manajer_kasus.hss"}
    assert_neutral_mail([case.number, "Lengkapi"])


def test_referral_received_and_answered(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    cases.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    mail.outbox.clear()
    ref = run(referral, demo, case)
    # The partner organisation's mitra; not the RSUD mitra, not the sender's colleagues.
    assert told(Kind.REFERRAL_RECEIVED) == {"mitra.polres.hss"}
    assert_neutral_mail([case.number])
    run(cases.referral_respond, actor=demo["user"]["mitra.polres.hss"], referral=ref, accept=True)
    # The sender and the case's caseworker; not the partner who answered.
    assert told(Kind.REFERRAL_ANSWERED) == {"manajer_kasus.hss", "pendamping.hss"}


def test_referral_overdue_is_told_once_to_the_sender_side(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    ref = referral(demo, case)
    assert services.scan() == 0
    Referral.objects.filter(pk=ref.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    mail.outbox.clear()
    assert run(services.scan) == 1
    assert told(Kind.REFERRAL_OVERDUE) == {"manajer_kasus.hss"}
    assert_neutral_mail([case.number])
    assert run(services.scan) == 0  # idempotent
    assert len(mail.outbox) == 1


def test_new_report_tells_the_queue_officers_but_not_its_author(demo: Any, run: Any) -> None:
    report = run(officer_report, demo)
    assert told(Kind.REPORT_NEW) == OFFICERS_HSS - {"petugas_pengaduan.hss"}
    assert_neutral_mail([report.display_code, report.tracking_code])
    # A report from the public portal: every officer of the routed organisation, no other kabupaten.
    Notification.objects.all().delete()
    from simpul.intake.tests.helpers import submit

    response = run(submit, signed_in_client("relawan.hss"))
    assert response.status_code in (200, 302)
    assert told(Kind.REPORT_NEW) == OFFICERS_HSS


def test_reporter_message_tells_the_officers(demo: Any, run: Any) -> None:
    report = officer_report(demo)
    mail.outbox.clear()
    run(intake.message_post_public, report=report, body="Saya Siti Contoh, tolong hubungi saya.")
    assert told(Kind.REPORTER_MESSAGE) == OFFICERS_HSS
    assert_neutral_mail([report.display_code, "tolong"])


def test_report_overdue_and_roster(demo: Any, run: Any) -> None:
    from simpul.intake.models import OnDuty

    late = officer_report(demo, received_at=timezone.now() - dt.timedelta(days=5))
    OnDuty.objects.create(organisation=demo["org"]["uptd.hss"], user=demo["user"]["kepala.hss"])
    officer_report(demo)  # fresh: not overdue
    mail.outbox.clear()
    assert run(services.scan) == 1
    assert told(Kind.REPORT_OVERDUE) == {"kepala.hss"}  # the roster when there is one
    assert Notification.objects.get(kind=Kind.REPORT_OVERDUE).reference == late.display_code
    assert_neutral_mail([late.display_code])
    assert run(services.scan) == 0


def test_task_due_tells_its_assignee_once(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    cases.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    cases.task_add(actor=demo["user"]["manajer_kasus.hss"], case=case, title="Kunjungi Siti (sintetis)", due_date=timezone.localdate() + dt.timedelta(days=2), assignee=demo["user"]["pendamping.hss"])
    assert services.scan() == 0
    CaseTask.objects.update(due_date=timezone.localdate())
    mail.outbox.clear()
    assert run(services.scan) == 1
    assert told(Kind.TASK_DUE) == {"pendamping.hss"}
    assert_neutral_mail([case.number, "Kunjungi"])
    assert run(services.scan) == 0


def test_preferences_are_respected(demo: Any, run: Any) -> None:
    pendamping = demo["user"]["pendamping.hss"]
    client = signed_in_client("pendamping.hss")
    # In the app only for assignments; nothing at all for tasks due.
    form = {f"{k}-app": "1" for k in Kind.values} | {f"{k}-email": "1" for k in Kind.values}
    form.pop(f"{Kind.ASSIGNMENT}-email")
    form.pop(f"{Kind.TASK_DUE}-email")
    form.pop(f"{Kind.TASK_DUE}-app")
    assert client.post("/notifikasi/pengaturan/", form).status_code == 302
    assert Preference.objects.get(user=pendamping, kind=Kind.ASSIGNMENT).email is False
    page = client.get("/notifikasi/pengaturan/").content.decode()
    assert f'name="{Kind.ASSIGNMENT}-app" value="1" checked' in page and f'name="{Kind.ASSIGNMENT}-email" value="1">' in page
    case = case_with_victim(demo)
    mail.outbox.clear()
    run(cases.case_assign, actor=demo["user"]["manajer_kasus.hss"], case=case, user=pendamping)
    assert told(Kind.ASSIGNMENT) == {"pendamping.hss"} and mail.outbox == []
    cases.task_add(actor=demo["user"]["manajer_kasus.hss"], case=case, title="Tugas", due_date=timezone.localdate(), assignee=pendamping)
    assert run(services.scan) == 0 and told(Kind.TASK_DUE) == set()


def test_bell_count_list_and_mark_read(demo: Any, run: Any) -> None:
    case = case_with_victim(demo)
    run(cases.case_assign, actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
    run(cases.task_add, actor=demo["user"]["manajer_kasus.hss"], case=case, title="T", due_date=timezone.localdate(), assignee=demo["user"]["pendamping.hss"])
    run(services.scan)
    client = signed_in_client("pendamping.hss")
    home = client.get("/beranda/").content.decode()
    assert '<span class="badge" aria-label="2 belum dibaca">2</span>' in home
    other = signed_in_client("kepala.hss").get("/beranda/").content.decode()
    assert 'class="badge"' not in other  # nothing for the head
    listing = client.get("/notifikasi/").content.decode()
    assert str(Kind.ASSIGNMENT.label) in listing and case.number in listing
    n = Notification.objects.get(kind=Kind.ASSIGNMENT)
    # Someone else cannot open or mark it.
    assert signed_in_client("kepala.hss").post(f"/notifikasi/{n.pk}/buka/").status_code == 404
    response = client.post(f"/notifikasi/{n.pk}/buka/")
    assert response.status_code == 302 and response["Location"] == f"/kasus/{case.uid}/"
    assert '<span class="badge" aria-label="1 belum dibaca">1</span>' in client.get("/beranda/").content.decode()
    client.post("/notifikasi/baca-semua/")
    assert 'class="badge"' not in client.get("/beranda/").content.decode()


def test_a_failing_subscriber_never_breaks_the_write(demo: Any, run: Any, caplog: Any) -> None:
    def broken(event: events.Event) -> None:
        raise RuntimeError("boom")

    events.subscribe("case.assign", broken)
    try:
        case = case_with_victim(demo)
        with caplog.at_level(logging.ERROR, logger="simpul.audit.events"):
            run(cases.case_assign, actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
        assert CaseAssignment.objects.filter(case=case, ended_at__isnull=True).exists()
        assert "audit subscriber" in caplog.text
        assert told(Kind.ASSIGNMENT) == {"pendamping.hss"}  # the other subscribers still ran
    finally:
        events.unsubscribe("case.assign", broken)


def test_subscribers_are_called_only_after_commit(demo: Any, django_capture_on_commit_callbacks: Any) -> None:
    seen: list[events.Event] = []
    events.subscribe("case.assign", seen.append)
    try:
        case = case_with_victim(demo)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            cases.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
            assert seen == []
        for cb in callbacks:
            cb()
        assert [(e.action, e.object_id, e.extra) for e in seen] == [("case.assign", str(case.pk), {"user": demo["user"]["pendamping.hss"].pk})]
    finally:
        events.unsubscribe("case.assign", seen.append)


def test_a_rolled_back_write_tells_nobody(demo: Any, run: Any) -> None:
    from django.db import transaction

    case = case_with_victim(demo)

    def assign_then_fail() -> None:
        with transaction.atomic():
            cases.case_assign(actor=demo["user"]["manajer_kasus.hss"], case=case, user=demo["user"]["pendamping.hss"])
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        run(assign_then_fail)
    assert told(Kind.ASSIGNMENT) == set()


def test_scan_command_runs_and_enqueues(demo: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    officer_report(demo, received_at=timezone.now() - dt.timedelta(days=5))
    out = StringIO()
    call_command("notify", "scan", stdout=out)
    assert "3 pemberitahuan baru" in out.getvalue()  # the three HSS officers
    out = StringIO()
    call_command("notify", "scan", "--enqueue", stdout=out)  # the immediate backend runs it at once
    assert "antrean" in out.getvalue() and Notification.objects.count() == 3
