"""Reads the prevention API needs beyond ``selectors.py`` (kept apart while that file is being
reorganised): the organisations an actor records activities for, and one activity's counts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul import access
from simpul.accounts.models import Organisation
from simpul.accounts.selectors import organisations_where
from simpul.prevention.models import Activity, Campaign, ParticipantCount, StakeholderGroup

MANAGERS = ("kepala", "admin")


def managed_organisations(actor: Any) -> QuerySet[Organisation]:
    """Where the actor may record (as on the pages): accounts' one answer."""
    return organisations_where(actor, *MANAGERS)


def campaigns(actor: Any) -> QuerySet[Campaign]:
    return access.visible(actor, Campaign, "view")


def active_group(code: str) -> StakeholderGroup | None:
    """A participant group of the reference list (active ones only)."""
    return StakeholderGroup.objects.filter(code=code, is_active=True).first()


def counts_of(activity: Activity) -> list[ParticipantCount]:
    """The counted participants of an activity the caller was allowed to see (no names)."""
    return list(ParticipantCount.objects.filter(activity=activity).select_related("group").order_by("group__order", "group_id", "sex", "age_group", "pk"))
