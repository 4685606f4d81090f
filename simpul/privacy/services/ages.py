"""Ages: who is a child (UU PDP Pasal 25)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from simpul.people.models import Person
from simpul.privacy.services._common import ADULT_AGE


def person_age(person: Person, on: dt.date | None = None) -> int | None:
    """The person's (lowest possible) age on ``on``: from the birth date, else the estimated
    age (aged from when it was estimated), else the birth year (counting the birthday as not
    yet reached, so a child is never taken for an adult). None when nothing is known."""
    on = on or timezone.localdate()
    birth = person.birth_date
    if birth:
        return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if person.age_estimate is not None:
        since = person.age_estimated_on or on
        return person.age_estimate + max(0, on.year - since.year - ((on.month, on.day) < (since.month, since.day)))
    if person.birth_year:
        return on.year - person.birth_year - 1
    return None


def is_child(person: Person, on: dt.date | None = None) -> bool:
    age = person_age(person, on)
    return age is not None and age < ADULT_AGE
