"""Helpers shared by every write of the cases module (services and referral services): timeline
event, today, choice check, version bump and optimistic locking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.cases.models import (
    Case,
    CaseEvent,
)


def _event(case: Case, actor: Any, event_kind: str, **data: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor if getattr(actor, "pk", None) else None, kind=event_kind, data=data)


def _today() -> dt.date:
    return timezone.localdate()




def _validate_choice(value: str, choices: Any, field: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Pilihan tidak valid.")})




# --- Optimistic locking ------------------------------------------------------------------


class StaleCase(Exception):
    """The case changed since the form was loaded (``expected`` version) and the save was refused."""

    def __init__(self, case: Case, expected: int) -> None:
        super().__init__(_("Kasus ini sudah diubah orang lain sejak Anda membukanya."))
        self.case = case
        self.expected = expected


def _bump(case: Case, expected_version: int | None = None, fields: list[str] | None = None) -> None:
    """Write ``fields`` of ``case`` and raise its version in one UPDATE. With
    ``expected_version`` the write happens only if the row still carries that version
    (compare-and-set); otherwise :class:`StaleCase` is raised and nothing is written."""
    from django.db.models import F

    values = {f: getattr(case, f) for f in fields or []}
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if not qs.update(version=F("version") + 1, updated_at=timezone.now(), **values):
        raise StaleCase(Case.objects.get(pk=case.pk), expected_version or case.version)
    case.version = Case.objects.filter(pk=case.pk).values_list("version", flat=True).get()




def _touch(case: Case) -> None:
    """Any change to a case's content raises its version (so open edit forms notice)."""
    from django.db.models import F

    Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
    case.version += 1
