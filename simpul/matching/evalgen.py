"""Synthetic Indonesian person records with known truth, for evaluating matching.

Every record is invented. A "person" gets 1-4 records as different agencies would write them:
honorifics and titles added, Muhammad abbreviated (M., Moh., Muh., Mhd.), old spellings
(u/oe, j/dj, c/tj, y/j, kh/ch), one-character typos, capitals, swapped order, dropped middle
names, "bin/binti <father>" added or left out, missing NIK/phone/birth date, mistyped NIK
digits, day and month exchanged. Hard negatives: siblings (same father, desa, phone, NIK region,
family name, other given names and birth dates), twins (same birth date too), and very common
names within one kabupaten.

    python -m simpul.matching.evalgen --persons 60000 --output records.csv --truth truth.csv
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass

MALE = (
    "Ahmad Budi Agus Andi Rizki Fajar Hendra Joko Bambang Slamet Sugeng Wahyu Yusuf Ilham Arif Dedi Eko Rudi Hadi "
    "Rahmat Syaiful Taufik Zainal Hasan Husain Irfan Fauzi Firman Gilang Bayu Dimas Reza Rian Aditya Yoga Putra "
    "Bagus Heru Iwan Kurniawan Lukman Mulyadi Nanang Rahman Saiful Sutrisno Teguh Yudi Zulkifli Amat Jumadi Junaidi "
    "Abdullah Hamdan Salman Farhan Haris Ridwan Sofyan Wawan Yanto Darmawan Gunawan Hidayat Jamal Khairul Mansur "
    "Nasrullah Rusdi Samsul Supriyadi Syahrani Aidil Akbar Alfian Anwar Arsyad Daud Fikri Habibi Hafiz Iqbal Jefri "
    "Asep Ujang Cecep Dadang Engkus Ade Yayat Kusnadi Suparman Sumarno Paijo Tukiman Wagiman Sukirman Ponijan "
    "Sarwono Trimo Margono Suroso Purnomo Widodo Prasetyo Nugroho Hartono Setiadi Haryanto Budiman Effendi "
    "Bonifasius Yohanes Petrus Paulus Markus Yosef Fransiskus Antonius Stefanus Robert Hendrik Marthen Yakob "
    "Rudolf Oktavianus Ketut Nyoman Made Wayan Kadek Komang Gede Putu Arya Dharma Sudarsana Wirawan Artawan "
    "Baso Amir Syamsul Rahim Kaharuddin Jusman Ambo Lamusu Halim Hamka Basri Mardani Syahril Gazali Fahrurrazi "
    "Normansyah Rizali Ariadi Bahrudin Fathurrahman Hairani Jailani Kasyful Mahyuni Noorhadi Rijali Saberi Taufikurrahman "
    "Alvin Bryan Dafa Evan Galih Hanif Ivan Kevin Naufal Raka Satria Tegar Vino Yusril Zidan Arkan Barra Dzaky Farel"
).split()
FEMALE = (
    "Siti Nur Aisyah Fatimah Dewi Sri Rina Wati Yuliana Lestari Rahmawati Ratna Sari Putri Ayu Indah Fitri Nurul "
    "Aminah Halimah Khadijah Maryam Zahra Nabila Salsabila Aulia Anisa Dian Eka Evi Fitriani Hartini Ika Intan "
    "Kartika Lia Maya Mega Novi Nuraini Puspita Rahayu Rosmawati Sinta Suryani Tika Utami Wulan Yanti Yuni Zainab "
    "Hasanah Jubaidah Mariani Norhayati Rusmini Saniah Masitah Rabiatul Mahmudah Zubaidah Sarifah Rukayah Hamidah "
    "Nadia Annisa Azizah Bella Cahaya Desi Elvira Farida Hani Ilmi Jannah Laila Mutia Nisa Rizka Sabrina Tiara "
    "Euis Neneng Iis Yeti Imas Entin Cucu Enok Tuti Nining Ponirah Tukinem Sumiyati Painem Sulastri Suwarni "
    "Sukarsih Paryani Wartini Kasinah Murniati Endang Retno Wahyuningsih Tri Handayani Purwanti Susilowati "
    "Maria Magdalena Theresia Agustina Yohana Ruth Debora Febiola Gracia Kristina Martha Veronika Yosefina "
    "Luh Ketut Nyoman Kadek Ayu Komang Gusti Sukerni Sriani Suarni Widiasih Ariani Darmayanti Purnamasari "
    "Hasnah Rosdiana Nurhaedah Syamsiah Hadijah Jumriah Nurbaya Rahmatia Sitti Kasmawati Nursyam Halimatussadiah "
    "Norlaila Mardiana Rusmilawati Hairiyah Jamilah Masrufah Nordiana Rabiah Salasiah Sarpiah Zuraidah Mahrita "
    "Aurel Cinta Dinda Freya Gita Hana Inara Keisha Livia Meisya Naura Olivia Queen Raisa Shakila Talita Zahira"
).split()
MIDDLE = "Nur Dwi Tri Eka Indra Sri Ayu Putri Putra Rahmat Hidayat Wahyu Fitri Ramadhan Saputra Lestari Anggraini Kurnia".split()
FAMILY = (
    "Siregar Nasution Lubis Harahap Simanjuntak Sitompul Hutapea Sinaga Tarigan Ginting Pane Daulay Wijaya "
    "Santoso Susanto Hidayat Saputra Pratama Kusuma Setiawan Gunawan Hakim Rahman Syahputra Maulana Firdaus"
).split()
FATHERS = "Abdullah Ahmad Hasan Ismail Yusuf Sulaiman Ibrahim Ali Umar Usman Hamzah Salim Mahmud Rasyid Zakaria".split()
DESA = (
    "Kandangan Barat|Kandangan Utara|Jambu Hilir|Sungai Raya|Padang Batung|Loksado|Telaga Langsat|Angkinang|"
    "Simpur|Kalumpang|Daha Utara|Daha Selatan|Sungai Paring|Baruh Jaya|Amawang Kiri|Bakarung|Tibung Raya|"
    "Karang Jawa|Malinau|Hulu Banyu|Muara Enim|Baturaja|Muaradua|Buay Runjung|Simpang|Tanjung Raya"
).split("|")
KABUPATEN = [f"63.{i:02d}" for i in range(1, 12)] + ["63.71", "63.72"] + [f"16.{i:02d}" for i in range(1, 14)]
HONORIFICS = ["H.", "Hj.", "Bapak", "Ibu", "Sdr.", "Sdri.", "Alm."]
TITLES = ["S.Pd.", "S.E.", "S.H.", "Drs.", "Ir.", "A.Md.", "S.Kom.", "M.Pd."]
MUHAMMAD = ["Muhammad", "M.", "Moh.", "Muh.", "Mhd.", "Moch.", "Mohammad", "Muhamad", "MUHAMMAD", "Mochamad"]
OLD = [("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("kh", "ch"), ("sy", "sj"), ("ny", "nj")]
COMMON_NAMES = ["Muhammad Rizki", "Siti Aminah", "Nur Hasanah", "Ahmad Fauzi", "Siti Fatimah", "Muhammad Fajar"]


@dataclass
class Person:
    pid: int
    tokens: list[str]
    father: str
    sex: str
    birth: dt.date
    nik: str
    phone: str
    kabupaten: str
    desa: str


def _nik(rng: random.Random, kabupaten: str, birth: dt.date, sex: str) -> str:
    region = kabupaten.replace(".", "") + f"{rng.randint(1, 20):02d}"
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 9999):04d}"


def _phone(rng: random.Random) -> str:
    return f"08{rng.choice(['11', '12', '13', '21', '22', '52', '53', '57', '58', '77', '78', '95', '96'])}{rng.randint(10_000_000, 99_999_999)}"


def _given(rng: random.Random, sex: str) -> list[str]:
    pool = MALE if sex == "L" else FEMALE
    n = rng.choices([1, 2, 3], [0.35, 0.5, 0.15])[0]
    tokens = [rng.choice(pool)]
    if sex == "L" and rng.random() < 0.18:
        tokens.insert(0, "Muhammad")
    while len(tokens) < n:
        tokens.append(rng.choice(MIDDLE + pool))
    return tokens


def make_people(rng: random.Random, n: int) -> list[Person]:
    people: list[Person] = []
    pid = 0
    while len(people) < n:
        kab = rng.choice(KABUPATEN)
        desa = rng.choice(DESA)
        father = rng.choice(FATHERS)
        family = rng.choice(FAMILY) if rng.random() < 0.25 else ""
        phone = _phone(rng) if rng.random() < 0.7 else ""
        kind = rng.random()
        size = 1 if (kind < 0.7 or kind > 0.97) else rng.randint(2, 4)  # a household of siblings
        twins = size >= 2 and rng.random() < 0.15
        base_birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 27_000))
        for s in range(size):
            sex = rng.choice("LP")
            if kind > 0.97:
                tokens = rng.choice(COMMON_NAMES).split()  # a very common name in this kabupaten
                sex = "P" if tokens[0] in ("Siti", "Nur") else "L"
            else:
                tokens = _given(rng, sex)
            if family:
                tokens = tokens + [family]
            birth = base_birth if (twins and s < 2) else base_birth + dt.timedelta(days=rng.randint(300, 4000) * s)
            birth = min(birth, dt.date(2025, 12, 31) - dt.timedelta(days=rng.randint(0, 3000)))
            people.append(Person(pid, tokens, father, sex, birth, _nik(rng, kab, birth, sex),
                                 phone if rng.random() < 0.8 else _phone(rng), kab, desa))
            pid += 1
    return people[:n]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    letters = "aiueonrstkmh"
    if op < 0.3:
        return word[:i] + word[i + 1 :]
    if op < 0.6:
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if op < 0.8:
        return word[:i] + word[i] + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _old_spelling(rng: random.Random, word: str) -> str:
    new, old = rng.choice(OLD)
    return word.replace(new, old, 1) if new in word.lower() else word


def _render_name(rng: random.Random, p: Person) -> str:
    tokens = list(p.tokens)
    if tokens[0] == "Muhammad" and len(tokens) > 1 and rng.random() < 0.6:
        tokens[0] = rng.choice(MUHAMMAD)
    if len(tokens) >= 3 and rng.random() < 0.2:
        del tokens[rng.randrange(1, len(tokens) - (1 if len(tokens) > 2 else 0))]  # a dropped middle name
    if len(tokens) >= 2 and rng.random() < 0.08:
        tokens = tokens[1:] + tokens[:1]  # swapped order
    if rng.random() < 0.25:
        j = rng.randrange(len(tokens))
        tokens[j] = _old_spelling(rng, tokens[j])
    if rng.random() < 0.2:
        j = rng.randrange(len(tokens))
        tokens[j] = _typo(rng, tokens[j])
    name = " ".join(tokens)
    if rng.random() < 0.15:
        name += (" bin " if p.sex == "L" else " binti ") + p.father
    if rng.random() < 0.1:
        name = rng.choice(HONORIFICS) + " " + name
    if rng.random() < 0.05:
        name += ", " + rng.choice(TITLES)
    case = rng.random()
    if case < 0.2:
        name = name.upper()
    elif case < 0.3:
        name = name.lower()
    return name


def _render_nik(rng: random.Random, nik: str) -> str:
    if rng.random() < 0.35:
        return ""
    if rng.random() < 0.05:
        i = rng.randrange(16)
        return nik[:i] + str((int(nik[i]) + rng.randint(1, 9)) % 10) + nik[i + 1 :]
    return nik


def _render_birth(rng: random.Random, birth: dt.date) -> str:
    r = rng.random()
    if r < 0.15:
        return ""
    if r < 0.18 and birth.day <= 12:
        try:
            return dt.date(birth.year, birth.day, birth.month).isoformat()
        except ValueError:
            return birth.isoformat()
    if r < 0.21:
        return (birth + dt.timedelta(days=rng.choice([-1, 1]))).isoformat()
    return birth.isoformat()


def records(rng: random.Random, people: list[Person]) -> list[tuple[dict[str, str], int]]:
    out = []
    rid = 0
    for p in people:
        n = rng.choices([1, 2, 3, 4], [0.55, 0.3, 0.1, 0.05])[0]
        for _ in range(n):
            out.append(({
                "record_id": f"r{rid}",
                "full_name": _render_name(rng, p),
                "sex": p.sex if rng.random() < 0.95 else "",
                "birth_date": _render_birth(rng, p.birth),
                "nik": _render_nik(rng, p.nik),
                "phone": p.phone if rng.random() < 0.6 else "",
                "kabupaten_code": p.kabupaten if rng.random() < 0.9 else rng.choice(KABUPATEN),
                "desa": p.desa if rng.random() < 0.7 else "",
            }, p.pid))
            rid += 1
    rng.shuffle(out)
    return out


def generate(persons: int, seed: int = 1) -> list[tuple[dict[str, str], int]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    return records(rng, make_people(rng, persons))


def write(rows: list[tuple[dict[str, str], int]], records_path: str, truth_path: str) -> None:
    with open(records_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["record_id", "full_name", "sex", "birth_date", "nik", "phone", "kabupaten_code", "desa"])
        w.writeheader()
        for row, _pid in rows:
            w.writerow(row)
    with open(truth_path, "w", newline="", encoding="utf-8") as fh:
        w2 = csv.writer(fh)
        w2.writerow(["record_id", "person_id"])
        for row, pid in rows:
            w2.writerow([row["record_id"], pid])


def pair_scores(truth: dict[str, int], clusters: dict[str, str]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of records placed together."""
    from collections import Counter

    def pairs_of(groups: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in groups.values())

    true_pairs = pairs_of(Counter(truth.values()))
    found_pairs = pairs_of(Counter(clusters.values()))
    both = pairs_of(Counter((clusters[r], truth[r]) for r in truth))
    precision = both / found_pairs if found_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_pairs": true_pairs, "found_pairs": found_pairs}


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=60_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--output", required=True)
    ap.add_argument("--truth", required=True)
    args = ap.parse_args()
    rows = generate(args.persons, args.seed)
    write(rows, args.output, args.truth)
    print(f"{len(rows):,} records of {args.persons:,} persons")


if __name__ == "__main__":
    main()
