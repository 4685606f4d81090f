"""Background tasks of the privacy module (django-tasks)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def retention_run_task(dry_run: bool = False) -> dict[str, Any]:
    """Pseudonymise persons past the retention period (see services.retention_run).

    Schedule it daily (e.g. cron: `simpul retention run`, or enqueue this task)."""
    from simpul.privacy.services import retention_run

    plan = retention_run(dry_run=dry_run)
    return {
        "dry_run": plan.dry_run,
        "cutoff": plan.cutoff.isoformat(),
        "candidates": len(plan.person_ids),
        "erased": plan.erased,
        "held": len(plan.held),
    }
