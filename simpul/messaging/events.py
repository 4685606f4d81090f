"""Messaging reacts to intake's audit events (simpul/audit/events.py), so intake never calls it:
an officer's reply in the public thread (``intake.message``, not internal) sends the neutral
"there is a reply" text; a change of status sends the neutral "there is news" text to a
reporter who asked for status updates. The handler only enqueues a task."""

from __future__ import annotations

from simpul.audit import events

STATUS_ACTIONS = ("intake.triage", "intake.accept", "intake.attach", "intake.close", "intake.merge", "intake.refer")


def on_event(event: events.Event) -> None:
    from simpul.messaging.tasks import react

    if event.action == "intake.message" and event.extra.get("internal"):
        return
    if not event.object_id:
        return
    react.enqueue(event.as_dict())


def react_to(data: dict[str, object]) -> str:
    """Worker side: queue the neutral message the event calls for, if the reporter allows it."""
    from simpul.intake.models import Report
    from simpul.messaging import services
    from simpul.messaging.models import Purpose

    event = events.Event.from_dict(data)
    try:
        report = Report.objects.select_related("organisation").get(pk=int(event.object_id))
    except (Report.DoesNotExist, TypeError, ValueError):
        return "missing"
    purpose = Purpose.REPLY if event.action == "intake.message" else Purpose.STATUS
    msg = services.notify_reporter(report=report, purpose=purpose)
    return "queued" if msg is not None else "skipped"


def connect() -> None:
    for action in ("intake.message", *STATUS_ACTIONS):
        events.subscribe(action, on_event)
