"""Counting rules: every single-valued breakdown sums to its total, on random data."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from simpul.stats import rules
from simpul.stats.queries import sum_contributions
from simpul.stats.rules import CaseInput, Perpetrator, Victim

ages = st.one_of(st.none(), st.integers(min_value=0, max_value=95))
victims = st.builds(
    Victim,
    ages,
    st.sampled_from(["P", "L", "X"]),
    st.lists(st.sampled_from(["fisik", "mental", "ganda", "aneh"]), max_size=2),
    st.sampled_from(["sd", "slta", "na", "??"]),
    st.sampled_from(["irt", "na"]),
    st.sampled_from(["belum_kawin", "na"]),
)
perps = st.builds(
    Perpetrator,
    st.sampled_from(["P", "L", "X"]),
    st.sets(st.sampled_from(["orang_tua", "guru", "na", "zzz"]), max_size=2),
)
cases = st.builds(
    CaseInput,
    st.integers(1, 10**6),
    st.just("63"),
    st.sampled_from(["63.06", "63.71"]),
    st.sampled_from(["63.06", "63.06.05", "63.71.01.1001"]),
    st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
    st.sampled_from(["ktp", "ampk", "x"]),
    st.sampled_from(rules.STAGES + ("?",)),
    st.sampled_from(["open", "closed"]),
    st.sampled_from(["langsung", "nope"]),
    st.sampled_from(["tinggi", "rendah"]),
    st.lists(st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31)), max_size=2),
    st.sets(st.sampled_from(["rumah_tangga", "sekolah", "planet"]), max_size=2),
    st.sets(st.sampled_from(["fisik", "seksual", "tpks_4_2_a", "tpks_4_2_g", "tpks_4_2_i"]), max_size=3),
    st.lists(victims, max_size=3),
    st.lists(perps, max_size=3),
    st.lists(st.sampled_from(["kesehatan", "pengaduan", "ufo"]), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(cases, max_size=25))
def test_every_breakdown_sums_to_its_total(inputs: list[CaseInput]) -> None:
    counts = sum_contributions(inputs)
    assert counts.get((rules.KASUS, rules.TOTAL, rules.ALL), 0) == len(inputs)
    assert counts.get((rules.KORBAN, rules.TOTAL, rules.ALL), 0) == sum(len(c.victims) for c in inputs)
    assert counts.get((rules.PELAKU, rules.TOTAL, rules.ALL), 0) == sum(len(c.perpetrators) for c in inputs)
    assert counts.get((rules.LAYANAN, rules.TOTAL, rules.ALL), 0) == sum(len(c.services) for c in inputs)
    for dim in rules.DIMENSIONS.values():
        table = rules.build_table(dim, counts)
        if dim.key == rules.TOTAL:
            continue
        if dim.multi:
            # each case/person counted once per distinct value, and at least once
            assert table.parts_sum >= table.total
            assert "lebih dari satu" in table.note
        else:
            assert table.parts_sum == table.total, dim
    rec = rules.victim_reconciliation(counts)
    # women + children - both + others = all cases (the "105 = 28 + 72" problem explained)
    assert rec["anak"] + rec["perempuan_dewasa"] - rec["keduanya"] + rec["lainnya"] == rec["total"]


def test_age_groups_are_simfonis() -> None:
    assert [rules.age_group(a) for a in (0, 5, 6, 12, 13, 17, 18, 24, 25, 44, 45, 59, 60, 99)] == [
        "0-5",
        "0-5",
        "6-12",
        "6-12",
        "13-17",
        "13-17",
        "18-24",
        "18-24",
        "25-44",
        "25-44",
        "45-59",
        "45-59",
        "60+",
        "60+",
    ]
    assert rules.age_group(None) == rules.UNKNOWN


def test_victim_groups_partition_the_hss_example() -> None:
    def case(vs: list[Victim]) -> CaseInput:
        return CaseInput(
            1,
            "63",
            "63.06",
            "63.06",
            dt.date(2025, 3, 1),
            "ktp",
            "asesmen",
            "open",
            "langsung",
            "rendah",
            victims=vs,
        )

    groups = Counter(
        rules.victim_group(case(v).victims)
        for v in [
            [Victim(10, "P")],
            [Victim(30, "P")],
            [Victim(10, "L"), Victim(35, "P")],
            [Victim(40, "L")],
            [Victim(None, "P")],
            [],
        ]
    )
    assert groups == Counter(
        {
            "anak": 1,
            "perempuan_dewasa": 1,
            "anak_dan_perempuan_dewasa": 1,
            "laki_laki_dewasa": 1,
            "usia_tidak_diketahui": 1,
            "tanpa_korban": 1,
        }
    )


def test_tpks_forms_map_to_simfoni_categories() -> None:
    assert rules.simfoni_form("tpks_4_2_a") == "seksual"
    assert rules.simfoni_form("tpks_4_2_g") == "trafficking"
    assert rules.simfoni_form("fisik") == "fisik"
