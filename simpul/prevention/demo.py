"""Demo data (synthetic; participant numbers invented) for the activities the source articles describe.
Only public institutions and officials named in the articles appear; no survivor ever does."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from simpul.accounts.demo import ensure_min_regions, org
from simpul.prevention.models import (
    Activity,
    ActivityTopic,
    ActivityType,
    Campaign,
    FollowUp,
    ParticipantCount,
    Session,
    Speaker,
    StakeholderGroup,
    Topic,
)
from simpul.prevention.reference import ensure_stakeholder_groups

D = dt.date


def _activity(key_title: str, organisation: str, **fields: object) -> tuple[Activity, bool]:
    return Activity.objects.get_or_create(title=key_title, organisation=org(organisation), defaults=fields)


def _counts(activity: Activity, rows: list[tuple[str, str, str, int]]) -> None:
    groups = {g.code: g for g in StakeholderGroup.objects.all()}
    for code, sex, age, n in rows:
        ParticipantCount.objects.get_or_create(activity=activity, group=groups.get(code), sex=sex, age_group=age, defaults={"count": n})


def _topics(activity: Activity, topics: list[str]) -> None:
    for t in {activity.main_topic, *topics}:
        ActivityTopic.objects.get_or_create(activity=activity, topic=t)


@transaction.atomic
def seed_demo() -> dict[str, Activity]:
    ensure_min_regions()
    ensure_stakeholder_groups()
    kalsel = org("dinas.kalsel")
    campaign, _ = Campaign.objects.get_or_create(
        name="16 Hari Anti Kekerasan terhadap Perempuan", start_date=D(2025, 11, 25),
        defaults={"end_date": D(2025, 12, 10), "organisation": kalsel, "yearly": True,
                  "description": "Kampanye tahunan 25 November – 10 Desember (data demo)."},
    )
    out: dict[str, Activity] = {}

    a, created = _activity(
        "Sosialisasi pencegahan kekerasan dan TPPO (demo)", "dinas.hss",
        type=ActivityType.SOSIALISASI, main_topic=Topic.KTPA, start_date=D(2025, 12, 5), end_date=D(2025, 12, 5),
        venue="Aula Kecamatan Kandangan", region_id="63.06.05", campaign=campaign,
        description="Dibuka oleh Sekda HSS Muhammad Noor. Jumlah peserta di bawah ini adalah angka contoh (demo).",
    )
    if created:
        _topics(a, [Topic.TPPO, Topic.ABH, Topic.PERKAWINAN_ANAK])
        a.partners.add(org("polres.hss"))
        Speaker.objects.create(activity=a, name="Narasumber akademisi", institution="Akademisi (perguruan tinggi)", topic="Pencegahan kekerasan terhadap perempuan dan anak")
        Speaker.objects.create(activity=a, name="Narasumber Kesbangpol", institution="Badan Kesbangpol Hulu Sungai Selatan", topic="Pencegahan TPPO")
        _counts(a, [
            ("organisasi-keagamaan", "L", "dewasa", 8), ("organisasi-keagamaan", "P", "dewasa", 6),
            ("lembaga-adat", "L", "dewasa", 5), ("komunitas-profesi", "P", "dewasa", 6),
            ("dunia-usaha", "L", "dewasa", 4), ("media", "P", "dewasa", 3),
            ("pelajar-smp", "P", "anak", 10), ("pelajar-smp", "L", "anak", 9),
            ("pelajar-sma", "P", "anak", 11), ("pelajar-sma", "L", "anak", 8),
        ])
        FollowUp.objects.create(activity=a, description="Sosialisasi lanjutan di sekolah menengah (demo)", owner_org=org("dinas.hss"), due_date=D(2026, 2, 28))
    out["hss_sosialisasi"] = a

    a, created = _activity(
        "Pelatihan manajemen penanganan kasus anak dan perempuan (demo)", "dinas.hss",
        type=ActivityType.PELATIHAN, main_topic=Topic.KTPA, start_date=D(2025, 7, 15), end_date=D(2025, 7, 16),
        venue="Kandangan", region_id="63.06.05",
        description="Pelatihan dua hari, delapan sesi (tanggal dan jumlah peserta contoh, demo).",
    )
    if created:
        _topics(a, [Topic.SEKSUAL, Topic.ABH])
        sp = [
            Speaker.objects.create(activity=a, name="Nurhikmah", institution="Pusat Studi Gender STIMI Banjarmasin", topic="Perspektif gender dan hak korban"),
            Speaker.objects.create(activity=a, name="Kasatreskrim Polres HSS", institution="Polres Hulu Sungai Selatan", topic="Penanganan perkara"),
            Speaker.objects.create(activity=a, name="Kasi Pidum Kejari HSS", institution="Kejaksaan Negeri Hulu Sungai Selatan", topic="Proses penuntutan"),
            Speaker.objects.create(activity=a, name="Dinas PPKBPPPA HSS", institution="Dinas PPKBPPPA Hulu Sungai Selatan", topic="Manajemen kasus"),
        ]
        titles = ["Pembukaan dan konsep dasar", "Perspektif gender", "Hak korban", "Penanganan perkara di kepolisian",
                  "Proses penuntutan", "Manajemen kasus: identifikasi dan asesmen", "Rencana intervensi dan rujukan", "Praktik dan evaluasi"]
        for i, title in enumerate(titles, start=1):
            Session.objects.create(activity=a, order=i, date=D(2025, 7, 15 if i <= 4 else 16), title=title, speaker=sp[[0, 0, 0, 1, 2, 3, 3, 3][i - 1]])
        _counts(a, [("perangkat-daerah", "X", "dewasa", 12), ("satuan-pendidikan", "X", "dewasa", 8), ("rumah-sakit", "X", "dewasa", 4),
                    ("puskesmas", "X", "dewasa", 6), ("puspaga", "X", "dewasa", 3), ("patbm", "X", "dewasa", 5), ("forum-anak", "X", "anak", 4)])
    out["hss_pelatihan"] = a

    a, created = _activity(
        "Peningkatan kapasitas SDM lembaga layanan AMPK dan pencegahan TPPO (demo)", "dinas.okus",
        type=ActivityType.PELATIHAN, main_topic=Topic.TPPO, start_date=D(2025, 12, 23), end_date=D(2025, 12, 23),
        venue="Ruang Serasan Seandanan", region_id=None,
        description="Dibuka oleh Bupati OKU Selatan Abusama. Dasar: UU 21/2007, Perpres 49/2023. Jumlah peserta contoh (demo).",
    )
    if created:
        _topics(a, [Topic.KTPA])
        _counts(a, [("forkopimda", "X", "dewasa", 6), ("gugus-tugas-tppo", "X", "dewasa", 15), ("camat", "X", "dewasa", 19),
                    ("kepala-desa", "X", "dewasa", 20), ("puskesmas", "X", "dewasa", 10), ("pkb-plkb", "X", "dewasa", 12)])
    out["okus_kapasitas"] = a

    a, created = _activity(
        "Temu koordinasi pencegahan dan penanganan kekerasan seksual (demo)", "dinas.kalsel",
        type=ActivityType.TEMU_KOORDINASI, main_topic=Topic.SEKSUAL, start_date=D(2025, 10, 9), end_date=D(2025, 10, 9),
        venue="Banjarbaru", region_id=None,
        description="Peserta dari organisasi, lembaga dan unit layanan. Jumlah contoh (demo).",
    )
    if created:
        _counts(a, [("perangkat-daerah", "X", "x", 20), ("relawan-satgas", "X", "x", 15), ("masyarakat-umum", "X", "x", 10)])
    out["kalsel_temu"] = a

    a, created = _activity(
        "Rapat sinergi RAD PPA bersama Polda Kalsel, pembukaan 16 Hari (demo)", "dinas.kalsel",
        type=ActivityType.RAPAT_KOORDINASI, main_topic=Topic.KTPA, start_date=D(2025, 12, 3), end_date=D(2025, 12, 3),
        venue="Banjarbaru", campaign=campaign,
        description="Dasar: Pergub Kalsel 054/2021 tentang RAD PPA (data demo).",
    )
    if created:
        _counts(a, [("kepolisian", "X", "dewasa", 12), ("perangkat-daerah", "X", "dewasa", 18)])
    out["kalsel_rad"] = a
    return out
