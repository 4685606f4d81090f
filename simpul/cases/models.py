"""Case files (kasus) of a UPTD PPA: parties, incidents, services, referrals, approvals,
assessment, legal process, notes, tasks and one timeline.

Identifying and narrative content is encrypted (``Encrypted*Field``); every column that
statistics count by (region, dates, forms, age at incident, place, relationship, service)
stays plain and indexed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.codes import AmpkCategory, Channel, JenisKasus, Kewenangan, Risk  # noqa: F401 - re-exported
from simpul.crypto.fields import EncryptedTextField
from simpul.regions.codes import kabupaten_of, province_of

# --- Code lists (values are stable codes; labels are Indonesian, translated) -------------


class Stage(models.TextChoices):
    PENGADUAN = "pengaduan", _("Pengaduan")
    IDENTIFIKASI = "identifikasi", _("Identifikasi")
    ASESMEN = "asesmen", _("Asesmen")
    RENCANA_INTERVENSI = "rencana_intervensi", _("Rencana intervensi")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan intervensi")
    PEMANTAUAN = "pemantauan", _("Pemantauan dan evaluasi")
    TERMINASI = "terminasi", _("Terminasi")


STAGE_ORDER: list[str] = list(Stage.values)


class Status(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CLOSED = "closed", _("Ditutup")


class PartyRole(models.TextChoices):
    KORBAN = "korban", _("Korban")
    PELAKU = "pelaku", _("Pelaku")
    PELAPOR = "pelapor", _("Pelapor")
    WALI = "wali", _("Orang tua/wali")


class AbhRole(models.TextChoices):
    """UU 11/2012 SPPA."""

    KORBAN = "korban", _("Anak korban")
    SAKSI = "saksi", _("Anak saksi")
    BERKONFLIK = "berkonflik", _("Anak berkonflik dengan hukum (12 s.d. <18 th)")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Tanggal pasti")
    MONTH = "month", _("Perkiraan bulan")
    YEAR = "year", _("Perkiraan tahun")
    UNKNOWN = "unknown", _("Tidak diketahui")


class Place(models.TextChoices):
    RUMAH_TANGGA = "rumah_tangga", _("Rumah Tangga")
    TEMPAT_KERJA = "tempat_kerja", _("Tempat Kerja")
    SEKOLAH = "sekolah", _("Sekolah")
    FASILITAS_UMUM = "fasilitas_umum", _("Fasilitas Umum")
    LEMBAGA_PENDIDIKAN_KILAT = "lembaga_pendidikan_kilat", _("Lembaga Pendidikan Kilat")
    LAINNYA = "lainnya", _("Lainnya")


class Form(models.TextChoices):
    """Bentuk kekerasan (Simfoni, several at once) plus the TPKS forms of UU 12/2022 Pasal 4."""

    FISIK = "fisik", _("Fisik")
    PSIKIS = "psikis", _("Psikis")
    SEKSUAL = "seksual", _("Seksual")
    EKSPLOITASI = "eksploitasi", _("Eksploitasi")
    TRAFFICKING = "trafficking", _("Trafficking")
    PENELANTARAN = "penelantaran", _("Penelantaran")
    LAINNYA = "lainnya", _("Lainnya")
    # TPKS Pasal 4 ayat (1)
    TPKS_1_1 = "tpks_4_1_1", _("TPKS 4(1): pelecehan seksual nonfisik")
    TPKS_1_2 = "tpks_4_1_2", _("TPKS 4(1): pelecehan seksual fisik")
    TPKS_1_3 = "tpks_4_1_3", _("TPKS 4(1): pemaksaan kontrasepsi")
    TPKS_1_4 = "tpks_4_1_4", _("TPKS 4(1): pemaksaan sterilisasi")
    TPKS_1_5 = "tpks_4_1_5", _("TPKS 4(1): pemaksaan perkawinan")
    TPKS_1_6 = "tpks_4_1_6", _("TPKS 4(1): penyiksaan seksual")
    TPKS_1_7 = "tpks_4_1_7", _("TPKS 4(1): eksploitasi seksual")
    TPKS_1_8 = "tpks_4_1_8", _("TPKS 4(1): perbudakan seksual")
    TPKS_1_9 = "tpks_4_1_9", _("TPKS 4(1): kekerasan seksual berbasis elektronik")
    # TPKS Pasal 4 ayat (2)
    TPKS_2_A = "tpks_4_2_a", _("TPKS 4(2)a: perkosaan")
    TPKS_2_B = "tpks_4_2_b", _("TPKS 4(2)b: perbuatan cabul")
    TPKS_2_C = "tpks_4_2_c", _("TPKS 4(2)c: persetubuhan/cabul/eksploitasi seksual terhadap anak")
    TPKS_2_D = "tpks_4_2_d", _("TPKS 4(2)d: perbuatan melanggar kesusilaan bertentangan dengan kehendak korban")
    TPKS_2_E = "tpks_4_2_e", _("TPKS 4(2)e: pornografi yang melibatkan anak atau kekerasan/eksploitasi seksual")
    TPKS_2_F = "tpks_4_2_f", _("TPKS 4(2)f: pemaksaan pelacuran")
    TPKS_2_G = "tpks_4_2_g", _("TPKS 4(2)g: TPPO untuk eksploitasi seksual")
    TPKS_2_H = "tpks_4_2_h", _("TPKS 4(2)h: kekerasan seksual dalam lingkup rumah tangga")
    TPKS_2_I = "tpks_4_2_i", _("TPKS 4(2)i: TPPU dengan tindak pidana asal TPKS")
    TPKS_2_J = "tpks_4_2_j", _("TPKS 4(2)j: tindak pidana lain yang dinyatakan sebagai TPKS")


SIMFONI_FORMS: frozenset[str] = frozenset(
    {Form.FISIK, Form.PSIKIS, Form.SEKSUAL, Form.EKSPLOITASI, Form.TRAFFICKING, Form.PENELANTARAN, Form.LAINNYA}
)
TPKS_FORMS: frozenset[str] = frozenset(v for v in Form.values if v.startswith("tpks_"))


class TppoAct(models.TextChoices):
    MEREKRUT = "merekrut", _("Merekrut")
    MENGANGKUT = "mengangkut", _("Mengangkut")
    MENAMPUNG = "menampung", _("Menampung")
    MENGIRIM = "mengirim", _("Mengirim")
    MEMINDAHKAN = "memindahkan", _("Memindahkan")
    MENERIMA = "menerima", _("Menerima")


class TppoMeans(models.TextChoices):
    KEKERASAN = "kekerasan", _("Kekerasan/ancaman kekerasan")
    PENCULIKAN = "penculikan", _("Penculikan")
    PENYEKAPAN = "penyekapan", _("Penyekapan")
    PEMALSUAN = "pemalsuan", _("Pemalsuan")
    PENIPUAN = "penipuan", _("Penipuan")
    PENYALAHGUNAAN = "penyalahgunaan", _("Penyalahgunaan kekuasaan/posisi rentan")
    JERATAN_UTANG = "jeratan_utang", _("Jeratan utang")
    BAYARAN = "bayaran", _("Memberi bayaran/manfaat")


class TppoPurpose(models.TextChoices):
    EKSPLOITASI_SEKSUAL = "seksual", _("Eksploitasi seksual")
    KERJA_PAKSA = "kerja_paksa", _("Kerja/pelayanan paksa")
    PERBUDAKAN = "perbudakan", _("Perbudakan atau praktik serupa")
    ORGAN = "organ", _("Pengambilan organ/jaringan tubuh")
    LAINNYA = "lainnya", _("Eksploitasi lainnya")


class Relation(models.TextChoices):
    """Hubungan pelaku-korban (Simfoni)."""

    ORANG_TUA = "orang_tua", _("Orang Tua")
    KELUARGA = "keluarga", _("Keluarga/Saudara")
    SUAMI_ISTRI = "suami_istri", _("Suami/Istri")
    PACAR_TEMAN = "pacar_teman", _("Pacar/Teman")
    TETANGGA = "tetangga", _("Tetangga")
    GURU = "guru", _("Guru")
    MAJIKAN = "majikan", _("Majikan")
    REKAN_KERJA = "rekan_kerja", _("Rekan Kerja")
    LAINNYA = "lainnya", _("Lainnya")
    NA = "na", _("Tidak diketahui (NA)")


class RelationDetail(models.TextChoices):
    """Optional precision within a Simfoni relation (drives the derived flags)."""

    NONE = "", _("—")
    PACAR = "pacar", _("Pacar")
    MANTAN_PACAR = "mantan_pacar", _("Mantan pacar")
    TEMAN = "teman", _("Teman")
    MANTAN_SUAMI_ISTRI = "mantan_suami_istri", _("Mantan suami/istri")
    ORANG_TUA_TIRI = "orang_tua_tiri", _("Orang tua tiri/angkat")
    WALI = "wali", _("Wali/pengasuh")


class ServiceType(models.TextChoices):
    PENGADUAN = "pengaduan", _("Pengaduan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    BANTUAN_HUKUM = "bantuan_hukum", _("Bantuan hukum")
    PENEGAKAN_HUKUM = "penegakan_hukum", _("Penegakan hukum")
    REHABILITASI_SOSIAL = "rehabilitasi_sosial", _("Rehabilitasi sosial")
    REINTEGRASI_SOSIAL = "reintegrasi_sosial", _("Reintegrasi sosial")
    PEMULANGAN = "pemulangan", _("Pemulangan")
    TOKOH_AGAMA = "tokoh_agama", _("Pendampingan tokoh agama")
    PENAMPUNGAN = "penampungan", _("Penampungan sementara")
    MEDIASI = "mediasi", _("Mediasi")
    PENDAMPINGAN = "pendampingan", _("Pendampingan")


class ServiceOutcome(models.TextChoices):
    BERJALAN = "berjalan", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")
    DIRUJUK = "dirujuk", _("Dirujuk lanjut")
    DITOLAK = "ditolak", _("Ditolak korban")
    TIDAK_TERLAKSANA = "tidak_terlaksana", _("Tidak terlaksana")


# --- Case ----------------------------------------------------------------------------


class CaseCounter(models.Model):
    """Last number given per organisation and year; locked while a case is created."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"casecounter {self.pk}"


