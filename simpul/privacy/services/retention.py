"""Retention: what is past its retention period, and its removal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.services._common import _now
from simpul.privacy.services.erasure import _erase
from simpul.privacy.services.holds import holds_for


@dataclass
class RetentionPlan:
    cutoff: dt.datetime
    dry_run: bool
    person_ids: list[int] = field(default_factory=list)
    by_org: dict[str, list[int]] = field(default_factory=dict)
    held: dict[int, list[str]] = field(default_factory=dict)
    erased: int = 0


def retention_years() -> int:
    return int(getattr(settings, "SIMPUL_RETENTION_YEARS", 10))


def retention_plan(*, now: dt.datetime | None = None, years: int | None = None) -> RetentionPlan:
    """Persons whose identifying data is due for pseudonymisation: proposed by at least one
    provider (all its records about them closed before the cutoff), not kept by any provider,
    not already pseudonymised, not under legal hold."""
    now = now or _now()
    years = retention_years() if years is None else years
    cutoff = now - dt.timedelta(days=round(365.25 * years))
    candidates: set[int] = set()
    for provider in registry.providers():
        if provider.retention_candidates:
            candidates.update(int(i) for i in provider.retention_candidates(cutoff))
    for provider in registry.providers():
        if provider.retention_blocks and candidates:
            candidates -= {int(i) for i in provider.retention_blocks(set(candidates), cutoff)}
    plan = RetentionPlan(cutoff=cutoff, dry_run=True)
    persons = Person.objects.filter(pk__in=candidates, pseudonymised_at__isnull=True).order_by("pk")
    for person in persons.iterator(chunk_size=500):
        held = holds_for(person)
        if held:
            plan.held[person.pk] = held
            continue
        plan.person_ids.append(person.pk)
        plan.by_org.setdefault(str(person.organisation_id or "-"), []).append(person.pk)
    return plan


def retention_run(*, dry_run: bool = False, now: dt.datetime | None = None, years: int | None = None, actor: Any = None) -> RetentionPlan:
    plan = retention_plan(now=now, years=years)
    plan.dry_run = dry_run
    if not dry_run:
        for person_id in plan.person_ids:
            with transaction.atomic():
                person = Person.objects.select_for_update().get(pk=person_id)
                if person.pseudonymised_at is not None:
                    continue
                try:
                    _erase(person, actor)
                except ValidationError:  # a hold appeared since planning
                    plan.held[person_id] = holds_for(person)
                    continue
                plan.erased += 1
    audit.record(
        "privacy.retention_run",
        actor=actor,
        extra={
            "dry_run": dry_run,
            "cutoff": plan.cutoff.isoformat(),
            "candidates": len(plan.person_ids),
            "erased": plan.erased,
            "held": len(plan.held),
            "by_org": {k: len(v) for k, v in plan.by_org.items()},
            "person_ids": plan.person_ids[:1000],
        },
    )
    return plan
