"""Background work of notifications (django-tasks; `simpul worker` runs them)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def deliver_event(event: dict[str, Any]) -> int:
    """Resolve who must be told of one audit event and tell them (idempotent)."""
    from simpul.notify import services

    return services.deliver_event(event)


@task()
def scan() -> int:
    """Run the periodic checks (overdue reports and referrals, tasks due); idempotent."""
    from simpul.notify import services

    return services.scan()
