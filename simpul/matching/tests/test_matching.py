"""Person matching: Indonesian name normalisation, keys that reveal no name, the scalar and the
vectorised comparisons agree, and the batch contract (CSV in, clusters out) on synthetic data."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simpul.matching.batch import match_file
from simpul.matching.evalgen import generate, pair_scores, write
from simpul.matching.keys import Identity, KeyMaker, birth_date_from_nik
from simpul.matching.names import parse_name, phonetic
from simpul.matching.score import Scorer, compare
from simpul.matching.vector import KeyArrays, compare_many

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("raw", "core"),
    [
        ("Muhammad Rizki", ("muhammad", "rizki")),
        ("M. Risky", ("muhammad", "risky")),
        ("MUH. RIZKY", ("muhammad", "rizky")),
        ("Moch. Rizki", ("muhammad", "rizki")),
        ("Mhd Rizki", ("muhammad", "rizki")),
        ("Hj. Siti Aminah binti H. Abdul Rachman, S.Pd.", ("siti", "aminah")),
        ("Drs. Ir. Bambang Tjahjono, M.Kes.", ("bambang", "cahjono")),
        ("Soedjono", ("sujono",)),
        ("St. Aminah", ("siti", "aminah")),
        ("Bapak Joko", ("joko",)),
        ("Ibu", ("ibu",)),  # a bare honorific stays (it is all there is)
        ("Rosmawati boru Siregar", ("rosmawati",)),
        ("Nur'aini", ("nuraini",)),
        ("I Wayan Sudarsana", ("wayan", "sudarsana")),
        ("Alm. Khadijah", ("khadijah",)),
    ],
)
def test_indonesian_names_normalise(raw: str, core: tuple[str, ...]) -> None:
    assert parse_name(raw).core == core


def test_lineage_is_kept_apart() -> None:
    parts = parse_name("Ahmad Fauzi bin Sulaiman")
    assert parts.core == ("ahmad", "fauzi") and parts.lineage == ("sulaiman",)
    assert parse_name("Rosmawati boru Siregar").lineage == ("siregar",)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Rizki", "Rizky", "Riski", "Risky"),
        ("Soedjono", "Sujono", "Suyono"),
        ("Achmad", "Ahmad", "Akhmad"),
        ("Chairul", "Khairul", "Hairul"),
        ("Fatimah", "Fatima"),
        ("Syaiful", "Saiful"),
        ("Tjahjo", "Cahyo"),
        ("Novi", "Nofi"),
    ],
)
def test_spellings_share_one_phonetic_code(spellings: tuple[str, ...]) -> None:
    codes = {phonetic(parse_name(s).core[0]) for s in spellings}
    assert len(codes) == 1, codes


def test_nik_encodes_birth_date_and_sex() -> None:
    assert birth_date_from_nik("6306054501900111") == (dt.date(1990, 1, 5), "P")
    assert birth_date_from_nik("6306050101850222") == (dt.date(1985, 1, 1), "L")
    assert birth_date_from_nik("6306059999850222") == (None, "")


def test_keys_reveal_no_name_and_depend_on_the_key() -> None:
    ident = Identity(full_name="Siti Nurhaliza", sex="P", birth_date=dt.date(2010, 5, 1), nik="6306054105100111", phone="0812 7777 1001")
    a = KeyMaker(b"k" * 32).keys(ident)
    b = KeyMaker(b"j" * 32).keys(ident)
    blob = repr(a).encode()
    for needle in (b"siti", b"nurhaliza", b"6306054105100111", b"81277771001", b"2010"):
        assert needle not in blob.lower()
    assert a.name_seq != b.name_seq and a.nik != b.nik and a.bloom != b.bloom


def test_same_person_scores_high_and_siblings_low() -> None:
    maker, scorer = KeyMaker(os.urandom(32)), Scorer()
    a = maker.keys(Identity("Muhammad Rizki bin Ahmad", "L", dt.date(2012, 3, 4), "6306050403120001", "", "63.06", "Jambu Hilir"))
    b = maker.keys(Identity("M. RISKY", "L", dt.date(2012, 3, 4), "", "", "63.06", ""))
    sibling = maker.keys(Identity("Muhammad Fajar bin Ahmad", "L", dt.date(2014, 7, 9), "6306050907140002", "", "63.06", "Jambu Hilir"))
    twin = maker.keys(Identity("Muhammad Fajri bin Ahmad", "L", dt.date(2012, 3, 4), "6306050403120003", "", "63.06", "Jambu Hilir"))
    assert scorer.score(a, b).probability > 0.9
    assert "tanggal lahir" in scorer.score(a, b).agreeing()
    assert scorer.score(a, sibling).probability < 0.1
    assert scorer.score(a, twin).probability < 0.5


def test_vectorised_comparisons_equal_the_scalar_ones() -> None:
    rows = generate(800, seed=7)
    maker = KeyMaker(os.urandom(32))
    from simpul.matching.batch import _date

    keys = [maker.keys(Identity(r["full_name"], r["sex"], _date(r["birth_date"]), r["nik"], r["phone"], r["kabupaten_code"], r["desa"]))
            for r, _pid in rows]
    arrays = KeyArrays.build(keys)
    rng = random.Random(3)
    by_person: dict[int, list[int]] = {}
    for i, (_r, pid) in enumerate(rows):
        by_person.setdefault(pid, []).append(i)
    pairs = [tuple(g[:2]) for g in by_person.values() if len(g) > 1]
    pairs += [(rng.randrange(len(keys)), rng.randrange(len(keys))) for _ in range(2000)]
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    vector = compare_many(arrays, a, b)
    for row, (x, y) in zip(vector.tolist(), pairs, strict=True):
        assert tuple(row) == compare(keys[x], keys[y]), (x, y)


def test_batch_contract_on_synthetic_records(tmp_path: Path) -> None:
    records, truth_path, out = tmp_path / "records.csv", tmp_path / "truth.csv", tmp_path / "clusters.csv"
    write(generate(3000, seed=5), str(records), str(truth_path))
    result = match_file(str(records), str(out), quiet=True)
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["record_id", "cluster_id"]
    clusters = {r["record_id"]: r["cluster_id"] for r in rows}
    with open(truth_path, newline="") as fh:
        truth = {r["record_id"]: r["person_id"] for r in csv.DictReader(fh)}
    assert set(clusters) == set(truth) and result["records"] == len(truth)
    scores = pair_scores(truth, clusters)
    assert scores["precision"] >= 0.93 and scores["recall"] >= 0.9, scores


def test_batch_accepts_empty_fields_and_runs_without_django(tmp_path: Path) -> None:
    records, out = tmp_path / "in.csv", tmp_path / "out.csv"
    records.write_text(
        "record_id,full_name,sex,birth_date,nik,phone,kabupaten_code,desa\n"
        "a,Siti Aminah,P,2010-05-01,,,63.06,\n"
        "b,SITI AMINAH,,2010-05-01,,,63.06,Jambu Hilir\n"
        "c,,,,,,,\n"
        "d,Budi,L,not-a-date,123,x,,\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run([sys.executable, "-c", "from simpul.cli import main; main()", "persons", "match",
                    "--input", str(records), "--output", str(out), "--quiet"], check=True, env=env, timeout=120)
    with open(out, newline="") as fh:
        clusters = {r["record_id"]: r["cluster_id"] for r in csv.DictReader(fh)}
    assert clusters["a"] == clusters["b"] and len({clusters["a"], clusters["c"], clusters["d"]}) == 3