class Case(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("nomor kasus"), max_length=40, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    seq = models.PositiveIntegerField(editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("UPTD PPA")
    )
    # Region of the incident: the most precise region known (at least the kabupaten/kota).
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", db_column="region_code", verbose_name=_("wilayah kejadian")
    )
    # Derived from ``region`` on save, so dashboards filter with equality, never LIKE.
    kabupaten_code = models.CharField(max_length=5, editable=False, db_index=True)
    province_code = models.CharField(max_length=2, editable=False, db_index=True)
    kewenangan = models.CharField(_("kewenangan"), max_length=12, choices=Kewenangan.choices, default=Kewenangan.KAB_KOTA)
    jenis_kasus = models.CharField(_("jenis kasus"), max_length=20, choices=JenisKasus.choices)
    risk = models.CharField(_("risiko"), max_length=8, choices=Risk.choices)
    channel = models.CharField(_("kanal pengaduan"), max_length=16, choices=Channel.choices, default=Channel.LANGSUNG)
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFIKASI, db_index=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    reported_at = models.DateField(_("tanggal lapor"))
    opened_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # The intake report this case came from (the intake app owns the Report model).
    source_report_uid = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    # Short description safe for lists (no names); the chronology is on the incident (encrypted).
    summary = EncryptedTextField(_("ringkasan"), null=True, blank=True)
    # Derived flags, recomputed by the services from parties, incidents and relationships.
    flag_child_sexual_abuse = models.BooleanField(default=False, editable=False)
    flag_intimate_partner = models.BooleanField(default=False, editable=False)
    flag_pkdrt = models.BooleanField(default=False, editable=False)
    flag_child_marriage = models.BooleanField(default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "seq"], name="case_number_unique"),
        ]
        indexes = [
            models.Index(fields=["organisation", "reported_at"], name="case_org_reported"),
            models.Index(fields=["organisation", "status", "stage"], name="case_org_status_stage"),
            # The case lists: scope + status (+ the risk filter), newest first, counted from the index.
            models.Index(fields=["organisation", "status", "reported_at"], name="case_org_status_reported"),
            models.Index(fields=["organisation", "status", "risk", "reported_at"], name="case_org_status_risk"),
            models.Index(fields=["kabupaten_code", "reported_at"], name="case_kab_reported"),
            models.Index(fields=["province_code", "reported_at"], name="case_prov_reported"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: object, **kwargs: object) -> None:
        code = self.region_id or ""
        self.kabupaten_code = kabupaten_of(code) or ""
        self.province_code = province_of(code) or ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        # Referrals carry the case's region codes (statistics); follow a change of region.
        self.referrals.exclude(province_code=self.province_code, kabupaten_code=self.kabupaten_code).update(
            province_code=self.province_code, kabupaten_code=self.kabupaten_code
        )

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class CaseReport(models.Model):
    """Intake reports linked to a case (the first is also ``Case.source_report_uid``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    report_uid = models.UUIDField(db_index=True)
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "report_uid"], name="case_report_unique")]

    def __str__(self) -> str:
        return f"casereport {self.pk}"


class CaseParty(models.Model):
    """A person in a case, in one role. The same person can be in several cases and roles."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_parties")
    role = models.CharField(_("peran"), max_length=8, choices=PartyRole.choices)
    # Victims (computed from the person and the first incident date; never typed).
    age_at_incident = models.PositiveSmallIntegerField(_("usia saat kejadian"), null=True, blank=True, editable=False)
    is_child = models.BooleanField(_("anak"), default=False, editable=False)
    ampk_category = models.CharField(_("kategori AMPK"), max_length=1, choices=AmpkCategory.choices, blank=True)
    abh_role = models.CharField(_("peran ABH"), max_length=12, choices=AbhRole.choices, blank=True)
    # Perpetrators whose identity is not known.
    unknown = models.BooleanField(_("identitas tidak diketahui"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "person", "role"], name="case_party_unique")]
        indexes = [models.Index(fields=["role", "case"], name="party_role_case")]

    def __str__(self) -> str:
        return f"caseparty {self.pk}"


