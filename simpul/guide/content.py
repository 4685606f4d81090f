"""The user guide: one section per task, the roles it is for, its steps and the screenshots the
browser tests take of it (``tests/test_screenshots.py``), and which pages it explains (``HELP_FOR``:
the "Bantuan" link in the header points to the section of the page being shown)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WIDTHS = (360, 1024)


@dataclass(frozen=True)
class Shot:
    """One screenshot: ``name`` (files ``img/<name>-360.png`` and ``img/<name>-1024.png``), the
    demo user who takes it, the page (path) and what it shows."""

    name: str
    username: str
    path: str
    alt: Promise

    def files(self) -> list[tuple[int, str]]:
        return [(w, f"guide/img/{self.name}-{w}.png") for w in WIDTHS]


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    roles: tuple[str, ...]
    intro: Promise
    steps: tuple[Promise, ...]
    shots: tuple[Shot, ...] = field(default=())


STAFF = ("admin", "kepala", "manajer_kasus", "pendamping", "petugas_pengaduan", "mitra", "relawan", "satgas", "analis")

SECTIONS: tuple[Section, ...] = (
    Section(
        "triase",
        _("Menerima dan mentriase pengaduan"),
        ("petugas_pengaduan", "kepala", "manajer_kasus"),
        _("Setiap pengaduan (datang langsung, telepon, WhatsApp, portal, laporan lapangan) masuk ke antrean pengaduan dengan batas waktu tanggapan."),
        (
            _("Buka menu Pengaduan. Antrean diurutkan menurut batas waktu: yang merah sudah lewat batas."),
            _("Pengaduan yang datang langsung atau lewat telepon dicatat dengan tombol Catat pengaduan."),
            _("Buka pengaduan, baca kronologinya, lalu pilih Triase: tentukan tingkat risiko dan jenis kasus."),
            _("Risiko tinggi (anak dalam bahaya, ancaman nyawa) ditangani hari itu juga: hubungi kepala dan pendamping."),
            _("Putuskan: terima sebagai kasus, gabungkan dengan kasus yang ada, rujuk ke lembaga lain, atau tutup bukan kasus dengan alasannya."),
        ),
        (Shot("antrean-pengaduan", "petugas_pengaduan.hss", "/lapor/petugas/", _("Antrean pengaduan petugas")),),
    ),
    Section(
        "kasus",
        _("Membuka dan menjalankan kasus"),
        ("manajer_kasus", "pendamping", "kepala"),
        _("Kasus berjalan melalui tahap: penerimaan, asesmen, perencanaan, pelaksanaan, pemantauan, terminasi. Rencana dan terminasi perlu persetujuan kepala."),
        (
            _("Buka menu Kasus. Daftar menampilkan kasus yang boleh Anda lihat; identitas korban disamarkan di daftar."),
            _("Buka kasus. Lengkapi pihak (korban, pelaku, pelapor), kejadian, dan hubungan pelaku dengan korban."),
            _("Isi asesmen sebelum menyusun rencana; ajukan persetujuan rencana kepada kepala."),
            _("Catat setiap layanan yang diberikan, proses hukum, tugas, dan catatan pendampingan."),
            _("Pindahkan tahap setelah syaratnya terpenuhi; kasus ditutup dengan terminasi yang disetujui."),
        ),
        (Shot("daftar-kasus", "manajer_kasus.hss", "/kasus/", _("Daftar kasus manajer kasus")),),
    ),
    Section(
        "rujukan",
        _("Merujuk ke mitra"),
        ("manajer_kasus", "pendamping", "kepala"),
        _("Rujukan mengirim sebagian data kasus ke mitra (polisi, rumah sakit, psikolog, LBH) untuk layanan yang tidak diberikan UPTD sendiri."),
        (
            _("Dari halaman kasus, pilih Rujuk. Pilih lembaga tujuan dan layanan yang diminta."),
            _("Centang hanya data yang perlu dibagikan: mitra hanya melihat yang Anda centang."),
            _("Cetak surat rujukan bila mitra memerlukannya."),
            _("Pantau status rujukan: diterima, ditolak, layanan diberikan, selesai."),
        ),
    ),
    Section(
        "persetujuan",
        _("Mencatat persetujuan korban"),
        ("pendamping", "manajer_kasus", "kepala", "petugas_pengaduan"),
        _("Data pribadi korban diproses atas dasar hukum yang tercatat (UU PDP Pasal 20). Persetujuan untuk rujukan dan layanan dicatat pada orangnya."),
        (
            _("Jelaskan kepada korban (atau wali untuk anak) data apa yang dibagikan, kepada siapa, dan untuk apa."),
            _("Catat persetujuan pada pihak di halaman kasus: tujuan, tanggal, dan siapa yang memberi."),
            _("Bila persetujuan ditarik, catat penarikannya: berbagi data berikutnya berhenti."),
        ),
    ),
    Section(
        "dasbor",
        _("Membaca dasbor statistik"),
        ("kepala", "analis", "manajer_kasus"),
        _("Dasbor menghitung kasus, korban, pelaku, dan layanan di wilayah Anda, menurut tanggal laporan atau tanggal kejadian."),
        (
            _("Buka menu Statistik. Pilih wilayah dan periode (tahun, triwulan, bulan, atau rentang)."),
            _("Satu kasus dapat masuk lebih dari satu bentuk kekerasan: jumlah per bentuk bisa melebihi jumlah kasus."),
            _("Angka kecil di bawah ambang disamarkan pada data terbuka, bukan pada dasbor internal."),
            _("Unduh tabel (CSV, XLSX), rekap Simfoni PPA, atau laporan PDF bulanan/tahunan."),
        ),
        (Shot("dasbor", "kepala.hss", "/statistik/", _("Dasbor statistik kabupaten")),),
    ),
    Section(
        "lapangan",
        _("Melapor dari lapangan"),
        ("relawan", "satgas"),
        _("Relawan dan Satgas melaporkan kejadian yang mereka temui; UPTD PPA menindaklanjuti."),
        (
            _("Buka menu Laporan lapangan, pilih Laporan baru."),
            _("Tulis apa yang terjadi, di mana, dan kapan. Tandai bila ada anak atau orang dalam bahaya saat ini."),
            _("Jangan memotret korban dan jangan menyebarkan ceritanya. Bila ada bahaya langsung, hubungi 110 atau SAPA 129."),
            _("Setelah terkirim, lihat statusnya di daftar laporan Anda."),
        ),
        (Shot("laporan-lapangan", "relawan.hss", "/lapor/lapangan/baru/", _("Formulir laporan lapangan")),),
    ),
    Section(
        "mitra",
        _("Menjawab rujukan"),
        ("mitra",),
        _("Lembaga mitra menerima rujukan dari UPTD PPA dan hanya melihat data yang dibagikan kepadanya."),
        (
            _("Buka Rujukan masuk. Rujukan baru menunggu jawaban Anda."),
            _("Terima atau tolak rujukan (dengan alasan bila menolak)."),
            _("Catat layanan yang Anda berikan, lalu tandai rujukan selesai."),
        ),
        (Shot("rujukan-masuk", "mitra.polres.hss", "/kasus/rujukan/masuk/", _("Rujukan masuk mitra")),),
    ),
    Section(
        "pengguna",
        _("Mengelola pengguna"),
        ("admin",),
        _("Admin mengelola akun dan peran di organisasinya sendiri, tanpa melihat isi kasus."),
        (
            _("Buka Organisasi, pilih organisasi Anda, lalu Undang pengguna dengan perannya."),
            _("Nonaktifkan akun orang yang pindah tugas pada hari itu juga."),
        ),
    ),
    Section(
        "umum",
        _("Masuk, faktor kedua, dan keamanan"),
        STAFF,
        _("Simpul menyimpan data korban kekerasan, banyak di antaranya anak. Setiap pembukaan identitas tercatat."),
        (
            _("Masuk dengan nama pengguna dan kata sandi, lalu kode enam angka dari aplikasi autentikator."),
            _("Jangan berbagi akun. Keluar setelah selesai, terutama di komputer bersama."),
            _("Buka identitas korban hanya bila perlu untuk pekerjaan Anda."),
        ),
    ),
)

BY_KEY = {s.key: s for s in SECTIONS}

# Which section explains a page: the URL name first, then its namespace; "umum" otherwise.
HELP_FOR: dict[str, str] = {
    "intake:field_list": "lapangan",
    "intake:field_new": "lapangan",
    "intake": "triase",
    "cases:inbox": "mitra",
    "cases:referral_respond": "mitra",
    "cases:referral_detail": "rujukan",
    "cases:referral_sent": "rujukan",
    "cases:referral_add": "rujukan",
    "cases:referral_letter": "rujukan",
    "cases": "kasus",
    "privacy:person_consents": "persetujuan",
    "privacy:consent_withdraw": "persetujuan",
    "stats": "dasbor",
    "accounts:org_list": "pengguna",
    "accounts:org_users": "pengguna",
    "accounts:org_user_invite": "pengguna",
    "accounts:org_user_detail": "pengguna",
}


def section_for(view_name: str | None) -> str:
    if not view_name:
        return "umum"
    return HELP_FOR.get(view_name) or HELP_FOR.get(view_name.split(":", 1)[0]) or "umum"


def ordered_for(roles: set[str]) -> list[Section]:
    """Every section, the ones for the user's roles first (guide order kept within each group)."""
    mine = [s for s in SECTIONS if roles & set(s.roles)]
    return mine + [s for s in SECTIONS if s not in mine]


def all_shots() -> list[Shot]:
    return [shot for s in SECTIONS for shot in s.shots]
