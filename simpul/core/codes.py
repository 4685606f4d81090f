"""Code lists shared by several modules (one definition each): intake, cases and statistics
store and count these values. Stored values never change; labels are Indonesian (English in
core's catalogue).

- AmpkCategory: UU 35/2014 Pasal 59 ayat (2), the 15 categories of children needing special
  protection, used by intake triage and by the case file.
- JenisKasus, Risk, Kewenangan, Channel: set on the intake report, carried by the case.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AmpkCategory(models.TextChoices):
    """UU 35/2014 Pasal 59 ayat (2), huruf a-o."""

    A = "a", _("a. Anak dalam situasi darurat")
    B = "b", _("b. Anak yang berhadapan dengan hukum")
    C = "c", _("c. Anak dari kelompok minoritas dan terisolasi")
    D = "d", _("d. Anak yang dieksploitasi secara ekonomi dan/atau seksual")
    E = "e", _("e. Anak korban penyalahgunaan NAPZA")
    F = "f", _("f. Anak korban pornografi")
    G = "g", _("g. Anak dengan HIV/AIDS")
    H = "h", _("h. Anak korban penculikan, penjualan, dan/atau perdagangan")
    I = "i", _("i. Anak korban kekerasan fisik dan/atau psikis")  # noqa: E741
    J = "j", _("j. Anak korban kejahatan seksual")
    K = "k", _("k. Anak korban jaringan terorisme")
    L = "l", _("l. Anak penyandang disabilitas")
    M = "m", _("m. Anak korban perlakuan salah dan penelantaran")
    N = "n", _("n. Anak dengan perilaku sosial menyimpang")
    O = "o", _("o. Anak korban stigmatisasi terkait kondisi orang tuanya")  # noqa: E741


class JenisKasus(models.TextChoices):
    """Jenis kasus: set at intake triage, carried by the case, counted by statistics."""

    KTP = "ktp", _("Kekerasan terhadap perempuan (KtP)")
    AMPK = "ampk", _("Anak memerlukan perlindungan khusus (AMPK)")
    TPPO = "tppo", _("Perdagangan orang (TPPO)")
    ABH = "abh", _("Anak berhadapan dengan hukum (ABH)")
    PERKAWINAN_ANAK = "perkawinan_anak", _("Perkawinan anak")
    LAINNYA = "lainnya", _("Lainnya")


class Risk(models.TextChoices):
    """Tingkat risiko (triage): drives the response clock of a report and the case queues."""

    TINGGI = "tinggi", _("Tinggi (layanan kedaruratan segera)")
    SEDANG = "sedang", _("Sedang (dilayani dalam ±6 jam)")
    RENDAH = "rendah", _("Rendah")


class Kewenangan(models.TextChoices):
    """Which level of government handles the case (routing of reports, case jurisdiction)."""

    KAB_KOTA = "kab_kota", _("Kabupaten/Kota")
    PROVINSI = "provinsi", _("Provinsi (lintas kabupaten/kota)")
    PUSAT = "pusat", _("Pusat/KemenPPPA (lintas provinsi, internasional)")


class Channel(models.TextChoices):
    """Kanal pengaduan: how a report reached the service (a case keeps its report's channel)."""

    LANGSUNG = "langsung", _("Datang langsung")
    TELEPON = "telepon", _("Telepon/Hotline")
    WHATSAPP = "whatsapp", _("WhatsApp/SMS")
    SURAT = "surat", _("Surat/Email")
    PIHAK_LAIN = "pihak_lain", _("Dilaporkan pihak lain")
    PENJANGKAUAN = "penjangkauan", _("Penjangkauan (temuan lapangan)")
    RUJUKAN = "rujukan", _("Rujukan dari penyelenggara layanan lain")
    PELIMPAHAN = "pelimpahan", _("Pelimpahan")
    SAPA129 = "sapa129", _("SAPA 129")
    MEDIA = "media", _("Temuan media")
    PORTAL = "portal", _("Portal publik")
    LAPANGAN = "lapangan", _("Laporan relawan/Satgas")
    API = "api", _("Sistem lain (API)")
    LAINNYA = "lainnya", _("Lainnya")


# The channels an intake report can come by (a case may also be opened for another party's
# report or for "other").
REPORT_CHANNELS: tuple[Channel, ...] = tuple(c for c in Channel if c not in (Channel.PIHAK_LAIN, Channel.LAINNYA))
