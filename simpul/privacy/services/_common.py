"""What the privacy services share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from simpul.privacy.models import LegalBasis

ADULT_AGE = 18
# Bases that keep a purpose allowed even while the subject restricts processing (life and law first).
BASES_OVER_RESTRICTION = frozenset({LegalBasis.VITAL_INTEREST, LegalBasis.LEGAL_OBLIGATION})


def _now() -> dt.datetime:
    return timezone.now()


def _user(actor: Any) -> Any:
    user = getattr(actor, "user", actor)
    return user if getattr(user, "is_authenticated", False) else None
