"""Reads the Molin PPA API needs beyond ``selectors.py`` (scoped like the pages)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from simpul import access
from simpul.accounts.models import Organisation
from simpul.accounts.selectors import organisations_where
from simpul.outreach.models import CrewMember, DispatchRequest, Trip, Vehicle
from simpul.outreach.services import MANAGERS, PROTECTED


def managed_organisations(actor: Any) -> QuerySet[Organisation]:
    """Where the actor may record (as on the pages): accounts' one answer."""
    return organisations_where(actor, *MANAGERS)


def requests(actor: Any, *, status: str = "", purpose: str = "") -> QuerySet[DispatchRequest]:
    """Dispatch requests the actor manages, without the protected columns."""
    qs = access.visible(actor, DispatchRequest).defer(*PROTECTED)
    if status:
        qs = qs.filter(status=status)
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs


def vehicle_of(organisation_id: int, vehicle_id: int) -> Vehicle | None:
    return Vehicle.objects.filter(organisation_id=organisation_id, pk=vehicle_id, is_active=True).first()


def crew_of(organisation_id: int, crew_ids: list[int]) -> list[CrewMember]:
    return list(CrewMember.objects.filter(organisation_id=organisation_id, pk__in=crew_ids, is_active=True))


def trip(pk: int) -> Trip:
    """A trip just written by a service (the caller was allowed to write it)."""
    return Trip.objects.select_related("request", "vehicle").prefetch_related(Prefetch("crew", queryset=CrewMember.objects.only("pk"))).get(pk=pk)
