"""Background tasks of the statistics module (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from simpul.stats.reports import report_build


@task()
def report_build_task(job_id: int) -> str:
    return report_build(job_id)


@task()
def stats_rebuild_task() -> dict[str, int]:
    from simpul.stats.services import stats_rebuild

    return stats_rebuild()
