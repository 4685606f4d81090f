"""Synthetic data: deterministic, clearly synthetic, numbering kept gapless, summaries exact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simpul.cases.models import Case, CaseCounter
from simpul.people.models import Person
from simpul.stats.models import CaseFact, MonthlyCount
from simpul.stats.services import stats_rebuild, summaries_match_raw
from simpul.synth.demo import seed_demo
from simpul.synth.generate import generate


def _fingerprint() -> list[tuple[Any, ...]]:
    return list(
        Case.objects.order_by("pk").values_list("number", "region_id", "reported_at", "jenis_kasus", "stage")
    )


def test_seed_is_deterministic_and_consistent(demo: dict[str, Any]) -> None:
    today = dt.date(2025, 10, 1)
    generate(150, seed=5, region="63", today=today, rebuild=True)
    first = _fingerprint()
    assert len(first) == 150 and all(r[1].startswith("63.") for r in first)
    assert summaries_match_raw()
    # Names are clearly synthetic and encrypted at rest.
    person = Person.objects.exclude(full_name=None).first()
    assert person is not None and person.full_name.endswith("(sintetis)")
    raw = Person.objects.filter(pk=person.pk).values_list("full_name", flat=True).get()
    assert "sintetis" not in str(raw)
    # Gapless numbering continues after the seed.
    for counter in CaseCounter.objects.all():
        seqs = sorted(
            Case.objects.filter(organisation_id=counter.organisation_id, year=counter.year).values_list(
                "seq", flat=True
            )
        )
        assert seqs == list(range(1, counter.last + 1))
    Case.objects.all().delete()
    CaseCounter.objects.all().delete()
    CaseFact.objects.all().delete()
    MonthlyCount.objects.all().delete()
    generate(150, seed=5, region="63", today=today, parallel=True)  # generated in a forked process
    second = _fingerprint()
    assert [r[1:] for r in second] == [r[1:] for r in first]
    # The summaries written during generation equal a rebuild from the case tables.
    assert summaries_match_raw()
    cols = ("basis", "kabupaten_code", "month", "unit", "dimension", "value", "count")
    written = sorted(map(str, MonthlyCount.objects.values_list(*cols)))
    stats_rebuild()
    assert sorted(map(str, MonthlyCount.objects.values_list(*cols))) == written


def test_seed_on_top_of_existing_data_adds_to_the_summaries(demo: dict[str, Any]) -> None:
    today = dt.date(2025, 10, 1)
    generate(80, seed=1, region="63.06", today=today)
    generate(70, seed=2, region="63", today=today)
    assert Case.objects.count() == 150
    assert CaseFact.objects.count() == 150
    assert summaries_match_raw()


def test_seed_demo_is_idempotent(demo: dict[str, Any]) -> None:
    seed_demo(cases=480)
    n = Case.objects.count()
    assert n == 480
    assert (
        Case.objects.filter(kabupaten_code="63.06").count()
        > Case.objects.filter(kabupaten_code="16.09").count()
        > 0
    )
    seed_demo(cases=480)
    assert Case.objects.count() == n
    assert summaries_match_raw()
