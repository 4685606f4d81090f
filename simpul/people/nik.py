"""NIK (Nomor Induk Kependudukan) checks: 16 digits PP KK CC DD MM YY SSSS.

Mismatches with the form are *warnings*, never silent corrections (a NIK is permanent
even when wrong). See reference DOMAIN.md section 5.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

NIK_RE = re.compile(r"^\d{16}$")


@dataclass
class NikCheck:
    valid: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    birth_date: dt.date | None = None
    sex: str | None = None  # "L" or "P"
    region_prefix: str = ""  # dotted kecamatan code, e.g. 63.06.05


def check_nik(nik: str, *, birth_date: dt.date | None = None, sex: str | None = None, today: dt.date | None = None) -> NikCheck:
    """Validate ``nik`` and compare it with the birth date and sex given on the form."""
    nik = (nik or "").strip()
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date in local time is what we compare
    result = NikCheck(valid=False)
    if not NIK_RE.match(nik):
        result.errors.append(_("NIK harus 16 angka."))
        return result
    prov, kab, kec = nik[0:2], nik[2:4], nik[4:6]
    result.region_prefix = f"{prov}.{kab}.{kec}"
    from simpul.regions.models import Region

    if not Region.objects.filter(code=prov, level=1).exists():
        result.errors.append(_("Dua angka pertama NIK bukan kode provinsi yang dikenal."))
    elif not Region.objects.filter(code=result.region_prefix).exists():
        result.warnings.append(_("Kode kecamatan pada NIK (%(code)s) tidak ada dalam daftar wilayah saat ini (mungkin kode lama).") % {"code": result.region_prefix})
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    nik_sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    try:
        century = 2000 if 2000 + yy <= today.year else 1900
        nik_birth = dt.date(century + yy, month, day)
        if nik_birth > today:
            nik_birth = dt.date(1900 + yy, month, day)
    except ValueError:
        result.errors.append(_("Tanggal lahir pada NIK tidak ada (angka 7-12)."))
        nik_birth = None
    if nik[12:16] == "0000":
        result.errors.append(_("Nomor urut NIK (4 angka terakhir) tidak boleh 0000."))
    result.birth_date = nik_birth
    result.sex = nik_sex
    if nik_birth and birth_date and birth_date != nik_birth:
        result.warnings.append(_("Tanggal lahir di formulir berbeda dengan tanggal lahir pada NIK (%(d)s).") % {"d": nik_birth.strftime("%d-%m-%Y")})
    if sex in ("L", "P") and sex != nik_sex:
        result.warnings.append(_("Jenis kelamin di formulir berbeda dengan yang tersirat pada NIK."))
    result.valid = not result.errors
    return result


def mask_nik(nik: str | None) -> str:
    """6306********0001: region prefix and serial only, for lists."""
    if not nik or len(nik) != 16:
        return "—"
    return nik[:4] + "*" * 8 + nik[12:]