class Incident(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    date = models.DateField(_("tanggal kejadian"), null=True, blank=True, db_index=True)
    date_precision = models.CharField(_("ketepatan tanggal"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY)
    place = models.CharField(_("tempat kejadian"), max_length=32, choices=Place.choices, default=Place.LAINNYA)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code"
    )
    chronology = EncryptedTextField(_("kronologi"), null=True, blank=True)
    # TPPO elements (UU 21/2007 Pasal 1): lists of codes; destination is a region or country name.
    tppo_acts = models.JSONField(_("proses (TPPO)"), default=list, blank=True)
    tppo_means = models.JSONField(_("cara (TPPO)"), default=list, blank=True)
    tppo_purposes = models.JSONField(_("tujuan (TPPO)"), default=list, blank=True)
    tppo_destination = models.CharField(_("daerah/negara tujuan (TPPO)"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "date", "id"]

    def __str__(self) -> str:
        return f"incident {self.pk}"


class IncidentForm(models.Model):
    """One form of violence of an incident (multi-valued). ``case`` is denormalised for counting."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="forms")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("bentuk kekerasan"), max_length=12, choices=Form.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "form"], name="incident_form_unique")]
        indexes = [models.Index(fields=["form", "case"], name="form_case")]

    def __str__(self) -> str:
        return f"incidentform {self.pk}"


class Relationship(models.Model):
    """How one perpetrator relates to one victim (per incident)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="relationships")
    victim = models.ForeignKey(CaseParty, on_delete=models.CASCADE, related_name="as_victim_relationships")
    perpetrator = models.ForeignKey(CaseParty, on_delete=models.CASCADE, related_name="as_perpetrator_relationships")
    relation = models.CharField(_("hubungan pelaku dengan korban"), max_length=12, choices=Relation.choices)
    detail = models.CharField(_("rincian hubungan"), max_length=20, choices=RelationDetail.choices, blank=True)
    # UU 23/2004 Pasal 2: relatives and household workers are in the lingkup rumah tangga
    # only when they live in the household.
    same_household = models.BooleanField(_("tinggal serumah"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "victim", "perpetrator"], name="relationship_unique")]
        indexes = [models.Index(fields=["relation"], name="relationship_relation")]

    def __str__(self) -> str:
        return f"relationship {self.pk}"


