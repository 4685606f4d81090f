"""Summary invalidation only: queue the affected case for ``stats_refresh_cases`` on commit.

Every case service writes a ``CaseEvent`` (so stage/status updates done with UPDATE are seen);
direct saves and deletions of cases, parties, incidents, relationships and services are seen too.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from simpul.cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    Incident,
    IncidentForm,
    Relationship,
    ServiceDelivery,
)
from simpul.people.models import Person
from simpul.stats.services import queue_refresh


def _case_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    queue_refresh(instance.pk if isinstance(instance, Case) else getattr(instance, "case_id", None))


def _relationship_changed(sender: Any, instance: Relationship, **kwargs: Any) -> None:
    # When the incident itself is being deleted, its own signal queues the case.
    queue_refresh(Incident.objects.filter(pk=instance.incident_id).values_list("case_id", flat=True).first())


def _person_changed(sender: Any, instance: Person, created: bool = False, **kwargs: Any) -> None:
    if created:
        return
    for case_id in CaseParty.objects.filter(person_id=instance.pk).values_list("case_id", flat=True):
        queue_refresh(case_id)


def connect() -> None:
    for model in (Case, CaseEvent, CaseParty, Incident, IncidentForm, ServiceDelivery):
        post_save.connect(_case_changed, sender=model, dispatch_uid=f"stats-save-{model.__name__}")
        post_delete.connect(_case_changed, sender=model, dispatch_uid=f"stats-delete-{model.__name__}")
    post_save.connect(_relationship_changed, sender=Relationship, dispatch_uid="stats-save-Relationship")
    post_delete.connect(_relationship_changed, sender=Relationship, dispatch_uid="stats-delete-Relationship")
    post_save.connect(_person_changed, sender=Person, dispatch_uid="stats-save-Person")
