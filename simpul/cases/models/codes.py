"""Code lists of the case file (values are stable codes; labels are Indonesian, translated).
The lists shared with intake and statistics live in :mod:`simpul.core.codes`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
