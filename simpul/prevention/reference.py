"""Reference data seeded into the editable stakeholder-group list."""

GROUPS = [
    ("organisasi-keagamaan", "Organisasi keagamaan"),
    ("lembaga-adat", "Lembaga adat"),
    ("komunitas-profesi", "Komunitas profesi"),
    ("dunia-usaha", "Dunia usaha"),
    ("media", "Media massa"),
    ("pelajar-smp", "Pelajar SMP"),
    ("pelajar-sma", "Pelajar SMA"),
    ("camat", "Camat"),
    ("kepala-desa", "Kepala desa / perangkat desa"),
    ("puskesmas", "Puskesmas"),
    ("pkb-plkb", "PKB/PLKB"),
    ("forkopimda", "Forkopimda"),
    ("gugus-tugas-tppo", "Gugus Tugas TPPO"),
    ("satuan-pendidikan", "Satuan pendidikan"),
    ("rumah-sakit", "Rumah sakit"),
    ("puspaga", "Puspaga"),
    ("patbm", "PATBM"),
    ("forum-anak", "Forum Anak"),
    ("perangkat-daerah", "Perangkat daerah"),
    ("kepolisian", "Kepolisian"),
    ("relawan-satgas", "Relawan / Satgas PPA"),
    ("masyarakat-umum", "Masyarakat umum"),
]


def ensure_stakeholder_groups() -> None:
    """Create missing groups (idempotent; tests that flush the database call this)."""
    from simpul.prevention.models import StakeholderGroup

    for i, (code, name) in enumerate(GROUPS, start=1):
        StakeholderGroup.objects.get_or_create(code=code, defaults={"name": name, "order": i * 10})
