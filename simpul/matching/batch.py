"""Batch matching: records in, clusters of the same person out (data migration, evaluation).

    simpul persons match --input records.csv --output clusters.csv

Input columns: record_id,full_name,sex,birth_date,nik,phone,kabupaten_code,desa (any may be
empty; sex L/P; birth_date YYYY-MM-DD; kabupaten_code like 63.06). Output: record_id,cluster_id.
The same normalisation, keys and scoring as the application (simpul.matching.keys/score), under
a random key for the run; the database is never touched.

Steps: keys for every record; candidate pairs from blocking rules (records sharing a key, blocks
larger than MAX_BLOCK skipped); u estimated from random pairs, m by EM over the candidate pairs;
pairs at or above the threshold joined into clusters (union–find), a link refused when it would
join two records whose sexes or NIKs disagree outright.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

import numpy as np

from simpul.matching.keys import Identity, KeyMaker, Keys
from simpul.matching.score import COMPARISONS, UNKNOWN, Model
from simpul.matching.vector import KeyArrays, candidate_pairs, compare_many

MAX_BLOCK = 200
MIN_ESTIMATE = 2_000  # fewer records: the default weights (score.DEFAULT_M/U) are used
THRESHOLD = 0.95
COLUMNS = ("record_id", "full_name", "sex", "birth_date", "nik", "phone", "kabupaten_code", "desa")

@dataclass
class Progress:
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    every: float = 2.0
    _last: float = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last >= self.every:
            self._last = now
            print(f"  {stage}: {done:,}/{total:,}", file=self.stream, flush=True)


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def read_records(path: str) -> Iterator[tuple[str, Identity]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            yield row["record_id"], Identity(
                full_name=row.get("full_name") or "", sex=row.get("sex") or "",
                birth_date=_date(row.get("birth_date") or ""), nik=row.get("nik") or "",
                phone=row.get("phone") or "", kabupaten_code=row.get("kabupaten_code") or "",
                desa=row.get("desa") or "",
            )


def estimate(k: KeyArrays, levels: np.ndarray, seed: int = 1, random_pairs: int = 300_000, iterations: int = 10) -> Model:
    """u from random pairs; m from pairs that another comparison makes near certain (as splink's
    training rules do): every comparison but the NIK from the pairs with an equal NIK, the NIK
    from the pairs with an equal name and birth date; then the prior by EM with m and u fixed."""
    model = Model.default()
    n = k.n
    if n < MIN_ESTIMATE:
        return model  # too few records to estimate anything: the documented defaults
    if n > 1:
        rng = np.random.default_rng(seed)
        a = rng.integers(0, n, random_pairs)
        b = rng.integers(0, n, random_pairs)
        keep = a != b
        rand = compare_many(k, a[keep], b[keep])
        model.u = [list(_distribution(rand[:, i], len(c.levels), smoothing=1.0)) for i, c in enumerate(COMPARISONS)]
    names = [c.name for c in COMPARISONS]
    nik_i, name_i, dob_i = names.index("nik"), names.index("name"), names.index("dob")
    sure = levels[levels[:, nik_i] == 2]
    sure_nik = levels[(levels[:, name_i] == 4) & (levels[:, dob_i] == 3)]
    if len(sure) >= 50 and len(sure_nik) >= 50:
        model.m = [
            list(_distribution((sure_nik if i == nik_i else sure)[:, i], len(c.levels), smoothing=0.5))
            for i, c in enumerate(COMPARISONS)
        ]
    if not len(levels):
        return model
    radix = np.array([len(c.levels) + 1 for c in COMPARISONS], dtype=np.int64)
    place = np.concatenate([[1], np.cumprod(radix[:-1])])
    codes = ((levels.astype(np.int64) + 1) * place).sum(axis=1)
    uniq, first, counts = np.unique(codes, return_index=True, return_counts=True)
    patterns = levels[first]
    weights = model.weights()
    w = np.zeros(len(patterns))
    for i in range(len(COMPARISONS)):
        col = patterns[:, i]
        table = np.array(weights[i])
        w += np.where(col == UNKNOWN, 0.0, table[np.clip(col, 0, None)])
    lam, matched = 0.3, 0.0
    for _ in range(iterations):
        odds = (lam / (1 - lam)) * np.exp2(np.minimum(w, 60))
        matched = float((counts * odds / (1 + odds)).sum())
        lam = min(max(matched / counts.sum(), 1e-6), 1 - 1e-6)
    model.prior = max(matched / max(n * (n - 1) / 2, 1), 1e-12)
    return model


def _distribution(col: np.ndarray, size: int, smoothing: float) -> np.ndarray:
    known = col[col != UNKNOWN]
    counts = np.bincount(known.astype(np.int64), minlength=size)[:size] + smoothing
    return counts / counts.sum()


def pair_weights(k: KeyArrays, levels: np.ndarray, a: np.ndarray, model: Model) -> np.ndarray:
    """Match weight of each pair: the model's weights plus the term-frequency adjustment of an
    equal name (Scorer.weight_of, vectorised)."""
    weights = model.weights()
    w = np.full(len(levels), model.prior_weight())
    for i in range(len(COMPARISONS)):
        col = levels[:, i]
        table = np.array(weights[i])
        w += np.where(col == UNKNOWN, 0.0, table[np.clip(col, 0, None)])
    names = k.cols["name_set"]
    _values, inverse, counts = np.unique(names, return_inverse=True, return_counts=True)
    freq = counts[inverse] / max(k.n, 1)
    u_exact = model.u[0][4]
    pair_freq = freq[a]
    adjust = (levels[:, 0] == 4) & (pair_freq > u_exact) & (names[a] != 0) & (k.n >= MIN_ESTIMATE)
    w[adjust] += np.log2(u_exact / pair_freq[adjust])
    return w


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x


def cluster(keys: list[Keys], threshold: float = THRESHOLD, progress: Progress | None = None,
            model: Model | None = None) -> list[int]:
    """Cluster number of each record (the index of the cluster's first record)."""
    k = KeyArrays.build(keys)
    if progress:
        progress("arrays", k.n, k.n)
    a, b = candidate_pairs(k, MAX_BLOCK)
    if progress:
        progress("candidate pairs", len(a), len(a))
    levels = np.zeros((0, len(COMPARISONS)), dtype=np.int8)
    chunks = []
    step = 1_000_000
    for start in range(0, len(a), step):
        chunks.append(compare_many(k, a[start : start + step], b[start : start + step]))
        if progress:
            progress("comparisons", min(start + step, len(a)), len(a))
    if chunks:
        levels = np.concatenate(chunks)
    model = model or estimate(k, levels)
    w = pair_weights(k, levels, a, model)
    threshold_weight = math.log2(threshold / (1 - threshold))
    accepted = np.nonzero(w >= threshold_weight)[0]
    accepted = accepted[np.argsort(-w[accepted], kind="stable")]
    uf = UnionFind(k.n)
    # Cannot-link: two clusters are not joined when both know NIKs and birth dates and share
    # neither, when both know birth years and share none, or when both know the sex and differ
    # (stops chains through one doubtful link, e.g. a bare common name).
    niks: dict[int, set[bytes]] = {i: {x.nik} for i, x in enumerate(keys) if x.nik}
    dobs: dict[int, set[bytes]] = {i: {x.dob} for i, x in enumerate(keys) if x.dob}
    years: dict[int, set[bytes]] = {i: {x.dob_y} for i, x in enumerate(keys) if x.dob_y}
    sexes: dict[int, set[str]] = {i: {x.sex} for i, x in enumerate(keys) if x.sex}
    for pa, pb in zip(a[accepted].tolist(), b[accepted].tolist(), strict=True):
        ra, rb = uf.find(pa), uf.find(pb)
        if ra == rb:
            continue
        na, nb, da, db = niks.get(ra), niks.get(rb), dobs.get(ra), dobs.get(rb)
        if na and nb and da and db and not (na & nb) and not (da & db):
            continue
        ya, yb = years.get(ra), years.get(rb)
        if ya and yb and not (ya & yb):
            continue
        sa, sb = sexes.get(ra), sexes.get(rb)
        if sa and sb and not (sa & sb):
            continue
        root, other = min(ra, rb), max(ra, rb)
        uf.parent[other] = root
        for store in (niks, dobs, years, sexes):
            if other in store:
                store.setdefault(root, set()).update(store.pop(other))  # type: ignore[arg-type]
    return [uf.find(i) for i in range(k.n)]


def match_file(input_path: str, output_path: str, threshold: float = THRESHOLD, quiet: bool = False) -> dict[str, float]:
    started = time.monotonic()
    progress = None if quiet else Progress()
    maker = KeyMaker(os.urandom(32), memo=True)
    ids: list[str] = []
    keys: list[Keys] = []
    for record_id, ident in read_records(input_path):
        ids.append(record_id)
        keys.append(maker.keys(ident))
        if progress and len(ids) % 100_000 == 0:
            progress("records read", len(ids), len(ids))
    clusters = cluster(keys, threshold=threshold, progress=progress)
    with open(output_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "cluster_id"])
        for record_id, c in zip(ids, clusters, strict=True):
            writer.writerow([record_id, ids[c]])
    return {"records": len(ids), "clusters": len(set(clusters)), "seconds": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="simpul persons", description="Pencocokan orang (batch)")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("match", help="cluster records of the same person: CSV in, record_id,cluster_id out")
    m.add_argument("--input", required=True)
    m.add_argument("--output", required=True)
    m.add_argument("--threshold", type=float, default=THRESHOLD)
    m.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    result = match_file(args.input, args.output, threshold=args.threshold, quiet=args.quiet)
    print(f"{result['records']:,} records, {result['clusters']:,} clusters in {result['seconds']} s", file=sys.stderr)
    return 0
