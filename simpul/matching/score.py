"""Fellegi–Sunter scoring of two keyed records, with weights that can be explained.

Each comparison puts a pair of records into one level (or "unknown" when either side is empty).
The weight of a level is log2(m / u): m = P(level | same person), u = P(level | different
persons). u is estimated from random pairs, m by expectation–maximisation over the candidate
pairs (as splink does); the defaults below were estimated that way on the synthetic evaluation
set (docs/matching.md) and are what the application uses until a deployment re-estimates them
with `simpul persons estimate`. The explanation of a score names the comparisons that agreed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from simpul.matching.keys import Keys, dice

UNKNOWN = -1


@dataclass(frozen=True)
class Comparison:
    name: str
    label: str  # Indonesian, shown to users ("nama", "tanggal lahir", ...)
    levels: tuple[str, ...]  # level index -> description, highest agreement last


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("name", "nama", ("berbeda", "agak mirip", "mirip", "sangat mirip", "sama")),
    Comparison("distinctive", "nama panggilan/pembeda", ("berbeda", "ejaan mirip", "sama")),
    Comparison("dob", "tanggal lahir", ("berbeda", "tahun sama", "hampir sama", "sama")),
    Comparison("nik", "NIK", ("berbeda", "wilayah dan tanggal lahir sama", "sama")),
    Comparison("phone", "telepon", ("berbeda", "sama")),
    Comparison("sex", "jenis kelamin", ("berbeda", "sama")),
    Comparison("place", "tempat", ("berbeda", "kabupaten sama", "desa sama")),
    Comparison("lineage", "nama ayah/marga", ("berbeda", "sama")),
)


def compare(a: Keys, b: Keys) -> tuple[int, ...]:
    """The level of each comparison for records a and b (UNKNOWN where either is empty)."""
    if a.name_seq and b.name_seq:
        if a.name_seq == b.name_seq or a.name_set == b.name_set:
            name = 4
        else:
            d = dice(a, b)
            shared = len(a.tokens & b.tokens)
            subset = shared >= 2 and (a.tokens <= b.tokens or b.tokens <= a.tokens)
            name = 3 if (subset or d >= 0.85) else 2 if d >= 0.7 else 1 if d >= 0.5 else 0
    else:
        name = UNKNOWN
    if a.distinctive and b.distinctive and name != 4:  # an equal name already says it
        if a.distinctive == b.distinctive or a.distinctive in b.tokens or b.distinctive in a.tokens:
            distinctive = 2
        else:
            distinctive = 1 if a.distinctive_skel == b.distinctive_skel else 0
    else:
        distinctive = UNKNOWN
    if a.dob and b.dob:
        if a.dob == b.dob:
            dob = 3
        elif (a.dob_ym == b.dob_ym or a.dob_yd == b.dob_yd or a.dob_md == b.dob_md
              or (a.dob_swapped and a.dob_swapped == b.dob)):
            dob = 2
        else:
            dob = 1 if a.dob_y == b.dob_y else 0
    else:
        dob = UNKNOWN
    if a.nik and b.nik:
        # The NIK encodes the birth date: with equal birth dates, "same region and date, other
        # serial" says nothing more, and two different NIKs mean two people (twins) or a typo.
        near = a.nik_region == b.nik_region and a.nik_dob == b.nik_dob and dob != 3
        nik = 2 if a.nik == b.nik else 1 if near else 0
    else:
        nik = UNKNOWN
    phone = (1 if a.phone == b.phone else 0) if (a.phone and b.phone) else UNKNOWN
    sex = (1 if a.sex == b.sex else 0) if (a.sex and b.sex) else UNKNOWN
    if a.kabupaten and b.kabupaten:
        place = 0 if a.kabupaten != b.kabupaten else 2 if (a.desa and a.desa == b.desa) else 1
    else:
        place = UNKNOWN
    lineage = (1 if a.lineage == b.lineage else 0) if (a.lineage and b.lineage) else UNKNOWN
    return (name, distinctive, dob, nik, phone, sex, place, lineage)


# Default m and u per level, estimated on the synthetic evaluation set (bench/matching_eval.py,
# docs/matching.md); re-estimated per run by the batch command.
DEFAULT_M: tuple[tuple[float, ...], ...] = (
    (0.01, 0.02, 0.05, 0.17, 0.75),
    (0.03, 0.07, 0.90),
    (0.03, 0.04, 0.10, 0.83),
    (0.02, 0.03, 0.95),
    (0.10, 0.90),
    (0.02, 0.98),
    (0.08, 0.40, 0.52),
    (0.15, 0.85),
)
DEFAULT_U: tuple[tuple[float, ...], ...] = (
    (0.90, 0.08, 0.015, 0.004, 0.001),
    (0.97, 0.025, 0.005),
    (0.97, 0.028, 0.0015, 0.0005),
    (0.9995, 0.0004, 0.0001),
    (0.998, 0.002),
    (0.5, 0.5),
    (0.95, 0.045, 0.005),
    (0.99, 0.01),
)
DEFAULT_PRIOR = 1e-5  # P(same person) for a random pair


@dataclass
class Model:
    m: list[list[float]]
    u: list[list[float]]
    prior: float = DEFAULT_PRIOR

    @classmethod
    def default(cls) -> Model:
        return cls([list(x) for x in DEFAULT_M], [list(x) for x in DEFAULT_U], DEFAULT_PRIOR)

    def weights(self) -> list[list[float]]:
        return [[math.log2(max(m, 1e-9) / max(u, 1e-9)) for m, u in zip(ms, us, strict=True)]
                for ms, us in zip(self.m, self.u, strict=True)]

    def prior_weight(self) -> float:
        return math.log2(self.prior / (1 - self.prior))


@dataclass(frozen=True)
class Score:
    weight: float
    probability: float
    levels: tuple[int, ...]

    def agreeing(self) -> list[str]:
        """The comparisons that agreed (top level), in Indonesian, for "why this match"."""
        out = []
        for comp, level in zip(COMPARISONS, self.levels, strict=True):
            if level == len(comp.levels) - 1:
                out.append(comp.label)
            elif level > 0 and comp.name in ("name", "dob", "nik", "distinctive"):
                out.append(f"{comp.label} ({comp.levels[level]})")
        return out


class Scorer:
    """Weights of a model; ``name_frequency`` (share of records carrying a name, by the keyed
    name) makes an equal common name ("Siti Fatimah") count for less than an equal rare one,
    as splink's term-frequency adjustment does."""

    def __init__(self, model: Model | None = None, name_frequency: dict[bytes, float] | None = None) -> None:
        self.model = model or Model.default()
        self._w = self.model.weights()
        self._prior = self.model.prior_weight()
        self._m_name_exact = self.model.m[0][4]
        self._u_name_exact = self.model.u[0][4]
        self.name_frequency = name_frequency or {}

    def weight_of(self, levels: Sequence[int], name_key: bytes = b"") -> float:
        total = self._prior
        for i, level in enumerate(levels):
            if level != UNKNOWN:
                total += self._w[i][level]
        if levels[0] == 4 and name_key:
            freq = self.name_frequency.get(name_key, 0.0)
            if freq > self._u_name_exact:
                total += math.log2(self._u_name_exact / freq)
        return total

    def score(self, a: Keys, b: Keys) -> Score:
        levels = compare(a, b)
        w = self.weight_of(levels, a.name_set)
        return Score(w, probability(w), levels)


def probability(weight: float) -> float:
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds = 2.0**weight
    return odds / (1 + odds)
