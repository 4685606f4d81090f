"""Bulk synthetic cases for list tests and the benchmark (bypasses the per-case services for speed,
but keeps numbering, derived columns and encryption)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from simpul.cases.models import Case, CaseAssignment, CaseCounter, CaseParty, Incident, IncidentForm
from simpul.people.models import Person

FIRST = ["Siti", "Budi", "Ani", "Rina", "Dewi", "Nur", "Putri", "Ayu"]
LAST = ["Contoh", "Sintetis", "Uji", "Coba"]
FORMS = ["fisik", "psikis", "seksual", "penelantaran", "lainnya"]
REGIONS = ["63.06", "63.06.05", "63.06.01"]


@transaction.atomic
def bulk_cases(org: Any, n: int, *, assign_to: Any = None, year: int = 2025, seed: int = 1, batch: int = 1000) -> list[int]:
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(organisation=org, year=year)
    start = counter.last
    ids: list[int] = []
    for offset in range(0, n, batch):
        chunk = range(start + offset + 1, start + min(offset + batch, n) + 1)
        cases = [
            Case(
                number=f"{org.region_id}/{year}/{seq:04d}", year=year, seq=seq, organisation=org, region_id=rnd.choice(REGIONS),
                kabupaten_code="63.06", province_code="63", jenis_kasus=rnd.choice(["ktp", "ampk"]), risk=rnd.choice(["sedang", "tinggi", "rendah"]) if seq % 2 else "sedang",
                reported_at=dt.date(year, 1, 1) + dt.timedelta(days=seq % 300),
            )
            for seq in chunk
        ]
        Case.objects.bulk_create(cases)
        cases = list(Case.objects.filter(organisation=org, year=year, seq__in=list(chunk)).order_by("seq"))
        persons = Person.objects.bulk_create(
            [Person(full_name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", nik=f"630605{rnd.randint(41, 68):02d}0511{rnd.randint(1, 9999):04d}", sex="P", birth_year=2010, organisation=org) for _ in cases]
        )
        CaseParty.objects.bulk_create([CaseParty(case=c, person=p, role="korban", age_at_incident=rnd.randint(3, 50), is_child=False) for c, p in zip(cases, persons, strict=True)])
        incidents = Incident.objects.bulk_create([Incident(case=c, date=c.reported_at - dt.timedelta(days=3), place="rumah_tangga") for c in cases])
        IncidentForm.objects.bulk_create([IncidentForm(incident=i, case_id=i.case_id, form=rnd.choice(FORMS)) for i in incidents])
        if assign_to is not None:
            CaseAssignment.objects.bulk_create([CaseAssignment(case=c, user=assign_to) for c in cases])
        ids += [c.pk for c in cases]
    counter.last = start + n
    counter.save(update_fields=["last"])
    return ids
