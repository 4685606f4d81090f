"""Background work of messaging (django-tasks; `simpul worker` runs them)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver(message_uid: str) -> str:
    """Try to send one outbound message (idempotent: a message already sent is left alone)."""
    from simpul.messaging import services

    return services.deliver(message_uid)


@task()
def sweep() -> int:
    """Send what is due (deferred windows, retries) and recover messages of a worker that died."""
    from simpul.messaging import services

    return services.sweep()


@task()
def react(event: dict[str, object]) -> str:
    """Queue the neutral message an intake event calls for (events.py)."""
    from simpul.messaging.events import react_to

    return react_to(event)
