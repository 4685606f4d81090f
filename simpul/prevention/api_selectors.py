"""Reads the prevention API needs beyond ``selectors.py`` (kept apart while that file is being
reorganised): the organisations an actor records activities for, and one activity's counts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from simpul import access
from simpul.accounts.models import Organisation
from simpul.prevention.models import Activity, Campaign, ParticipantCount

MANAGERS = ("kepala", "admin")


def managed_organisations(actor: Any) -> QuerySet[Organisation]:
    """Where the actor may record activities and campaigns (as on the pages)."""
    return Organisation.objects.filter(pk__in=access.actor_for(actor).org_ids(*MANAGERS), is_active=True).order_by("pk")


def campaigns(actor: Any) -> QuerySet[Campaign]:
    return access.visible(actor, Campaign, "view")


def counts_of(activity: Activity) -> list[ParticipantCount]:
    """The counted participants of an activity the caller was allowed to see (no names)."""
    return list(ParticipantCount.objects.filter(activity=activity).select_related("group").order_by("group__order", "group_id", "sex", "age_group", "pk"))
