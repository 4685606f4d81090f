"""The batch path of matching with NumPy: the same blocking, comparisons and weights as
``score.compare`` / ``Scorer`` (a test checks that both give the same levels on random pairs),
computed for millions of pairs at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from simpul.matching.keys import BLOOM_BITS, Keys
from simpul.matching.score import COMPARISONS, UNKNOWN

U64 = np.uint64
_FIELDS = (
    "name_seq", "name_set", "given", "distinctive", "distinctive_skel", "skeletons", "lineage",
    "dob", "dob_ym", "dob_yd", "dob_md", "dob_swapped", "dob_y", "nik", "nik_region", "nik_dob",
    "nik_serial", "phone", "desa",
)
TOKEN_SLOTS = 4
WORDS = BLOOM_BITS // 64


@dataclass
class KeyArrays:
    n: int
    cols: dict[str, np.ndarray]
    sex: np.ndarray  # int8: 0 unknown, 1 L, 2 P
    kabupaten: np.ndarray  # int32: 0 unknown, else an id
    tokens: np.ndarray  # (n, TOKEN_SLOTS) uint64, 0 = empty
    bloom: np.ndarray  # (n, WORDS) uint64
    bloom_count: np.ndarray  # int32

    @classmethod
    def build(cls, keys: Sequence[Keys]) -> KeyArrays:
        n = len(keys)

        def as_u64(values: list[bytes]) -> np.ndarray:
            joined = b"".join(v if v else b"\0" * 8 for v in values)
            return np.frombuffer(joined, dtype=">u8").astype(U64) if n else np.zeros(0, U64)

        cols = {f: as_u64([getattr(k, f) for k in keys]) for f in _FIELDS}
        sex = np.array([1 if k.sex == "L" else 2 if k.sex == "P" else 0 for k in keys], dtype=np.int8)
        kab_ids: dict[str, int] = {}
        kabupaten = np.array([kab_ids.setdefault(k.kabupaten, len(kab_ids) + 1) if k.kabupaten else 0 for k in keys], dtype=np.int32)
        tokens = np.zeros((n, TOKEN_SLOTS), dtype=U64)
        for i, k in enumerate(keys):
            for j, t in enumerate(sorted(k.tokens)[:TOKEN_SLOTS]):
                tokens[i, j] = int.from_bytes(t, "big")
        mask = (1 << 64) - 1
        bloom = np.array([[(k.bloom >> (64 * w)) & mask for w in range(WORDS)] for k in keys], dtype=U64).reshape(n, WORDS)
        bloom_count = np.array([k.bloom_count for k in keys], dtype=np.int32)
        return cls(n, cols, sex, kabupaten, tokens, bloom, bloom_count)


def _in_tokens(values: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    return ((tokens == values[:, None]) & (values[:, None] != 0)).any(axis=1)


def compare_many(k: KeyArrays, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Levels (pairs x comparisons, int8) exactly as score.compare would give them."""
    c = k.cols
    out = np.full((len(a), len(COMPARISONS)), UNKNOWN, dtype=np.int8)

    def both(col: str) -> np.ndarray:
        return (c[col][a] != 0) & (c[col][b] != 0)

    def eq(col: str) -> np.ndarray:
        return c[col][a] == c[col][b]

    # name
    has = both("name_seq")
    exact = eq("name_seq") | eq("name_set")
    inter = (k.bloom[a] & k.bloom[b])
    common = np.bitwise_count(inter).sum(axis=1, dtype=np.int64)
    total = (k.bloom_count[a] + k.bloom_count[b]).astype(np.int64)
    d = np.where(total > 0, 2.0 * common / np.maximum(total, 1), 0.0)
    ta, tb = k.tokens[a], k.tokens[b]
    a_in_b = np.zeros((len(a), TOKEN_SLOTS), dtype=bool)
    b_in_a = np.zeros((len(a), TOKEN_SLOTS), dtype=bool)
    for j in range(TOKEN_SLOTS):
        a_in_b[:, j] = _in_tokens(ta[:, j], tb)
        b_in_a[:, j] = _in_tokens(tb[:, j], ta)
    na = (ta != 0).sum(axis=1)
    nb = (tb != 0).sum(axis=1)
    shared = a_in_b.sum(axis=1)
    subset = (shared >= 2) & ((shared == na) | (b_in_a.sum(axis=1) == nb))
    level = np.where(subset | (d >= 0.85), 3, np.where(d >= 0.7, 2, np.where(d >= 0.5, 1, 0)))
    name = np.where(has, np.where(exact, 4, level), UNKNOWN)
    out[:, 0] = name
    # distinctive (not counted when the name is equal)
    has = both("distinctive") & (name != 4)
    same = eq("distinctive") | _in_tokens(c["distinctive"][a], tb) | _in_tokens(c["distinctive"][b], ta)
    out[:, 1] = np.where(has, np.where(same, 2, np.where(eq("distinctive_skel"), 1, 0)), UNKNOWN)
    # birth date
    has = both("dob")
    near = eq("dob_ym") | eq("dob_yd") | eq("dob_md") | ((c["dob_swapped"][a] != 0) & (c["dob_swapped"][a] == c["dob"][b]))
    out[:, 2] = np.where(has, np.where(eq("dob"), 3, np.where(near, 2, np.where(eq("dob_y"), 1, 0))), UNKNOWN)
    # NIK
    has = both("nik")
    near = eq("nik_region") & eq("nik_dob") & (out[:, 2] != 3)
    out[:, 3] = np.where(has, np.where(eq("nik"), 2, np.where(near, 1, 0)), UNKNOWN)
    # phone, sex
    out[:, 4] = np.where(both("phone"), eq("phone").astype(np.int8), UNKNOWN)
    sa, sb = k.sex[a], k.sex[b]
    out[:, 5] = np.where((sa != 0) & (sb != 0), (sa == sb).astype(np.int8), UNKNOWN)
    # place
    ka, kb = k.kabupaten[a], k.kabupaten[b]
    desa_eq = (c["desa"][a] != 0) & eq("desa")
    out[:, 6] = np.where((ka != 0) & (kb != 0), np.where(ka != kb, 0, np.where(desa_eq, 2, 1)), UNKNOWN)
    # lineage
    out[:, 7] = np.where(both("lineage"), eq("lineage").astype(np.int8), UNKNOWN)
    return out


