"""Background work of outbound webhooks (django-tasks; `simpul worker` runs them)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def dispatch_event(event: dict[str, Any]) -> int:
    """Turn one audit event into deliveries for the endpoints subscribed to it."""
    from simpul.webhooks import services

    return services.dispatch_event(event)


@task()
def deliver(delivery_id: int) -> str:
    """One attempt of one delivery; a failure schedules the next (exponential backoff)."""
    from simpul.webhooks import services

    return services.deliver(delivery_id)


@task()
def retry_due() -> int:
    """Attempt the deliveries whose retry time has come (periodic; `simpul webhooks retry`)."""
    from simpul.webhooks import services

    return services.retry_due()
