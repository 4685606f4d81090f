"""Forms of the intake module. Every error message is Indonesian; a failed form is re-shown
with everything typed (views answer 400)."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.accounts.models import Organisation
from simpul.intake import codes
from simpul.intake.models import (
    OFFICER_CHANNELS,
    REPORT_CHANNELS,
    AmpkCategory,
    ForWhom,
    JenisKasus,
    Kewenangan,
    Period,
    Risk,
    Status,
    Urgency,
    YesNoUnknown,
)
from simpul.intake.triage import RISK_FACTORS, compute_risk
from simpul.regions import codes as region_codes
from simpul.regions.models import Level, Region

YES_NO = [("ya", _("Ya")), ("tidak", _("Tidak"))]
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{8,20}$")
# Identity fields and stories: the browser neither suggests earlier entries (a shared phone or an
# officer's PC would offer one survivor's name while typing another's) nor restores them on Back.
OFF = {"autocomplete": "off"}


def kabupaten_choices() -> list[tuple[str, Any]]:
    """Kabupaten/kota grouped by province (from the region table)."""
    provinces = dict(Region.objects.filter(level=Level.PROVINSI).values_list("code", "name"))
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, name in Region.objects.filter(level=Level.KABUPATEN).order_by("code").values_list("code", "name"):
        groups.setdefault(code.split(".")[0], []).append((code, name))
    choices: list[tuple[str, Any]] = [("", _("— pilih kabupaten/kota —"))]
    for prov, items in sorted(groups.items()):
        choices.append((provinces.get(prov, prov), items))
    return choices


def _region_or_error(code: str, within: str | None = None) -> Region:
    code = (code or "").strip()
    if not region_codes.is_valid(code):
        raise forms.ValidationError(_("Kode wilayah tidak sah: gunakan bentuk bertitik, mis. 63.06.05."))
    if within and not region_codes.is_within(code, within):
        raise forms.ValidationError(_("Wilayah ini tidak berada di kabupaten/kota yang dipilih."))
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise forms.ValidationError(_("Kode wilayah %(code)s tidak dikenal.") % {"code": code})
    return region


def _contact(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if "@" in value:
        v.EmailField().clean(value)
        return value
    if not _PHONE_RE.match(value):
        raise forms.ValidationError(_("Tuliskan nomor telepon/WhatsApp (mis. 0812-3456-7890) atau alamat email."))
    return value


class SafeContactMixin(forms.Form):
    anonymous = forms.BooleanField(label=_("Saya ingin melapor tanpa nama"), required=False,
                                   help_text=_("Nama Anda tidak disimpan. Anda tetap bisa melihat perkembangan dengan kode lacak dan PIN."))
    reporter_name = v.NameField(label=_("Nama Anda (boleh nama panggilan)"), required=False, max_length=120, widget=forms.TextInput(attrs=OFF))
    reporter_contact = v.NameField(label=_("Nomor telepon/WhatsApp atau email"), required=False, max_length=120, widget=forms.TextInput(attrs=OFF))
    safe_call = forms.ChoiceField(label=_("Aman bila kami menelepon?"), choices=YES_NO, required=False, widget=forms.RadioSelect)
    safe_message = forms.ChoiceField(label=_("Aman bila kami mengirim pesan?"), choices=YES_NO, required=False, widget=forms.RadioSelect)
    safe_times = v.CharField(label=_("Waktu yang aman untuk dihubungi"), required=False, max_length=200, widget=forms.TextInput(attrs=OFF),
                                 help_text=_("Mis. hari kerja pukul 09.00-12.00."))
    do_not_contact = forms.BooleanField(label=_("Jangan hubungi saya"), required=False,
                                        help_text=_("Kami tidak akan menelepon atau mengirim pesan. Pantau laporan dengan kode lacak dan PIN."))

    def clean_reporter_contact(self) -> str:
        return _contact(self.cleaned_data.get("reporter_contact", ""))

    def contact_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        anonymous = bool(cd.get("anonymous"))
        safe = {
            "call": cd.get("safe_call") or "",
            "message": cd.get("safe_message") or "",
            "times": (cd.get("safe_times") or "").strip(),
            "do_not_contact": bool(cd.get("do_not_contact")),
        }
        return {
            "anonymous": anonymous,
            "reporter_name": None if anonymous else (cd.get("reporter_name") or "").strip() or None,
            "reporter_contact": (cd.get("reporter_contact") or "").strip() or None,
            "do_not_contact": bool(cd.get("do_not_contact")),
            "safe_contact": safe if any(v for v in safe.values()) else None,
        }


class PublicReportForm(SafeContactMixin):
    story = v.CharField(label=_("Apa yang terjadi?"), widget=forms.Textarea(attrs={"rows": 6, **OFF}), min_length=10, max_length=5000,
                            help_text=_("Ceritakan sebisanya. Anda boleh menulis singkat."),
                            error_messages={"required": _("Ceritakan apa yang terjadi."), "min_length": _("Ceritakan sedikit lebih banyak (minimal 10 huruf).")})
    kabupaten = forms.ChoiceField(label=_("Di kabupaten/kota mana?"), error_messages={"required": _("Pilih kabupaten/kota tempat kejadian.")})
    wilayah = v.NameField(label=_("Kode kecamatan atau desa (bila tahu)"), required=False, max_length=13,
                              help_text=_("Boleh dikosongkan. Contoh: 63.06.05."))
    location_text = v.CharField(label=_("Tempat kejadian (desa, nama tempat)"), required=False, max_length=300, widget=forms.TextInput(attrs=OFF))
    period = forms.ChoiceField(label=_("Kapan terjadi?"), choices=Period.choices, required=False, widget=forms.RadioSelect)
    for_whom = forms.ChoiceField(label=_("Untuk siapa laporan ini?"), choices=ForWhom.choices, widget=forms.RadioSelect,
                                 error_messages={"required": _("Pilih untuk siapa laporan ini.")})
    victim_is_child = forms.ChoiceField(label=_("Apakah korban anak (di bawah 18 tahun)?"), choices=YesNoUnknown.choices,
                                        widget=forms.RadioSelect, error_messages={"required": _("Pilih salah satu.")})
    idem = v.NameField(widget=forms.HiddenInput)
    pow_challenge = v.CharField(widget=forms.HiddenInput, required=False)
    pow_nonce = v.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    # Honeypot: hidden from people (CSS + aria-hidden), filled in by bots.
    website = v.CharField(required=False, max_length=200, label=_("Jangan diisi"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kabupaten"]).choices = kabupaten_choices()

    def clean_idem(self) -> str:
        value = self.cleaned_data["idem"]
        if not _KEY_RE.match(value):
            raise forms.ValidationError(_("Formulir rusak. Muat ulang halaman lalu kirim lagi."))
        return value

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        kab = cd.get("kabupaten")
        code = (cd.get("wilayah") or "").strip()
        if kab and code:
            try:
                cd["region"] = _region_or_error(code, within=kab)
            except forms.ValidationError as exc:
                self.add_error("wilayah", exc)
        elif kab:
            cd["region"] = Region.objects.filter(code=kab).first()
        return cd

    def report_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        region = cd.get("region")
        return {
            "story": cd["story"].strip(),
            "region_id": region.code if region else None,
            "location_text": (cd.get("location_text") or "").strip() or None,
            "period": cd.get("period") or "",
            "for_whom": cd["for_whom"],
            "victim_is_child": cd["victim_is_child"],
            **self.contact_data(),
        }


AT_RISK = [
    ("anak_perempuan", _("Anak perempuan")),
    ("anak_laki", _("Anak laki-laki")),
    ("perempuan", _("Perempuan dewasa")),
    ("lainnya", _("Lainnya / belum jelas")),
]


class FieldReportForm(forms.Form):
    """Under two minutes: what, where (desa), who is at risk, how urgent."""

    story = v.CharField(label=_("Apa yang terjadi?"), widget=forms.Textarea(attrs={"rows": 4, **OFF}), max_length=3000,
                            error_messages={"required": _("Tuliskan singkat apa yang terjadi.")})
    wilayah = forms.ChoiceField(label=_("Di mana (desa/kelurahan)?"), error_messages={"required": _("Pilih desa/kelurahan atau kecamatan.")})
    at_risk = forms.ChoiceField(label=_("Siapa yang berisiko?"), choices=AT_RISK, widget=forms.RadioSelect,
                                error_messages={"required": _("Pilih siapa yang berisiko.")})
    victim_name = v.NameField(label=_("Nama atau inisial (boleh dikosongkan)"), required=False, max_length=120, widget=forms.TextInput(attrs=OFF))
    urgency = forms.ChoiceField(label=_("Seberapa mendesak?"), choices=Urgency.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Pilih seberapa mendesak.")})
    idem = v.NameField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, areas: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("— pilih —")))]
        for area in areas or []:
            qs = Region.objects.filter(code__startswith=area + ".", level__in=(Level.KECAMATAN, Level.DESA)).order_by("code")
            choices += [(r.code, f"{r.name} ({r.code})") for r in qs.only("code", "name")[:2000]]
            if not qs.exists():
                region = Region.objects.filter(code=area).first()
                if region:
                    choices.append((region.code, f"{region.name} ({region.code})"))
        cast(forms.ChoiceField, self.fields["wilayah"]).choices = choices

    def clean_idem(self) -> str:
        value = self.cleaned_data["idem"]
        if not _KEY_RE.match(value):
            raise forms.ValidationError(_("Formulir rusak. Muat ulang halaman lalu kirim lagi."))
        return value

    def report_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        at_risk = cd["at_risk"]
        return {
            "story": cd["story"].strip(),
            "region_id": cd["wilayah"],
            "for_whom": "orang_lain",
            "victim_is_child": "ya" if at_risk.startswith("anak") else ("tidak" if at_risk == "perempuan" else "tidak_tahu"),
            "victim_name": (cd.get("victim_name") or "").strip() or None,
            "urgency": cd["urgency"],
        }


class OfficerReportForm(SafeContactMixin):
    """Record a complaint (only the channel is required: the rest can follow later) or complete it."""

    channel = forms.ChoiceField(label=_("Kanal"), choices=[("", _("— pilih —"))] + [(c.value, c.label) for c in OFFICER_CHANNELS],
                                error_messages={"required": _("Pilih kanal pengaduan.")})
    received_at = v.DateTimeField(kind=v.DateKind.EVENT, label=_("Waktu diterima"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                      help_text=_("Kosongkan untuk waktu sekarang."))
    external_ref = v.NameField(label=_("Nomor rujukan luar (mis. tiket SAPA 129)"), required=False, max_length=80)
    story = v.CharField(label=_("Kronologi"), widget=forms.Textarea(attrs={"rows": 6, **OFF}), required=False, max_length=20000)
    region = v.NameField(label=_("Kode wilayah kejadian"), required=False, max_length=13,
                             help_text=_("Kabupaten/kota atau lebih rinci, mis. 63.06 atau 63.06.05.2001. Menentukan UPTD PPA yang bertanggung jawab."))
    location_text = v.CharField(label=_("Tempat kejadian (alamat, keterangan)"), required=False, max_length=500, widget=forms.TextInput(attrs=OFF))
    period = forms.ChoiceField(label=_("Kapan terjadi?"), choices=[("", _("— tidak diisi —")), *Period.choices], required=False)
    for_whom = forms.ChoiceField(label=_("Pelapor melapor untuk"), choices=[("", _("— tidak diisi —")), *ForWhom.choices], required=False)
    victim_is_child = forms.ChoiceField(label=_("Korban anak?"), choices=[("", _("— tidak diisi —")), *YesNoUnknown.choices], required=False)
    victim_name = v.NameField(label=_("Nama korban"), required=False, max_length=120, widget=forms.TextInput(attrs=OFF))
    victim_nik = v.NameField(label=_("NIK korban"), required=False, max_length=16, widget=forms.TextInput(attrs=OFF))
    victim_birth_date = v.DateField(kind=v.DateKind.BIRTH, label=_("Tanggal lahir korban"), required=False, widget=forms.DateInput(attrs={"type": "date", **OFF}))
    victim_phone = v.NameField(label=_("Telepon korban"), required=False, max_length=20, widget=forms.TextInput(attrs=OFF))
    idem = v.NameField(widget=forms.HiddenInput, required=False)

    def clean_region(self) -> Region | None:
        code = (self.cleaned_data.get("region") or "").strip()
        return _region_or_error(code) if code else None

    def clean_victim_nik(self) -> str:
        from simpul.people.nik import check_nik

        nik = (self.cleaned_data.get("victim_nik") or "").strip()
        if nik:
            result = check_nik(nik)
            if not result.valid:
                raise forms.ValidationError(" ".join(str(e) for e in result.errors))
        return nik

    def clean_victim_phone(self) -> str:
        value = (self.cleaned_data.get("victim_phone") or "").strip()
        if value and not _PHONE_RE.match(value):
            raise forms.ValidationError(_("Nomor telepon tidak sah."))
        return value

    def report_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        region = cd.get("region")
        data = {
            "channel": cd["channel"],
            "external_ref": (cd.get("external_ref") or "").strip(),
            "story": (cd.get("story") or "").strip() or None,
            "region_id": region.code if region else None,
            "location_text": (cd.get("location_text") or "").strip() or None,
            "period": cd.get("period") or "",
            "for_whom": cd.get("for_whom") or "",
            "victim_is_child": cd.get("victim_is_child") or "",
            "victim_name": (cd.get("victim_name") or "").strip() or None,
            "victim_nik": cd.get("victim_nik") or None,
            "victim_birth_date": cd.get("victim_birth_date"),
            "victim_phone": cd.get("victim_phone") or None,
            **self.contact_data(),
        }
        if cd.get("received_at"):
            data["received_at"] = cd["received_at"]
        return data

    @classmethod
    def initial_for(cls, report: Any) -> dict[str, Any]:
        safe = report.safe_contact or {}
        return {
            "channel": report.channel, "received_at": report.received_at, "external_ref": report.external_ref,
            "story": report.story, "region": report.region_id or "", "location_text": report.location_text,
            "period": report.period, "for_whom": report.for_whom, "victim_is_child": report.victim_is_child,
            "victim_name": report.victim_name, "victim_nik": report.victim_nik, "victim_birth_date": report.victim_birth_date,
            "victim_phone": report.victim_phone, "anonymous": report.anonymous, "reporter_name": report.reporter_name,
            "reporter_contact": report.reporter_contact, "do_not_contact": report.do_not_contact,
            "safe_call": safe.get("call", ""), "safe_message": safe.get("message", ""), "safe_times": safe.get("times", ""),
        }


def _triage_jenis_choices() -> list[tuple[str, Any]]:
    """Jenis kasus for triage: child abuse named as such (AMPK is where it is counted)."""
    return [("", _("— pilih —")), *[(v, _("Kekerasan terhadap anak (AMPK)") if v == JenisKasus.AMPK else label) for v, label in JenisKasus.choices]]


class TriageForm(forms.Form):
    jenis_kasus = forms.ChoiceField(label=_("Jenis kasus"), choices=_triage_jenis_choices,
                                    error_messages={"required": _("Pilih jenis kasus.")})
    ampk_category = forms.ChoiceField(label=_("Kategori kekerasan terhadap anak (wajib untuk AMPK)"),
                                      choices=[("", _("— pilih bila AMPK —")), *AmpkCategory.choices], required=False)
    checklist = forms.MultipleChoiceField(label=_("Faktor risiko yang ada"), required=False, widget=forms.CheckboxSelectMultiple,
                                          choices=[(k, label) for k, label, _lvl in RISK_FACTORS])
    risk_override = forms.ChoiceField(label=_("Tingkat risiko"), required=False,
                                      choices=[("", _("Ikuti hasil daftar periksa")), *Risk.choices])
    override_reason = v.CharField(label=_("Alasan bila tingkat risiko diubah"), required=False, max_length=1000,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    kewenangan = forms.ChoiceField(label=_("Kewenangan"), choices=Kewenangan.choices, initial=Kewenangan.KAB_KOTA)

    def __init__(self, *args: Any, from_report: list[str] | tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if from_report:
            # The factors the report itself establishes are marked on their checkbox.
            field = cast(forms.MultipleChoiceField, self.fields["checklist"])
            field.choices = [(k, format_lazy("{} ({})", label, _("dari laporan")) if k in from_report else label)
                             for k, label, _lvl in RISK_FACTORS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("jenis_kasus") == JenisKasus.AMPK and not data.get("ampk_category"):
            self.add_error("ampk_category", _("Untuk AMPK, pilih kategorinya (UU 35/2014 Pasal 59 ayat 2)."))
        override = data.get("risk_override") or ""
        if override and override != compute_risk(data.get("checklist") or []) and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Tuliskan alasan bila risiko berbeda dari hasil daftar periksa."))
        return data


class ReferForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Rujuk ke"), queryset=Organisation.objects.none(),
                                          error_messages={"required": _("Pilih organisasi tujuan.")})
    reason = v.CharField(label=_("Alasan rujukan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             error_messages={"required": _("Tuliskan alasan rujukan.")})

    def __init__(self, *args: Any, exclude_org: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.filter(is_active=True).order_by("region_id", "name")
        if exclude_org:
            qs = qs.exclude(pk=exclude_org)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = qs


class CloseForm(forms.Form):
    reason = v.CharField(label=_("Alasan: mengapa bukan kasus"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             error_messages={"required": _("Alasan penutupan wajib diisi.")})


class MergeForm(forms.Form):
    code = v.NameField(label=_("Kode lacak pengaduan yang sama"), max_length=12,
                           error_messages={"required": _("Tuliskan kode lacak pengaduan lain.")})

    def clean_code(self) -> str:
        code = codes.normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("Kode lacak tidak sah (8 huruf/angka, mis. K7QM-4XPD)."))
        return code


class AttachForm(forms.Form):
    case_number = v.NameField(label=_("Nomor kasus"), max_length=40, error_messages={"required": _("Tuliskan nomor kasus.")})


class OfficerMessageForm(forms.Form):
    body = v.CharField(label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 3, **OFF}), max_length=5000,
                           error_messages={"required": _("Pesan tidak boleh kosong.")})
    internal = forms.BooleanField(label=_("Catatan internal (tidak terlihat oleh pelapor)"), required=False, initial=True)


class StatusForm(forms.Form):
    code = v.NameField(label=_("Kode lacak"), max_length=12, widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
                           error_messages={"required": _("Tuliskan kode lacak.")})
    pin = v.CharField(label=_("PIN"), max_length=12, widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                          error_messages={"required": _("Tuliskan PIN.")})


class PublicMessageForm(forms.Form):
    token = v.NameField(widget=forms.HiddenInput)
    body = v.CharField(label=_("Kirim pesan kepada petugas"), widget=forms.Textarea(attrs={"rows": 3, **OFF}), max_length=5000,
                           error_messages={"required": _("Pesan tidak boleh kosong.")})


class SetPinForm(forms.Form):
    token = v.NameField(widget=forms.HiddenInput)
    new_pin = v.CharField(label=_("PIN baru (6-12 angka)"), max_length=12,
                              widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
                              error_messages={"required": _("Tuliskan PIN baru.")})
    new_pin2 = v.CharField(label=_("Ulangi PIN baru"), max_length=12,
                               widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
                               error_messages={"required": _("Ulangi PIN baru.")})

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        pin, pin2 = cd.get("new_pin") or "", cd.get("new_pin2") or ""
        if pin and not codes.PIN_RE.match(pin):
            self.add_error("new_pin", _("PIN harus 6 sampai 12 angka."))
        elif pin and pin2 and pin != pin2:
            self.add_error("new_pin2", _("Kedua PIN tidak sama."))
        return cd


class ResponsePolicyForm(forms.Form):
    high_minutes = v.IntegerField(label=_("Risiko tinggi: tindakan paling lambat (menit)"), min_value=0, max_value=1440, help_text=_("0 berarti segera."))
    medium_minutes = v.IntegerField(label=_("Risiko sedang: tindakan paling lambat (menit)"), min_value=1, max_value=10080)
    low_working_days = v.IntegerField(label=_("Risiko rendah: tindakan paling lambat (hari kerja)"), min_value=1, max_value=30, help_text=_("Sabtu, Minggu dan hari libur nasional tidak dihitung."))


class OnDutyForm(forms.Form):
    users = forms.MultipleChoiceField(label=_("Petugas jaga"), required=False, widget=forms.CheckboxSelectMultiple, help_text=_("Bila tidak ada yang dipilih, semua petugas organisasi dianggap jaga."))

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["users"]).choices = [(str(pk), name) for pk, name in officers]


QUEUE_SORTS = {
    "baru": ("-received_at", "-pk"),
    "lama": ("received_at", "pk"),
    "risiko": ("risk_rank", "due_at", "-received_at"),
    "batas": ("due_at", "-received_at"),
}


class QueueFilterForm(forms.Form):
    """The complaint queue's filters and order, all in the URL (GET): bookmarkable."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Terbuka (baru dan ditriase)")), ("semua", _("Semua status")), *Status.choices])
    risiko = forms.ChoiceField(label=_("Risiko"), required=False,
                               choices=[("", _("Semua risiko")), *Risk.choices, ("belum", _("Belum ditriase"))])
    kanal = forms.ChoiceField(label=_("Kanal"), required=False,
                              choices=[("", _("Semua kanal")), *[(c.value, c.label) for c in REPORT_CHANNELS]])
    periode = forms.ChoiceField(label=_("Diterima"), required=False,
                                choices=[("", _("Kapan saja")), ("hari", _("Hari ini")), ("7", _("7 hari terakhir")),
                                         ("30", _("30 hari terakhir"))])
    wilayah = forms.ChoiceField(label=_("Wilayah kejadian"), required=False, choices=[("", _("Semua wilayah"))])
    terlambat = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)
    urut = forms.ChoiceField(label=_("Urutkan"), required=False,
                             choices=[("baru", _("Terbaru diterima")), ("lama", _("Terlama diterima")),
                                      ("risiko", _("Risiko tertinggi")), ("batas", _("Batas respons terdekat"))])

    def __init__(self, *args: Any, regions: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["wilayah"]).choices = [("", _("Semua wilayah")), *regions]

    def filters(self) -> dict[str, Any]:
        """The valid choices (an invalid one is dropped and its error shown; never a 500)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}
