"""The draft breach notice of UU 27/2022 Pasal 46 (always in Indonesian: it goes to data
subjects and the authority). It states what data, when and how, the handling and recovery
steps, and a contact; the officer reviews and completes it before sending."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul.people.models import Person
from simpul.privacy.models import Breach
from simpul.privacy.selectors import Affected
from simpul.privacy.services import breach_deadline

# Audit field names -> human data categories (unknown names are shown as they are).
FIELD_CATEGORIES = {
    "full_name": "nama",
    "nik": "NIK",
    "phone": "nomor telepon",
    "email": "alamat email",
    "birth_date": "tanggal lahir",
    "address_detail": "alamat",
    "chronology": "kronologi kejadian",
    "notes": "catatan",
    "note": "catatan",
    "guardian_name": "nama orang tua/wali",
    "witness_name": "nama saksi",
}


def categories_text(affected: Affected) -> list[str]:
    seen: list[str] = []
    for f in affected.categories:
        label = FIELD_CATEGORIES.get(f, f.replace("_", " "))
        if label not in seen:
            seen.append(label)
    return seen


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else _("belum diketahui")


def breach_notice_text(breach: Breach, affected: Affected, *, contact: str = "") -> str:
    with translation.override("id"):
        cats = categories_text(affected) or [_("(kategori data belum dapat ditentukan dari log audit)")]
        lines = [
            _("PEMBERITAHUAN KEGAGALAN PELINDUNGAN DATA PRIBADI"),
            _("(UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 46)"),
            "",
            _("Dari: %(org)s") % {"org": breach.organisation.name},
            _("Tanggal: %(d)s") % {"d": timezone.localtime().strftime("%d-%m-%Y")},
            "",
            _("1. Data pribadi yang terungkap"),
            "   " + ", ".join(cats),
            "   " + _("Perkiraan jumlah subjek data yang terdampak: %(n)d orang.") % {"n": len(affected.person_ids)},
            "",
            _("2. Kapan dan bagaimana data terungkap"),
            "   " + _("Ditemukan pada: %(d)s.") % {"d": _when(breach.discovered_at)},
            "   " + _("Perkiraan waktu kejadian: %(a)s sampai %(b)s.") % {"a": _when(breach.suspected_start), "b": _when(breach.suspected_end)},
            "   " + (breach.description or ""),
            "",
            _("3. Upaya penanganan dan pemulihan"),
            "   " + (breach.steps_taken or _("(isi langkah yang telah dan akan diambil)")),
            "",
            _("4. Kontak"),
            "   " + (contact or _("(isi nama dan kontak pejabat pelindungan data pribadi)")),
            "",
            _(
                "Pemberitahuan ini wajib disampaikan secara tertulis kepada subjek data dan lembaga paling "
                "lambat 3 x 24 jam sejak kegagalan diketahui, yaitu sebelum %(deadline)s."
            )
            % {"deadline": _when(breach_deadline(breach))},
        ]
    return "\n".join(lines)


def affected_rows(person_ids: list[int], limit: int = 200) -> list[dict[str, Any]]:
    """Masked rows (initials, masked NIK) for the affected-persons list."""
    from simpul.people.nik import mask_nik
    from simpul.people.services import initials

    rows = []
    for p in Person.objects.filter(pk__in=person_ids[:limit]).order_by("pk"):
        rows.append({"id": p.pk, "initials": initials(p.full_name), "nik": mask_nik(p.nik), "pseudonymised": bool(p.pseudonymised_at)})
    return rows
