from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.people.nik import check_nik
from simpul.privacy.models import (
    BreachStatus,
    ConsentHow,
    GivenBy,
    LegalBasis,
    Purpose,
    RequesterRelation,
    RequestKind,
)

DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def dt_field(label: Any, required: bool = False, help_text: Any = "") -> forms.DateTimeField:
    return v.DateTimeField(label=label, required=required, input_formats=DT_FORMATS, widget=DateTimeLocal(), help_text=help_text)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis permintaan"), choices=[("", "—"), *RequestKind.choices])
    requester_relation = forms.ChoiceField(label=_("Pemohon"), choices=RequesterRelation.choices, initial="self")
    received_at = dt_field(_("Waktu diterima"), help_text=_("Kosongkan bila baru saja diterima. Batas waktu dihitung dari sini."))
    purposes = forms.MultipleChoiceField(
        label=_("Tujuan (untuk pembatasan/penarikan)"), choices=Purpose.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = v.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Disimpan terenkripsi. Cara menghubungi pemohon, bukti identitas yang diperiksa."),
    )


class PersonSearchForm(forms.Form):
    nik = v.NameField(label=_("NIK"), required=False, max_length=20)
    phone = v.NameField(label=_("Telepon"), required=False, max_length=32)
    email = v.CharField(label=_("Email"), required=False, max_length=200)
    full_name = v.NameField(label=_("Nama lengkap (persis)"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(k) or "").strip() for k in ("nik", "phone", "email", "full_name")):
            raise forms.ValidationError(_("Isi minimal satu: NIK, telepon, email, atau nama lengkap."))
        return data


class RefuseForm(forms.Form):
    reason = v.CharField(label=_("Alasan penolakan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class PurposesForm(forms.Form):
    purposes = forms.MultipleChoiceField(label=_("Tujuan"), choices=Purpose.choices, widget=forms.CheckboxSelectMultiple)
    reason = v.CharField(label=_("Alasan (opsional)"), required=False, max_length=500)


class CorrectionForm(forms.Form):
    full_name = v.NameField(label=_("Nama lengkap"), required=False, max_length=200)
    nik = v.NameField(label=_("NIK"), required=False, max_length=16)
    phone = v.NameField(label=_("Telepon"), required=False, max_length=32)
    email = v.EmailField(label=_("Email"), required=False)
    birth_date = v.DateField(kind=v.DateKind.BIRTH, label=_("Tanggal lahir"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    address_detail = v.CharField(label=_("Alamat (jalan, RT/RW)"), required=False, max_length=300)

    def clean_nik(self) -> str:
        nik = (self.cleaned_data.get("nik") or "").strip()
        if nik:
            result = check_nik(nik)
            if not result.valid:
                raise forms.ValidationError(result.errors)
        return nik


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Tujuan"), choices=[("", "—"), *Purpose.choices])
    basis = forms.ChoiceField(label=_("Dasar hukum (UU 27/2022 Pasal 20)"), choices=[("", "—"), *LegalBasis.choices])
    given_by = forms.ChoiceField(label=_("Diberikan oleh"), choices=GivenBy.choices, initial="self")
    guardian_name = v.NameField(label=_("Nama orang tua/wali"), required=False, max_length=200)
    how = forms.ChoiceField(label=_("Cara"), choices=[("", "—"), *ConsentHow.choices], required=False)
    witness_name = v.NameField(label=_("Nama saksi (persetujuan lisan)"), required=False, max_length=200)
    given_at = dt_field(_("Waktu diberikan"), help_text=_("Kosongkan bila sekarang."))
    form_attachment_uid = v.UUIDField(label=_("Formulir terpindai (id lampiran)"), required=False)
    note = v.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = v.CharField(label=_("Alasan penarikan"), required=False, max_length=500)


class HoldForm(forms.Form):
    object_type = forms.ChoiceField(
        label=_("Jenis objek"), choices=[("cases.case", _("Kasus")), ("intake.report", _("Laporan")), ("people.person", _("Orang"))]
    )
    object_id = v.NameField(label=_("Id objek"), max_length=64)
    label = v.NameField(label=_("Label (mis. nomor kasus)"), max_length=64, required=False)
    reason = v.CharField(label=_("Alasan"), max_length=300)


class BreachForm(forms.Form):
    discovered_at = dt_field(_("Waktu ditemukan"), help_text=_("Kosongkan bila baru saja. Tenggat 3x24 jam dihitung dari sini."))
    description = v.CharField(label=_("Uraian kejadian"), widget=forms.Textarea(attrs={"rows": 4}))
    suspected_start = dt_field(_("Perkiraan mulai"))
    suspected_end = dt_field(_("Perkiraan akhir"))
    suspect_username = v.NameField(label=_("Akun yang diduga (nama pengguna)"), required=False, max_length=150)
    steps_taken = v.CharField(label=_("Langkah yang sudah diambil"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BreachUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BreachStatus.choices)
    suspected_start = dt_field(_("Perkiraan mulai"))
    suspected_end = dt_field(_("Perkiraan akhir"))
    suspect_username = v.NameField(label=_("Akun yang diduga (nama pengguna)"), required=False, max_length=150)
    steps_taken = v.CharField(label=_("Langkah penanganan dan pemulihan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notified_subjects_at = dt_field(_("Subjek data diberi tahu pada"))
    notified_authority_at = dt_field(_("Lembaga diberi tahu pada"))
