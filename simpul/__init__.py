"""Simpul: perlindungan perempuan dan anak, dari pengaduan sampai terminasi."""

__version__ = "0.1.0"
