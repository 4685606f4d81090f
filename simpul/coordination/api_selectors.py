"""Reads the coordination API needs beyond ``selectors.py``: children of a task force the caller
was already allowed to see (``access.get_or_404(..., "view")``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from simpul.accounts.models import Organisation
from simpul.coordination.models import ActionItem, Meeting, TaskForce


def meetings(task_force: TaskForce) -> QuerySet[Meeting]:
    return Meeting.objects.filter(task_force=task_force).prefetch_related("attendees")


def actions(task_force: TaskForce, *, status: str = "") -> QuerySet[ActionItem]:
    qs = ActionItem.objects.filter(task_force=task_force)
    return qs.filter(status=status) if status else qs


def organisations(ids: Iterable[int]) -> list[Organisation]:
    """Active organisations by id (attendees and owners are any organisation, as on the page)."""
    return list(Organisation.objects.filter(pk__in=list(ids), is_active=True))
