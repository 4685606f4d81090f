"""Reads of outbound webhooks, scoped through the access layer (the organisation's admin)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from simpul import access
from simpul.accounts.models import Organisation
from simpul.webhooks.models import Attempt, Delivery, Endpoint, Status


def organisations(actor: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access.actor_for(actor).org_ids("admin"), is_active=True).order_by("pk")


def endpoints(actor: Any) -> QuerySet[Endpoint]:
    return (
        access.visible(actor, Endpoint)
        .select_related("organisation")
        .defer("secret")
        .annotate(n_dead=Count("deliveries", filter=Q(deliveries__status=Status.DEAD)))
        .order_by("organisation_id", "-created_at")
    )


def recent_deliveries(endpoint: Endpoint, limit: int = 50) -> list[Delivery]:
    return list(Delivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")[:limit])


def attempts_of(deliveries: list[Delivery]) -> dict[int, list[Attempt]]:
    out: dict[int, list[Attempt]] = {d.pk: [] for d in deliveries}
    for a in Attempt.objects.filter(delivery_id__in=list(out)).order_by("delivery_id", "number"):
        out[a.delivery_id].append(a)
    return out


def dead_letters(actor: Any, limit: int = 200) -> list[Delivery]:
    return list(
        access.visible(actor, Delivery)
        .filter(status=Status.DEAD)
        .select_related("endpoint", "endpoint__organisation")
        .defer("endpoint__secret")
        .order_by("-created_at", "-id")[:limit]
    )
