"""Counting rules of Simpul's statistics, written once. Every number on every page, export
and open-data file comes from ``case_contributions`` (cases, victims, perpetrators, services)
or ``report_contributions`` (complaints). See docs/statistics.md.

A case contributes a small multiset of cells ``(unit, dimension, value) -> n``. Summing the
cells of many cases gives every table; because every breakdown has a value for "unknown"
(``tidak_diketahui``) or "other" (``lainnya``), the parts of a single-valued breakdown always
sum to its total. Multi-valued breakdowns (forms of violence, places, services, disabilities,
relationships) count each case (or person) once per distinct value: their parts can sum to
more than the total, and they say so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# --- Units and bases ---------------------------------------------------------------------

KASUS = "kasus"
KORBAN = "korban"
PELAKU = "pelaku"
PENGADUAN = "pengaduan"
LAYANAN = "layanan"

UNITS = {
    KASUS: _("kasus"),
    KORBAN: _("korban"),
    PELAKU: _("pelaku"),
    PENGADUAN: _("pengaduan"),
    LAYANAN: _("layanan diberikan"),
}

BASIS_REPORT = "r"
BASIS_INCIDENT = "i"
DEFAULT_BASIS = BASIS_REPORT
BASES = {
    BASIS_REPORT: _("menurut tanggal lapor"),
    BASIS_INCIDENT: _("menurut tanggal kejadian"),
}

UNKNOWN = "tidak_diketahui"
OTHER = "lainnya"
NONE = "tidak_ada"
TOTAL = "total"
ALL = "semua"

CHILD_AGE = 18  # "anak" = under 18 (UU 35/2014), age at the (first) incident

# Simfoni age groups.
AGE_GROUPS: list[tuple[str, int, int | None]] = [
    ("0-5", 0, 5),
    ("6-12", 6, 12),
    ("13-17", 13, 17),
    ("18-24", 18, 24),
    ("25-44", 25, 44),
    ("45-59", 45, 59),
    ("60+", 60, None),
]


def age_group(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for label, lo, hi in AGE_GROUPS:
        if age >= lo and (hi is None or age <= hi):
            return label
    return UNKNOWN  # pragma: no cover


def simfoni_form(form: str) -> str:
    """Map a recorded form (Simfoni or TPKS Pasal 4) to the 7 Simfoni categories."""
    if form in {"fisik", "psikis", "seksual", "eksploitasi", "trafficking", "penelantaran", "lainnya"}:
        return form
    if form == "tpks_4_2_g":  # TPPO for sexual exploitation
        return "trafficking"
    if form == "tpks_4_2_i":  # money laundering with a TPKS predicate
        return OTHER
    if form.startswith("tpks_"):
        return "seksual"
    return OTHER


# --- Dimensions: (unit, dimension) -> label, multi-valued?, value order --------------------


@dataclass(frozen=True)
class Dimension:
    unit: str
    key: str
    label: object
    multi: bool = False
    values: tuple[str, ...] = ()  # known values in display order (unknown ones appended)


VICTIM_GROUPS = (
    "anak",
    "perempuan_dewasa",
    "anak_dan_perempuan_dewasa",
    "laki_laki_dewasa",
    "usia_tidak_diketahui",
    "tanpa_korban",
)
FORMS = ("fisik", "psikis", "seksual", "eksploitasi", "trafficking", "penelantaran", OTHER, UNKNOWN)
PLACES = (
    "rumah_tangga",
    "tempat_kerja",
    "sekolah",
    "fasilitas_umum",
    "lembaga_pendidikan_kilat",
    OTHER,
    UNKNOWN,
)
RELATIONS = (
    "orang_tua",
    "keluarga",
    "suami_istri",
    "pacar_teman",
    "tetangga",
    "guru",
    "majikan",
    "rekan_kerja",
    OTHER,
    "na",
)
SEXES = ("P", "L", UNKNOWN)
AGE_VALUES = tuple(g[0] for g in AGE_GROUPS) + (UNKNOWN,)
CHILD_VALUES = ("anak", "dewasa", UNKNOWN)
DISABILITY_VALUES = ("fisik", "intelektual", "mental", "sensorik", "ganda", NONE)
EDUCATION = ("belum_sekolah", "tk_paud", "sd", "sltp", "slta", "pt", "putus_sekolah", UNKNOWN)
OCCUPATION = (
    "pelajar",
    "irt",
    "tidak_bekerja",
    "swasta_buruh",
    "bekerja",
    "pns_tni_polri",
    "pedagang_tani_nelayan",
    UNKNOWN,
)
MARITAL = (
    "belum_kawin",
    "kawin_tercatat",
    "kawin_belum_tercatat",
    "cerai_hidup_tercatat",
    "cerai_hidup_belum_tercatat",
    "cerai_mati",
    UNKNOWN,
)
SERVICES = (
    "pengaduan",
    "kesehatan",
    "bantuan_hukum",
    "penegakan_hukum",
    "rehabilitasi_sosial",
    "reintegrasi_sosial",
    "pemulangan",
    "tokoh_agama",
    "penampungan",
    "mediasi",
    "pendampingan",
)
JENIS = ("ktp", "ampk", "tppo", "abh", "perkawinan_anak", OTHER)
STAGES = (
    "pengaduan",
    "identifikasi",
    "asesmen",
    "rencana_intervensi",
    "pelaksanaan",
    "pemantauan",
    "terminasi",
)
STATUSES = ("open", "closed")
CHANNELS = (
    "langsung",
    "telepon",
    "whatsapp",
    "surat",
    "pihak_lain",
    "penjangkauan",
    "rujukan",
    "pelimpahan",
    "sapa129",
    OTHER,
)
RISKS = ("tinggi", "sedang", "rendah")

_DIMS = [
    Dimension(KASUS, TOTAL, _("Jumlah kasus")),
    Dimension(KASUS, "kelompok_korban", _("Kasus menurut kelompok korban"), values=VICTIM_GROUPS),
    Dimension(KASUS, "jenis", _("Kasus menurut jenis kasus"), values=JENIS),
    Dimension(KASUS, "bentuk", _("Kasus menurut bentuk kekerasan"), multi=True, values=FORMS),
    Dimension(KASUS, "tempat", _("Kasus menurut tempat kejadian"), multi=True, values=PLACES),
    Dimension(KASUS, "kabupaten", _("Kasus menurut kabupaten/kota")),
    Dimension(KASUS, "kecamatan", _("Kasus menurut kecamatan")),
    Dimension(
        KASUS, "layanan", _("Kasus menurut layanan yang diterima"), multi=True, values=SERVICES + (NONE,)
    ),
    Dimension(KASUS, "tahap", _("Kasus menurut tahap saat ini"), values=STAGES),
    Dimension(KASUS, "status", _("Kasus menurut status"), values=STATUSES),
    Dimension(KASUS, "kanal", _("Kasus menurut kanal pengaduan"), values=CHANNELS),
    Dimension(KASUS, "risiko", _("Kasus menurut tingkat risiko"), values=RISKS),
    Dimension(KORBAN, TOTAL, _("Jumlah korban")),
    Dimension(KORBAN, "jenis_kelamin", _("Korban menurut jenis kelamin"), values=SEXES),
    Dimension(
        KORBAN, "kelompok_umur", _("Korban menurut kelompok umur (usia saat kejadian)"), values=AGE_VALUES
    ),
    Dimension(KORBAN, "anak", _("Korban anak dan dewasa"), values=CHILD_VALUES),
    Dimension(KORBAN, "jk_umur", _("Korban menurut jenis kelamin dan kelompok umur")),
    Dimension(KORBAN, "disabilitas", _("Korban menurut disabilitas"), multi=True, values=DISABILITY_VALUES),
    Dimension(KORBAN, "pendidikan", _("Korban menurut pendidikan"), values=EDUCATION),
    Dimension(KORBAN, "pekerjaan", _("Korban menurut pekerjaan"), values=OCCUPATION),
    Dimension(KORBAN, "perkawinan", _("Korban menurut status perkawinan"), values=MARITAL),
    Dimension(PELAKU, TOTAL, _("Jumlah pelaku")),
    Dimension(PELAKU, "jenis_kelamin", _("Pelaku menurut jenis kelamin"), values=SEXES),
    Dimension(PELAKU, "hubungan", _("Pelaku menurut hubungan dengan korban"), multi=True, values=RELATIONS),
    Dimension(LAYANAN, TOTAL, _("Jumlah layanan diberikan")),
    Dimension(LAYANAN, "jenis_layanan", _("Layanan diberikan menurut jenis"), values=SERVICES),
]
DIMENSIONS: dict[tuple[str, str], Dimension] = {(d.unit, d.key): d for d in _DIMS}


def dimension(unit: str, key: str) -> Dimension:
    return DIMENSIONS[(unit, key)]


# --- Value labels ----------------------------------------------------------------------------

VALUE_LABELS: dict[str, object] = {
    UNKNOWN: _("Tidak diketahui"),
    OTHER: _("Lainnya"),
    NONE: _("Tidak ada/tidak tercatat"),
    "anak": _("Anak (< 18 th)"),
    "dewasa": _("Dewasa (18+ th)"),
    "perempuan_dewasa": _("Perempuan dewasa saja"),
    "anak_dan_perempuan_dewasa": _("Anak dan perempuan dewasa"),
    "laki_laki_dewasa": _("Laki-laki dewasa/lainnya saja"),
    "usia_tidak_diketahui": _("Usia korban tidak diketahui"),
    "tanpa_korban": _("Belum ada korban tercatat"),
    "P": _("Perempuan"),
    "L": _("Laki-laki"),
    "open": _("Terbuka"),
    "closed": _("Ditutup"),
    "na": _("Tidak diketahui (NA)"),
}


def value_label(dim: Dimension, value: str) -> str:
    """Label of a code in the language of the request (choices of the case/person models)."""
    if value in VALUE_LABELS and not (dim.key in {"bentuk", "tempat"} and value == OTHER):
        return str(VALUE_LABELS[value])
    from simpul.cases import models as cm
    from simpul.people import models as pm

    choice_classes = {
        "bentuk": cm.Form,
        "tempat": cm.Place,
        "hubungan": cm.Relation,
        "layanan": cm.ServiceType,
        "jenis_layanan": cm.ServiceType,
        "jenis": cm.JenisKasus,
        "tahap": cm.Stage,
        "kanal": cm.Channel,
        "risiko": cm.Risk,
        "disabilitas": pm.Disability,
        "pendidikan": pm.Education,
        "pekerjaan": pm.Occupation,
        "perkawinan": pm.MaritalStatus,
    }
    cls = choice_classes.get(dim.key)
    choices: dict[str, object] = dict(cls.choices) if cls else {}
    if value in choices:
        return str(choices[value])
    if value in VALUE_LABELS:
        return str(VALUE_LABELS[value])
    return value


# --- Inputs of one case (plain, non-identifying attributes only) ---------------------------------


@dataclass
class Victim:
    age: int | None
    sex: str  # P / L / X
    disabilities: list[str] = field(default_factory=list)
    education: str = "na"
    occupation: str = "na"
    marital: str = "na"


@dataclass
class Perpetrator:
    sex: str
    relations: set[str] = field(default_factory=set)


@dataclass
class CaseInput:
    case_id: int
    province_code: str
    kabupaten_code: str
    region_code: str
    reported_at: dt.date
    jenis: str
    stage: str
    status: str
    channel: str
    risk: str
    incident_dates: list[dt.date] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    victims: list[Victim] = field(default_factory=list)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    services: list[str] = field(default_factory=list)  # one entry per service delivered

    @property
    def incident_date(self) -> dt.date | None:
        """Date of the first incident with a known date (the basis "tanggal kejadian")."""
        return min(self.incident_dates) if self.incident_dates else None


def _known(value: str, allowed: Iterable[str], fallback: str = UNKNOWN) -> str:
    return value if value in allowed else fallback


def victim_group(victims: list[Victim]) -> str:
    """Partition of cases by who the victims are (so women + children + ... = all cases).

    anak: at least one child victim and no adult woman; perempuan_dewasa: adult women
    and no child; anak_dan_perempuan_dewasa: both; laki_laki_dewasa: only adult victims
    who are not recorded as women; usia_tidak_diketahui: no child/adult woman and some
    victim of unknown age; tanpa_korban: no victim recorded yet.
    """
    if not victims:
        return "tanpa_korban"
    child = any(v.age is not None and v.age < CHILD_AGE for v in victims)
    adult_f = any(v.age is not None and v.age >= CHILD_AGE and v.sex == "P" for v in victims)
    if child and adult_f:
        return "anak_dan_perempuan_dewasa"
    if child:
        return "anak"
    if adult_f:
        return "perempuan_dewasa"
    if any(v.age is None for v in victims):
        return "usia_tidak_diketahui"
    return "laki_laki_dewasa"


def kecamatan_of(region_code: str) -> str:
    parts = region_code.split(".")
    return ".".join(parts[:3]) if len(parts) >= 3 else UNKNOWN


Cell = tuple[str, str, str]  # (unit, dimension, value)


def case_contributions(c: CaseInput) -> Counter[Cell]:
    """The cells one case adds to every table (the single source of every count)."""
    out: Counter[Cell] = Counter()
    out[(KASUS, TOTAL, ALL)] += 1
    out[(KASUS, "kelompok_korban", victim_group(c.victims))] += 1
    out[(KASUS, "jenis", _known(c.jenis, JENIS, OTHER))] += 1
    for f in {simfoni_form(f) for f in c.forms} or {UNKNOWN}:
        out[(KASUS, "bentuk", f)] += 1
    for p in {_known(p, PLACES, OTHER) for p in c.places} or {UNKNOWN}:
        out[(KASUS, "tempat", p)] += 1
    out[(KASUS, "kabupaten", c.kabupaten_code or UNKNOWN)] += 1
    out[(KASUS, "kecamatan", kecamatan_of(c.region_code))] += 1
    for s in {_known(s, SERVICES, OTHER) for s in c.services} or {NONE}:
        out[(KASUS, "layanan", s)] += 1
    out[(KASUS, "tahap", _known(c.stage, STAGES))] += 1
    out[(KASUS, "status", _known(c.status, STATUSES))] += 1
    out[(KASUS, "kanal", _known(c.channel, CHANNELS, OTHER))] += 1
    out[(KASUS, "risiko", _known(c.risk, RISKS))] += 1
    for v in c.victims:
        out[(KORBAN, TOTAL, ALL)] += 1
        out[(KORBAN, "jenis_kelamin", _known(v.sex, ("P", "L")))] += 1
        out[(KORBAN, "kelompok_umur", age_group(v.age))] += 1
        out[(KORBAN, "jk_umur", _known(v.sex, ("P", "L")) + "|" + age_group(v.age))] += 1
        out[(KORBAN, "anak", UNKNOWN if v.age is None else ("anak" if v.age < CHILD_AGE else "dewasa"))] += 1
        for d in {_known(d, DISABILITY_VALUES[:-1], OTHER) for d in v.disabilities or ()} or {NONE}:
            out[(KORBAN, "disabilitas", d)] += 1
        out[(KORBAN, "pendidikan", _known(v.education, EDUCATION))] += 1
        out[(KORBAN, "pekerjaan", _known(v.occupation, OCCUPATION))] += 1
        out[(KORBAN, "perkawinan", _known(v.marital, MARITAL))] += 1
    for perp in c.perpetrators:
        out[(PELAKU, TOTAL, ALL)] += 1
        out[(PELAKU, "jenis_kelamin", _known(perp.sex, ("P", "L")))] += 1
        for r in {_known(r, RELATIONS, OTHER) for r in perp.relations} or {"na"}:
            out[(PELAKU, "hubungan", r)] += 1
    for s in c.services:
        out[(LAYANAN, TOTAL, ALL)] += 1
        out[(LAYANAN, "jenis_layanan", _known(s, SERVICES, OTHER))] += 1
    return out


def month_start(d: dt.date | None) -> dt.date | None:
    return d.replace(day=1) if d else None


def basis_date(c: CaseInput, basis: str) -> dt.date | None:
    return c.reported_at if basis == BASIS_REPORT else c.incident_date


# --- Tables, totals and reconciliation -----------------------------------------------------------


@dataclass
class Row:
    value: str
    label: str
    count: int


@dataclass
class Table:
    dim: Dimension
    total: int
    rows: list[Row]

    @property
    def parts_sum(self) -> int:
        return sum(r.count for r in self.rows)

    @property
    def title(self) -> str:
        return str(self.dim.label)

    @property
    def unit_label(self) -> str:
        return str(UNITS[self.dim.unit])

    @property
    def note(self) -> str:
        """Reconciliation line: why the parts do (or do not) add up to the total."""
        if self.dim.multi:
            return str(
                _(
                    "Satu %(unit)s dapat masuk lebih dari satu kategori (dihitung per %(unit)s): "
                    "jumlah rincian %(parts)s, total %(total)s."
                )
                % {"unit": UNITS[self.dim.unit], "parts": self.parts_sum, "total": self.total}
            )
        return str(
            _('Jumlah rincian = total (%(total)s), termasuk "tidak diketahui"/"lainnya".')
            % {"total": self.total}
        )


def build_table(dim: Dimension, counts: Counter[Cell], labeller: dict[str, str] | None = None) -> Table:
    """Rows of one breakdown, every known value shown (zeros included), unknown values appended."""
    total = counts.get((dim.unit, TOTAL, ALL), 0)
    values: dict[str, int] = {v: 0 for v in dim.values}
    for (unit, key, value), n in counts.items():
        if unit == dim.unit and key == dim.key:
            values[value] = values.get(value, 0) + n
    if dim.key == TOTAL:
        values = {ALL: total}
    ordered = list(dim.values) + sorted(v for v in values if v not in dim.values)
    rows = []
    for v in ordered:
        label = (labeller or {}).get(v) or value_label(dim, v)
        rows.append(Row(v, label, values.get(v, 0)))
    return Table(dim, total, rows)


def victim_reconciliation(counts: Counter[Cell]) -> dict[str, int]:
    """Cases against children vs women: the numbers the "105 = 28 + 72" problem needs."""
    g = {v: counts.get((KASUS, "kelompok_korban", v), 0) for v in VICTIM_GROUPS}
    return {
        "total": counts.get((KASUS, TOTAL, ALL), 0),
        "anak": g["anak"] + g["anak_dan_perempuan_dewasa"],
        "perempuan_dewasa": g["perempuan_dewasa"] + g["anak_dan_perempuan_dewasa"],
        "keduanya": g["anak_dan_perempuan_dewasa"],
        "lainnya": g["laki_laki_dewasa"] + g["usia_tidak_diketahui"] + g["tanpa_korban"],
        **{"g_" + k: v for k, v in g.items()},
    }
