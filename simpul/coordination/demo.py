"""Demo data (synthetic): Gugus Tugas TPPO OKU Selatan, the HSS relawan registry and the
RAD PPA of Kalimantan Selatan (Pergub 054/2021) with a few indicators. Targets are invented."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from simpul.accounts.demo import ensure_min_regions, org
from simpul.accounts.models import User
from simpul.coordination.models import (
    ActionItem,
    DataSource,
    Indicator,
    Level,
    Meeting,
    MemberRole,
    Plan,
    PlanActivity,
    Programme,
    Target,
    TaskForce,
    TaskForceKind,
    TaskForceMember,
    Volunteer,
    VolunteerKind,
)
from simpul.regions.models import Level as RegionLevel
from simpul.regions.models import Region


@transaction.atomic
def seed_demo() -> dict[str, object]:
    ensure_min_regions()
    okus = org("dinas.okus")
    tf, created = TaskForce.objects.get_or_create(
        name="Gugus Tugas Pencegahan dan Penanganan TPPO Kabupaten OKU Selatan", organisation=okus,
        defaults={"kind": TaskForceKind.GUGUS_TUGAS_TPPO, "level": Level.KABKOTA, "region_id": "16.09",
                  "legal_basis": "UU 21/2007; Perpres 49/2023; SK Bupati OKU Selatan (nomor contoh, demo)"},
    )
    if created:
        TaskForceMember.objects.create(task_force=tf, position="Bupati OKU Selatan (Abusama)", role=MemberRole.KETUA, organisation=okus)
        TaskForceMember.objects.create(task_force=tf, organisation=okus, position="Kepala DP2KBP3A", role=MemberRole.SEKRETARIS)
        TaskForceMember.objects.create(task_force=tf, organisation=org("uptd.okus"), role=MemberRole.ANGGOTA)
        m = Meeting.objects.create(task_force=tf, date=dt.date(2025, 12, 23), place="Ruang Serasan Seandanan",
                                   agenda="Optimalisasi peran Gugus Tugas TPPO (demo)",
                                   minutes="Penguatan koordinasi lintas sektor dan KIE pencegahan TPPO (notulen contoh, demo).")
        m.attendees.add(okus, org("uptd.okus"))
        ActionItem.objects.create(task_force=tf, meeting=m, description="Pemetaan desa rawan TPPO (demo)", owner_org=okus, due_date=dt.date(2026, 3, 31))

    # Relawan registry in HSS: the demo relawan user is a registered field reporter.
    desa, _ = Region.objects.get_or_create(code="63.06.05.2001", defaults={"name": "Desa contoh (demo)", "level": RegionLevel.DESA, "parent_id": "63.06.05", "search_name": "DESA CONTOH (DEMO)"})
    relawan_user = User.objects.filter(username="relawan.hss").first()
    if relawan_user is not None and not Volunteer.objects.filter(user=relawan_user).exists():
        v = Volunteer(organisation=org("relawan.hss"), user=relawan_user, kind=VolunteerKind.RELAWAN, name="Relawan Contoh (demo)", region=desa)
        v.save()
        from simpul.prevention.selectors import trainings

        training = trainings().filter(title__startswith="Pelatihan manajemen penanganan kasus").first()
        if training is not None:
            v.trainings.add(training)

    kalsel = org("dinas.kalsel")
    plan, created = Plan.objects.get_or_create(
        title="RAD Perlindungan Perempuan dan Anak dari Tindak Kekerasan Provinsi Kalimantan Selatan", organisation=kalsel,
        defaults={"legal_basis": "Pergub Kalsel 054/2021", "region_id": "63", "start_year": 2021, "end_year": 2026},
    )
    if created:
        p1 = Programme.objects.create(plan=plan, order=1, name="Pencegahan kekerasan terhadap perempuan dan anak")
        a1 = PlanActivity.objects.create(programme=p1, order=1, name="Sosialisasi dan KIE")
        a2 = PlanActivity.objects.create(programme=p1, order=2, name="Penguatan relawan dan Satgas PPA")
        p2 = Programme.objects.create(plan=plan, order=2, name="Penanganan dan layanan korban")
        a3 = PlanActivity.objects.create(programme=p2, order=1, name="Peningkatan kapasitas layanan")
        specs = [
            (a1, "Jumlah orang terjangkau sosialisasi/KIE", "orang", DataSource.COMPUTED, "sosialisasi_reach", {2025: 500, 2026: 800}),
            (a2, "Relawan/Satgas aktif yang sudah dilatih", "orang", DataSource.COMPUTED, "trained_relawan", {2025: 20, 2026: 40}),
            (a3, "Pelatihan manajemen kasus yang dilaksanakan", "kegiatan", DataSource.COMPUTED, "pelatihan_held", {2025: 4, 2026: 6}),
            (a3, "Laporan ditangani dalam batas waktu respons", "%", DataSource.COMPUTED, "reports_on_time", {2025: 80, 2026: 90}),
            (a3, "Kabupaten/kota yang memiliki UPTD PPA", "kab/kota", DataSource.MANUAL, "", {2025: 13, 2026: 13}),
        ]
        for act, name, unit, source, key, targets in specs:
            ind = Indicator.objects.create(activity=act, name=name, unit=unit, source=source, computed_key=key, responsible=kalsel)
            for year, value in targets.items():
                Target.objects.create(indicator=ind, year=year, value=Decimal(value))
    return {"task_force": tf, "plan": plan}