_MIX = (U64(0x9E3779B97F4A7C15), U64(0xC2B2AE3D27D4EB4F), U64(0x165667B19E3779F9))


def combine(*columns: np.ndarray) -> np.ndarray:
    """One 64-bit blocking key from several columns; 0 where any column is 0 (unknown)."""
    key = np.zeros_like(columns[0], dtype=U64)
    known = np.ones(len(columns[0]), dtype=bool)
    with np.errstate(over="ignore"):
        for i, col in enumerate(columns):
            col = col.astype(U64)
            known &= col != 0
            key = (key ^ col) * _MIX[i % 3]
            key ^= key >> U64(29)
    key[~known] = 0
    key[known & (key == 0)] = 1
    return key


def pairs_from_key(key: np.ndarray, max_block: int) -> np.ndarray:
    """All pairs (as a*n+b, a<b) of records sharing a non-zero key, blocks above max_block skipped."""
    n = len(key)
    idx = np.nonzero(key)[0]
    if not len(idx):
        return np.zeros(0, dtype=np.int64)
    order = idx[np.argsort(key[idx], kind="stable")]
    sorted_keys = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    out = []
    for size in np.unique(sizes):
        if size < 2 or size > max_block:
            continue
        group_starts = starts[sizes == size]
        iu, ju = np.triu_indices(int(size), k=1)
        members = order[group_starts[:, None] + np.arange(size)[None, :]]  # (groups, size)
        a = members[:, iu].ravel()
        b = members[:, ju].ravel()
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        out.append(lo.astype(np.int64) * n + hi)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def blocking_keys(k: KeyArrays) -> list[tuple[str, np.ndarray]]:
    c = k.cols
    sex = np.where(k.sex == 0, 3, k.sex).astype(U64)  # unknown sex blocks as its own value
    kab = k.kabupaten.astype(U64)
    return [
        ("nik", combine(c["nik"])),
        ("phone+sex", combine(c["phone"], sex)),
        ("dob+distinctive skeleton", combine(c["dob"], c["distinctive_skel"])),
        ("distinctive+birth year", combine(c["distinctive"], c["dob_y"])),
        ("name set+sex", combine(c["name_set"], sex)),
        ("name skeletons+sex", combine(c["skeletons"], sex)),
        ("distinctive skeleton+kabupaten+sex", combine(c["distinctive_skel"], kab, sex)),
        ("distinctive skeleton+desa", combine(c["distinctive_skel"], c["desa"])),
        ("dob+kabupaten+sex", combine(c["dob"], kab, sex)),
    ]


def candidate_pairs(k: KeyArrays, max_block: int) -> tuple[np.ndarray, np.ndarray]:
    parts = [pairs_from_key(key, max_block) for _name, key in blocking_keys(k)]
    flat = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    return flat // k.n, flat % k.n
