"""Synthetic persons and requests for the privacy tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simpul.people.models import Person
from simpul.people.services import person_save


def make_person(org: Any, **fields: Any) -> Person:
    values: dict[str, Any] = {
        "full_name": "Siti Contoh Sintetis",
        "nik": "6306054501900001",
        "phone": "0812-0000-1111",
        "email": "siti.contoh@example.invalid",
        "birth_date": dt.date(1990, 1, 5),
        "address_detail": "Jl. Sintetis No. 7 RT 01/RW 02",
        "sex": "P",
    }
    values.update(fields)
    return person_save(Person(organisation=org), **values)
