"""Two workers delivering the same message at once (real transactions, real threads): the row
lock lets one claim it; the provider sees one request."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection
from django.utils import timezone

from simpul.intake.tests.helpers import officer_report
from simpul.messaging import services
from simpul.messaging.models import OutboundMessage, State
from simpul.messaging.tests.fakegateway import FakeGateway


def test_concurrent_deliveries_of_one_message_send_it_once(transactional_db: Any, demo: Any, settings: Any) -> None:
    with FakeGateway(delay=0.5) as gateway:
        settings.SIMPUL_MESSAGING_SMS_URL = gateway.url + "/sms"
        settings.SIMPUL_MESSAGING_SMS_TOKEN = "t"
        settings.SIMPUL_MESSAGING_DEFAULT_CHANNEL = "sms"
        settings.SIMPUL_MESSAGING_DEFAULT_WINDOW = "00.00-24.00"
        settings.SIMPUL_MESSAGING_TIMEOUT = 5
        report = officer_report(demo, reporter_contact="0812-0000-1111", safe_contact={"message": "ya", "times": ""})
        # Written directly (no task enqueued): the threads below are the workers.
        msg = OutboundMessage.objects.create(report=report, organisation_id=report.organisation_id, channel="sms", template="balasan",
                                             to="0812-0000-1111", text="Ada balasan.", idempotency_key="k-1", not_before=timezone.now())
        gateway.script = ["slow"] * 4

        def deliver(_i: int) -> str:
            try:
                return services.deliver(str(msg.uid))
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = list(pool.map(deliver, range(4)))
        assert outcomes.count("sent") == 1 and set(outcomes) <= {"sent", "busy", "already_sent"}, outcomes
        assert len(gateway.requests) == 1
        msg.refresh_from_db()
        assert msg.state == State.SENT and msg.attempts == 1
        assert OutboundMessage.objects.count() == 1
