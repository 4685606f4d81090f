"""Indonesian person names, normalised for matching.

    parse_name("Hj. Siti Aminah binti H. Abdul Rachman, S.Pd.")
        -> NameParts(core=("siti", "aminah"), lineage=("abdul", "rakhman"))
    parse_name("M. Risky")        -> core=("muhammad", "riski")
    parse_name("MUH. RIZKY")      -> core=("muhammad", "riski")
    phonetic("Soedjono") == phonetic("Sujono") == phonetic("Suyono")

Rules (docs/matching.md): Unicode folded to ASCII, lower case, apostrophes dropped; academic titles
(S.Pd., Drs., Ir., M.Kes., ...) and honorifics (H., Hj., Bapak, Ibu, Alm., ...) dropped; the
connectors bin/binti/bt/boru/br/anak split a name into its own part ("core") and the parent's or
clan part ("lineage"); abbreviations of Muhammad (M., Moh., Muh., Mhd., Moch., ...) and a few
other common ones expanded; the old spellings (oe→u, dj→j, tj→c, nj→ny, sj→sy, ch→kh) rewritten to
the current spelling. ``phonetic()`` then merges what Indonesians write in several ways (kh/h,
z/s, f/p/v, q/k, y/j/i at the end, doubled letters) into one code. Pure functions: no database,
no key; the same code serves the application and the batch command.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Academic and professional titles, written with or without dots ("S.Pd." -> "spd").
TITLES = frozenset(
    """
    drs dra dr drg ir prof ssos sag spd skom se sh st sip ssi shum sak sfarm sgz skeb skes skm sst ssit
    sth spsi skep sked stp sp sn sds spt sikom spdi shi sei ssn amd amk amkeb amkep apt ners bsc ba ma
    msc mba phd lc mpd mm mh msi mkes mkom mt mag mhum mkep mpsi ssy spog spa
    """.split()
)
# Honorifics and forms of address: say nothing about who someone is.
HONORIFICS = frozenset(
    """
    h hj haji hajah hajjah hjh bapak bpk pak ibu bu sdr sdri saudara saudari an a.n alm almh almarhum
    almarhumah ny nyonya tn tuan nn nona kak dik adik bang mas mbak mba tgk teungku rd raden ustadz
    ustad ustadzah kh i ni
    """.split()
)
# Frequent leading tokens that do not tell people apart (Muhammad Rizki / Muhammad Fajar; the
# Balinese birth-order names): the "distinctive" token is the first core token not in this set.
COMMON_LEADING = frozenset(
    "muhammad siti nur abdul ahmad wayan made nyoman ketut putu kadek komang gede gusti ayu ngurah "
    "luh nengah andi la wa".split()
)
# Connectors between a person's own name and the father's name or clan (marga).
CONNECTORS = frozenset({"bin", "binti", "bt", "bte", "boru", "br", "anak", "putra", "putri"})
# Abbreviations expanded to one spelling.
EXPAND = {
    **dict.fromkeys(
        "m mhd md moh mohd moch mochd much muh muhd mochamad mochammad mohamad mohammad mohamed muhamad "
        "muhamat muhammat mukhammad mukhamad muchammad muchamad mokhammad mokhamad".split(),
        "muhammad",
    ),
    **dict.fromkeys("abd abdl".split(), "abdul"),
    **dict.fromkeys("noor nor nuur".split(), "nur"),
    **dict.fromkeys("sitti siti".split(), "siti"),
    "ahmat": "ahmad",
    "achmad": "ahmad",
    "akhmad": "ahmad",
}
# Old (Van Ophuijsen / Soewandi) spellings -> current spelling, applied in this order.
OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh"))

_APOSTROPHES = re.compile(r"['`’‘]")
_SPLIT = re.compile(r"[^a-z0-9.]+")


@dataclass(frozen=True)
class NameParts:
    core: tuple[str, ...]  # the person's own name tokens, in order
    lineage: tuple[str, ...] = ()  # after bin/binti/boru/...: the father's name or the clan

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.core + self.lineage

    @property
    def given(self) -> str:
        return self.core[0] if self.core else (self.lineage[0] if self.lineage else "")

    @property
    def distinctive(self) -> str:
        for token in self.core:
            if token not in COMMON_LEADING:
                return token
        return self.given

    def canonical(self) -> str:
        return " ".join(self.core)


def fold(value: str) -> str:
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _APOSTROPHES.sub("", text)


def respell(token: str) -> str:
    for old, new in OLD_SPELLING:
        token = token.replace(old, new)
    return token


@lru_cache(maxsize=200_000)
def parse_name(value: str) -> NameParts:
    text = fold(value)
    # Titles after a comma ("Siti Aminah, S.Pd., M.Kes.") are dropped whole.
    head, _, tail = text.partition(",")
    raw = [t for t in _SPLIT.split(head) if t]
    tail_tokens = [t.replace(".", "") for t in _SPLIT.split(tail) if t]
    raw += [t for t in tail_tokens if t not in TITLES and t not in HONORIFICS]
    core: list[str] = []
    lineage: list[str] = []
    target = core
    for i, token in enumerate(raw):
        bare = token.replace(".", "")
        if not bare:
            continue
        if bare in CONNECTORS and (core or lineage) and i < len(raw) - 1:
            target = lineage
            continue
        if bare == "st" and i == 0 and len(raw) > 1:
            bare = "siti"  # "St. Aminah"
        if bare in TITLES and bare not in EXPAND:
            continue
        if bare in HONORIFICS and len(raw) > 1:
            continue
        bare = EXPAND.get(bare, bare)
        bare = respell(bare)
        bare = EXPAND.get(bare, bare)
        if bare.isdigit():
            continue
        target.append(bare)
    if not core and lineage:
        core, lineage = lineage, []
    return NameParts(tuple(core), tuple(lineage))


_PHONETIC_RULES = (
    ("kh", "h"),
    ("sy", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("v", "f"),
    ("f", "p"),
    ("ie", "i"),
    ("ij", "i"),
    ("oe", "u"),
    ("ou", "u"),
    ("ey", "ei"),
    ("ay", "ai"),
    ("dj", "j"),
    ("j", "y"),
    ("w", "u"),
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = str.maketrans("", "", "aiueo")


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """One code for the spellings of a name token (Indonesian sound rules, docs/matching.md)."""
    t = respell(fold(token))
    for old, new in _PHONETIC_RULES:
        t = t.replace(old, new)
    if t.endswith("y"):
        t = t[:-1] + "i"
    t = t.replace("y", "i") if len(t) > 2 else t
    if len(t) > 1 and t[-1] == "h" and t[-2] in "aiueo":
        t = t[:-1]  # Fatimah / Fatima, Aisyah / Aisya
    t = _DOUBLE.sub(r"\1", t)
    if t[:1] == "h" and len(t) > 2 and t[1] in "aiueo":
        t = t[1:]  # Hairul / Airul is rare, but Hasan/Asan ... keep vowel-initial form
    return t


def skeleton(token: str) -> str:
    """First letter and consonants of the phonetic code: a coarse key for blocking."""
    p = phonetic(token)
    if not p:
        return ""
    return p[0] + p[1:].translate(_VOWELS)


def bigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}
