"""Numbers stay gapless and unique when many cases are opened at once; concurrent edits of one
case lose nothing (each save either applies or is refused as stale)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection

from simpul.cases import services
from simpul.cases.models import Case, CaseNote


def _run_threads(n_threads: int, work: Any) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n_threads)

    def runner(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_hundred_concurrent_cases_get_gapless_numbers(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    actor = demo["user"]["manajer_kasus.hss"]
    per_thread = 10

    def work(i: int) -> None:
        for _ in range(per_thread):
            services.case_open(actor=actor, organisation=org, region="63.06", jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 6, 1))

    errors = _run_threads(10, work)
    assert not errors, errors[:3]
    numbers = list(Case.objects.filter(organisation=org, year=2025).values_list("number", flat=True))
    assert len(numbers) == 100 and len(set(numbers)) == 100
    assert sorted(numbers) == [f"63.06/2025/{i:04d}" for i in range(1, 101)]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_lose_nothing(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    mk = demo["user"]["manajer_kasus.hss"]
    case = services.case_open(actor=mk, organisation=org, region="63.06", jenis_kasus="ktp", risk="sedang", reported_at=dt.date(2025, 6, 1))
    start_version = case.version
    outcomes: dict[int, str] = {}
    risks = ["tinggi", "rendah", "tinggi", "rendah", "tinggi", "rendah", "tinggi", "rendah"]

    def work(i: int) -> None:
        mine = Case.objects.get(pk=case.pk)
        # Notes are appended, never overwritten: all of them must survive.
        services.note_add(actor=mk, case=mine, text=f"Catatan {i}")
        try:
            services.case_update(actor=mk, case=mine, expected_version=start_version, risk=risks[i], summary=f"Versi {i}")
            outcomes[i] = "saved"
        except services.StaleCase:
            outcomes[i] = "stale"

    errors = _run_threads(len(risks), work)
    assert not errors, errors[:3]
    saved = [i for i, o in outcomes.items() if o == "saved"]
    # Exactly one edit made against the starting version wins; the others are refused (and
    # their users are shown the form again with their input), never silently overwritten.
    assert len(saved) == 1
    case.refresh_from_db()
    assert case.summary == f"Versi {saved[0]}" and case.risk == risks[saved[0]]
    assert CaseNote.objects.filter(case=case).count() == len(risks)
    # The statistics summary, refreshed on every one of those commits, still equals the raw data.
    from simpul.stats.services import summaries_match_raw

    assert summaries_match_raw()
