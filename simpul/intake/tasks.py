"""Background tasks of the intake module (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from simpul.intake import services


@task()
def notify_overdue() -> int:
    """Notify on-duty officers of overdue reports (idempotent: once per report and due time)."""
    return services.notify_overdue()