class ServiceDelivery(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    victim = models.ForeignKey(CaseParty, null=True, blank=True, on_delete=models.SET_NULL, related_name="services")
    service_type = models.CharField(_("jenis layanan"), max_length=20, choices=ServiceType.choices)
    provider = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("penyedia layanan")
    )
    provider_name = models.CharField(_("penyedia lain (jika tidak terdaftar)"), max_length=200, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=ServiceOutcome.choices, default=ServiceOutcome.BERJALAN)
    notes = EncryptedTextField(_("catatan"), null=True, blank=True)
    referral = models.ForeignKey("cases.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="services")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "start_date", "id"]
        indexes = [models.Index(fields=["service_type", "start_date"], name="service_type_start")]

    def __str__(self) -> str:
        return f"servicedelivery {self.pk}"


class CaseAssignment(models.Model):
    """A caseworker on a case. Reassignment ends the row (``ended_at``) and starts a new one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    is_lead = models.BooleanField(_("pendamping utama"), default=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("alasan"), max_length=200, blank=True)

    class Meta:
        ordering = ["case_id", "started_at", "id"]
        indexes = [models.Index(fields=["user", "ended_at"], name="assignment_user_active")]

    def __str__(self) -> str:
        return f"caseassignment {self.pk}"


class CaseEvent(models.Model):
    """The timeline: one row per thing that happened to the case (no identifying values)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    # Codes and ids only (e.g. {"from": "asesmen", "to": "rencana_intervensi"}).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"caseevent {self.pk}"


# --- Referral (rujukan) --------------------------------------------------------------


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Dikirim")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class SharedSet(models.TextChoices):
    """Named sets of fields a referral can share with the receiving partner."""

    IDENTITAS_KORBAN = "identitas_korban", _("Identitas korban")
    KONTAK_KORBAN = "kontak_korban", _("Kontak dan alamat korban")
    IDENTITAS_PELAKU = "identitas_pelaku", _("Identitas pelaku")
    KRONOLOGI = "kronologi", _("Kronologi kejadian")
    ASESMEN = "asesmen", _("Hasil asesmen")
    LAYANAN = "layanan", _("Layanan yang sudah diberikan")
    PROSES_HUKUM = "proses_hukum", _("Proses hukum")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Persetujuan tertulis korban/wali")
    VITAL_INTEREST = "vital_interest", _("Kepentingan vital (keselamatan jiwa)")
    LEGAL_OBLIGATION = "legal_obligation", _("Kewajiban hukum")
    PUBLIC_TASK = "public_task", _("Pelaksanaan tugas pelayanan publik")


class Referral(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_sent")
    to_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received")
    service_type = models.CharField(_("layanan yang diminta"), max_length=20, choices=ServiceType.choices)
    is_escalation = models.BooleanField(_("pelimpahan kewenangan"), default=False)
    shared_sets = models.JSONField(_("data yang dibagikan"), default=list)
    reason = EncryptedTextField(_("alasan dan permintaan"), null=True, blank=True)
    consent_basis = models.CharField(_("dasar pemrosesan"), max_length=20, choices=ConsentBasis.choices)
    override_reason = EncryptedTextField(_("alasan tanpa persetujuan"), null=True, blank=True)
    without_consent = models.BooleanField(_("tanpa persetujuan"), default=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True)
    due_date = models.DateField(_("tenggat tanggapan"))
    sent_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_reason = EncryptedTextField(_("alasan tanggapan"), null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = EncryptedTextField(_("hasil"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The case's province and kabupaten/kota (copied on save, kept in step by Case.save): lets the
    # statistics find a region's referrals of a period from one index instead of every case.
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    kabupaten_code = models.CharField(max_length=5, blank=True, editable=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_org", "status"], name="referral_to_status"),
            models.Index(fields=["province_code", "sent_at"], name="referral_prov_sent"),
            models.Index(fields=["kabupaten_code", "sent_at"], name="referral_kab_sent"),
            models.Index(fields=["case", "status", "due_date"], name="referral_case_status_due"),  # "overdue"
        ]

    def __str__(self) -> str:
        return f"referral {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self._state.adding:  # later changes of the case's region: Case.save()
            self.province_code = self.case.province_code
            self.kabupaten_code = self.case.kabupaten_code
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


class ReferralAction(models.Model):
    """What the partner did on a referral (its own log)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(auto_now_add=True)
    date = models.DateField(_("tanggal"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField(_("tindakan"))

    class Meta:
        ordering = ["referral_id", "date", "id"]

    def __str__(self) -> str:
        return f"referralaction {self.pk}"


# --- Approvals, assessment, plan, legal process ----------------------------------------


class ApprovalKind(models.TextChoices):
    PLAN = "plan", _("Rencana intervensi")
    TERMINATION = "termination", _("Terminasi")


class ApprovalStatus(models.TextChoices):
    REQUESTED = "requested", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Approval(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(max_length=12, choices=ApprovalKind.choices)
    status = models.CharField(max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # What is asked (plan text or termination reason), encrypted.
    content = EncryptedTextField(_("isi"), null=True, blank=True)
    # Termination with open referrals: why that is acceptable.
    open_referrals_reason = EncryptedTextField(_("alasan rujukan masih terbuka"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = EncryptedTextField(_("catatan keputusan"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"approval {self.pk}"


class Assessment(models.Model):
    """Biopsychosocial assessment with a risk re-assessment and the safety plan."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    fisik = EncryptedTextField(_("kondisi fisik"), null=True, blank=True)
    psikologis = EncryptedTextField(_("kondisi psikologis"), null=True, blank=True)
    sosial = EncryptedTextField(_("kondisi sosial"), null=True, blank=True)
    ekonomi = EncryptedTextField(_("kondisi ekonomi"), null=True, blank=True)
    pendidikan = EncryptedTextField(_("pendidikan"), null=True, blank=True)
    risk = models.CharField(_("risiko (asesmen ulang)"), max_length=8, choices=Risk.choices)
    safety_plan = EncryptedTextField(_("rencana keselamatan"), null=True, blank=True)
    informed_consent = models.BooleanField(_("persetujuan setelah penjelasan (informed consent) diperoleh"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"assessment {self.pk}"


class LegalStage(models.TextChoices):
    LAPORAN = "laporan", _("Laporan polisi")
    PENYELIDIKAN = "penyelidikan", _("Penyelidikan")
    PENYIDIKAN = "penyidikan", _("Penyidikan")
    P21 = "p21", _("P21/pelimpahan")
    PERSIDANGAN = "persidangan", _("Persidangan")
    PUTUSAN = "putusan", _("Putusan")
    RESTITUSI = "restitusi", _("Restitusi")
    DIHENTIKAN = "dihentikan", _("Dihentikan (SP3)")


class DiversionStatus(models.TextChoices):
    NONE = "", _("—")
    PROSES = "proses", _("Diversi dalam proses")
    BERHASIL = "berhasil", _("Diversi berhasil")
    GAGAL = "gagal", _("Diversi gagal")


class LegalProcess(models.Model):
    """One legal track (usually one per case; several if several perpetrators are prosecuted)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_processes")
    police_report_number = EncryptedTextField(_("nomor laporan polisi"), null=True, blank=True)
    police_report_date = models.DateField(_("tanggal laporan polisi"), null=True, blank=True)
    stage = models.CharField(_("tahap proses hukum"), max_length=14, choices=LegalStage.choices, default=LegalStage.LAPORAN)
    stage_date = models.DateField(_("tanggal tahap"), null=True, blank=True)
    diversion = models.CharField(_("diversi (ABH)"), max_length=10, choices=DiversionStatus.choices, blank=True)
    verdict_notes = EncryptedTextField(_("catatan putusan/restitusi"), null=True, blank=True)
    history = models.JSONField(default=list, blank=True, editable=False)  # [{"stage":..., "date":...}]
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"legalprocess {self.pk}"


# --- Notes, tasks ------------------------------------------------------------------------


class CaseNote(models.Model):
    """A case note. A correction creates a new row pointing at the one it replaces."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("catatan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"casenote {self.pk}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class CaseTask(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("tugas"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_tasks")
    due_date = models.DateField(_("tenggat"), db_index=True)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        # "Overdue" (selectors.OVERDUE_WHEN) looks up a case's tasks by status and due date.
        indexes = [models.Index(fields=["case", "status", "due_date"], name="task_case_status_due")]

    def __str__(self) -> str:
        return f"casetask {self.pk}"


