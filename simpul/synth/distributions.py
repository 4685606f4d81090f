"""Distributions of the synthetic data: 2024 national Simfoni figures (DOMAIN.md §1) and a fast
weighted choice. Names are clearly synthetic ("... (sintetis)")."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from simpul.cases.models import ReferralStatus


class Weighted:
    """Fast weighted choice with a given Random."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.pairs = list(pairs)
        self.values = [v for v, _w in pairs]
        self.cum = list(accumulate(w for _v, w in pairs))
        self.total = self.cum[-1]

    def pick(self, rnd: random.Random) -> Any:
        return self.values[bisect(self.cum, rnd.random() * self.total)]

# 2024 national figures (DOMAIN.md §1). 0-5 is not published: estimated.
FORMS = Weighted(
    [
        ("fisik", 11373),
        ("psikis", 9799),
        ("seksual", 14465),
        ("eksploitasi", 386),
        ("trafficking", 471),
        ("penelantaran", 2588),
        ("lainnya", 3260),
    ]
)
PLACES = Weighted(
    [
        ("rumah_tangga", 20681),
        ("lainnya", 7322),
        ("fasilitas_umum", 3481),
        ("sekolah", 2520),
        ("tempat_kerja", 455),
        ("lembaga_pendidikan_kilat", 102),
    ]
)
RELATIONS = Weighted(
    [
        ("pacar_teman", 5464),
        ("suami_istri", 4767),
        ("lainnya", 3560),
        ("orang_tua", 3434),
        ("na", 2838),
        ("tetangga", 2256),
        ("keluarga", 1640),
        ("guru", 878),
        ("rekan_kerja", 196),
        ("majikan", 130),
    ]
)
AGE_GROUPS = Weighted(
    [
        ((13, 17), 12170),
        ((25, 44), 7292),
        ((6, 12), 7016),
        ((18, 24), 3999),
        ((45, 59), 1454),
        ((60, 80), 164),
        ((0, 5), 2400),
        (None, 900),
    ]
)
EDU_CHILD = Weighted(
    [
        ("sd", 35),
        ("sltp", 35),
        ("slta", 10),
        ("belum_sekolah", 8),
        ("tk_paud", 4),
        ("putus_sekolah", 3),
        ("na", 5),
    ]
)
EDU_ADULT = Weighted([("slta", 35), ("sltp", 20), ("sd", 15), ("pt", 12), ("putus_sekolah", 3), ("na", 15)])
OCC_ADULT = Weighted(
    [
        ("irt", 35),
        ("swasta_buruh", 20),
        ("tidak_bekerja", 15),
        ("pedagang_tani_nelayan", 10),
        ("bekerja", 8),
        ("pns_tni_polri", 2),
        ("na", 10),
    ]
)
SERVICES = Weighted(
    [
        ("pengaduan", 30),
        ("pendampingan", 20),
        ("kesehatan", 12),
        ("rehabilitasi_sosial", 10),
        ("penegakan_hukum", 9),
        ("bantuan_hukum", 8),
        ("mediasi", 4),
        ("reintegrasi_sosial", 3),
        ("penampungan", 2),
        ("pemulangan", 1),
        ("tokoh_agama", 1),
    ]
)
CHANNELS = Weighted(
    [
        ("langsung", 40),
        ("telepon", 15),
        ("whatsapp", 15),
        ("pihak_lain", 10),
        ("rujukan", 8),
        ("penjangkauan", 6),
        ("sapa129", 4),
        ("surat", 2),
    ]
)
RISKS = Weighted([("rendah", 50), ("sedang", 35), ("tinggi", 15)])
DISABILITIES = Weighted([("fisik", 3), ("intelektual", 3), ("mental", 2), ("sensorik", 2), ("ganda", 1)])
FIRST_F = ["Siti", "Nur", "Dewi", "Rina", "Aisyah", "Putri", "Wulan", "Fitri", "Lestari", "Maya"]
FIRST_M = ["Budi", "Andi", "Agus", "Rudi", "Dedi", "Joko", "Hendra", "Rizky", "Fajar", "Yusuf"]
LAST = ["Contoh", "Sintetis", "Fiktif", "Rekaan", "Percobaan", "Uji"]
STAGES_OPEN = ["identifikasi", "asesmen", "rencana_intervensi", "pelaksanaan", "pemantauan"]

def synthetic_name(rnd: random.Random, sex: str) -> str:
    first = rnd.choice(FIRST_F if sex == "P" else FIRST_M)
    return f"{first} {rnd.choice(LAST)} (sintetis)"

MARITAL = [
    "kawin_tercatat",
    "kawin_tercatat",
    "belum_kawin",
    "kawin_belum_tercatat",
    "cerai_hidup_tercatat",
    "na",
]
REFERRAL_STATES = [
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
    ReferralStatus.CANCELLED,
]

