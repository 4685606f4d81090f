"""Forms of the case pages (labels in Indonesian; errors are shown in Indonesian)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.cases import models as m
from simpul.people.models import Disability, Education, MaritalStatus, Occupation, Sex
from simpul.privacy.models import ConsentHow, GivenBy, Purpose
from simpul.regions.models import Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kw)


def _region_field(label: Any, required: bool = True) -> forms.CharField:
    return v.CharField(
        label=label,
        required=required,
        max_length=13,
        help_text=_("Kode wilayah Kemendagri, mis. 63.06 (kabupaten), 63.06.05 (kecamatan) atau 63.06.05.2001 (desa)."),
    )


def _clean_region(value: str, *, min_level: int = 2) -> str:
    value = (value or "").strip()
    if not value:
        return value
    if value.count(".") + 1 < min_level or not Region.objects.filter(code=value).exists():
        raise forms.ValidationError(_("Kode wilayah tidak dikenal atau kurang rinci."))
    return value


class CaseOpenForm(forms.Form):
    region = _region_field(_("Wilayah kejadian"))
    jenis_kasus = forms.ChoiceField(label=_("Jenis kasus"), choices=m.JenisKasus.choices)
    risk = forms.ChoiceField(label=_("Risiko"), choices=m.Risk.choices)
    kewenangan = forms.ChoiceField(label=_("Kewenangan"), choices=m.Kewenangan.choices)
    channel = forms.ChoiceField(label=_("Kanal pengaduan"), choices=m.Channel.choices)
    reported_at = v.DateField(kind=v.DateKind.EVENT, label=_("Tanggal lapor"), widget=DateInput())
    summary = v.CharField(label=_("Ringkasan singkat (tanpa nama)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_region(self) -> str:
        return _clean_region(self.cleaned_data["region"])


class CaseEditForm(CaseOpenForm):
    version = v.IntegerField(widget=forms.HiddenInput())


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=m.PartyRole.choices)
    unknown = forms.BooleanField(label=_("Pelaku tidak diketahui identitasnya"), required=False)
    full_name = v.NameField(label=_("Nama lengkap"), required=False, max_length=200)
    nik = v.NameField(label=_("NIK"), required=False, max_length=16, help_text=_("16 angka. Selisih dengan tanggal lahir/jenis kelamin hanya diberi peringatan."))
    birth_date = v.DateField(kind=v.DateKind.BIRTH, label=_("Tanggal lahir"), required=False, widget=DateInput())
    age_estimate = v.IntegerField(label=_("Perkiraan usia (jika tanggal lahir tidak diketahui)"), required=False, min_value=0, max_value=120)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    disabilities = forms.MultipleChoiceField(label=_("Disabilitas"), choices=Disability.choices, required=False, widget=forms.CheckboxSelectMultiple)
    education = forms.ChoiceField(label=_("Pendidikan"), choices=Education.choices, initial=Education.NA)
    occupation = forms.ChoiceField(label=_("Pekerjaan"), choices=Occupation.choices, initial=Occupation.NA)
    marital_status = forms.ChoiceField(label=_("Status perkawinan"), choices=MaritalStatus.choices, initial=MaritalStatus.NA)
    nationality = v.NameField(label=_("Kewarganegaraan"), initial="WNI", max_length=3)
    phone = v.NameField(label=_("Telepon"), required=False, max_length=32)
    address_region = _region_field(_("Wilayah alamat (sampai desa/kelurahan)"), required=False)
    address_detail = v.CharField(label=_("Alamat (jalan, RT/RW)"), required=False, max_length=300)
    ampk_category = forms.ChoiceField(label=_("Kategori AMPK (anak)"), choices=[("", "—"), *m.AmpkCategory.choices], required=False)
    abh_role = forms.ChoiceField(label=_("Peran ABH (anak)"), choices=[("", "—"), *m.AbhRole.choices], required=False)

    def clean_address_region(self) -> str:
        return _clean_region(self.cleaned_data["address_region"], min_level=1)

    def clean_nik(self) -> str:
        return (self.cleaned_data.get("nik") or "").strip()


class PartyPersonForm(PartyForm):
    """Correcting a party's person: the same fields without the party's role and flags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("role", "unknown", "ampk_category", "abh_role"):
            del self.fields[name]


class IncidentEntryForm(forms.Form):
    date = v.DateField(kind=v.DateKind.PLAN, label=_("Tanggal kejadian"), required=False, widget=DateInput())
    date_precision = forms.ChoiceField(label=_("Ketepatan tanggal"), choices=m.DatePrecision.choices)
    place = forms.ChoiceField(label=_("Tempat kejadian"), choices=m.Place.choices)
    region = _region_field(_("Wilayah kejadian"), required=False)
    chronology = v.CharField(label=_("Kronologi"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    tppo_acts = forms.MultipleChoiceField(label=_("TPPO: proses"), choices=m.TppoAct.choices, required=False, widget=forms.CheckboxSelectMultiple)
    tppo_means = forms.MultipleChoiceField(label=_("TPPO: cara"), choices=m.TppoMeans.choices, required=False, widget=forms.CheckboxSelectMultiple)
    tppo_purposes = forms.MultipleChoiceField(label=_("TPPO: tujuan"), choices=m.TppoPurpose.choices, required=False, widget=forms.CheckboxSelectMultiple)
    tppo_destination = v.CharField(label=_("TPPO: daerah/negara tujuan"), required=False, max_length=120)
    # Declared last: the name shadows the ``forms`` module inside the class body.
    forms = forms.MultipleChoiceField(label=_("Bentuk kekerasan"), choices=m.Form.choices, widget=forms.CheckboxSelectMultiple)

    field_order = ["date", "date_precision", "place", "region", "forms", "chronology"]

    def clean_region(self) -> str:
        return _clean_region(self.cleaned_data["region"])


class RelationshipForm(forms.Form):
    victim = forms.TypedChoiceField(label=_("Korban"), coerce=int)
    perpetrator = forms.TypedChoiceField(label=_("Pelaku"), coerce=int)
    relation = forms.ChoiceField(label=_("Hubungan pelaku dengan korban"), choices=m.Relation.choices)
    detail = forms.ChoiceField(label=_("Rincian hubungan"), choices=m.RelationDetail.choices, required=False)
    same_household = forms.BooleanField(label=_("Tinggal serumah"), required=False)

    def __init__(self, *args: Any, victims: list[tuple[int, str]], perpetrators: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["victim"].choices = victims  # type: ignore[attr-defined]
        self.fields["perpetrator"].choices = perpetrators  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    fisik = v.CharField(label=_("Kondisi fisik"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    psikologis = v.CharField(label=_("Kondisi psikologis"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sosial = v.CharField(label=_("Kondisi sosial"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    ekonomi = v.CharField(label=_("Kondisi ekonomi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    pendidikan = v.CharField(label=_("Pendidikan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risk = forms.ChoiceField(label=_("Risiko (asesmen ulang)"), choices=m.Risk.choices)
    safety_plan = v.CharField(label=_("Rencana keselamatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    informed_consent = forms.BooleanField(
        label=_("Persetujuan setelah penjelasan (informed consent) diperoleh"), required=False,
        help_text=_("Dicatat sebagai persetujuan korban untuk penanganan kasus dan rujukan."),
    )
    given_by = forms.ChoiceField(label=_("Persetujuan diberikan oleh"), choices=[("", "—"), *GivenBy.choices], required=False,
                                 help_text=_("Anak (di bawah 18 tahun): orang tua atau wali."))
    guardian_name = v.NameField(label=_("Nama orang tua/wali"), required=False, max_length=200)
    how = forms.ChoiceField(label=_("Cara persetujuan diberikan"), choices=[("", "—"), *ConsentHow.choices], required=False)
    witness_name = v.NameField(label=_("Nama saksi (persetujuan lisan)"), required=False, max_length=200)


class ConsentForm(forms.Form):
    """Consent of the case's victims, recorded from the case (through the privacy core)."""

    purposes = forms.MultipleChoiceField(
        label=_("Untuk"), choices=[(p, Purpose(p).label) for p in (Purpose.SERVICE, Purpose.REFERRAL)],
        widget=forms.CheckboxSelectMultiple, initial=[Purpose.SERVICE, Purpose.REFERRAL],
    )
    given_by = forms.ChoiceField(label=_("Persetujuan diberikan oleh"), choices=GivenBy.choices,
                                 help_text=_("Anak (di bawah 18 tahun): orang tua atau wali."))
    guardian_name = v.NameField(label=_("Nama orang tua/wali"), required=False, max_length=200)
    how = forms.ChoiceField(label=_("Cara persetujuan diberikan"), choices=ConsentHow.choices)
    witness_name = v.NameField(label=_("Nama saksi (persetujuan lisan)"), required=False, max_length=200)
    note = v.CharField(label=_("Catatan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalRequestForm(forms.Form):
    content = v.CharField(label=_("Isi (rencana intervensi / alasan terminasi)"), widget=forms.Textarea(attrs={"rows": 6}))
    open_referrals_reason = v.CharField(
        label=_("Alasan terminasi walau rujukan masih terbuka"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=[("approve", _("Setujui")), ("reject", _("Tolak"))])
    note = v.CharField(label=_("Catatan (wajib jika menolak)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = v.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Pindah ke tahap"), choices=m.Stage.choices)
    version = v.IntegerField(widget=forms.HiddenInput(), required=False)


class AssignForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Pendamping"), coerce=int)
    reason = v.CharField(label=_("Alasan (jika mengganti)"), required=False, max_length=200)

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["user"].choices = staff  # type: ignore[attr-defined]


class ServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Jenis layanan"), choices=m.ServiceType.choices)
    provider = forms.TypedChoiceField(label=_("Penyedia layanan"), coerce=int, required=False, empty_value=None)
    provider_name = v.NameField(label=_("Penyedia lain (jika tidak terdaftar)"), required=False, max_length=200)
    start_date = v.DateField(kind=v.DateKind.PLAN, label=_("Mulai"), widget=DateInput())
    end_date = v.DateField(kind=v.DateKind.PLAN, label=_("Selesai"), required=False, widget=DateInput())
    outcome = forms.ChoiceField(label=_("Hasil"), choices=m.ServiceOutcome.choices)
    notes = v.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, providers: list[tuple[int, str]] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if providers is None:
            del self.fields["provider"]
            del self.fields["provider_name"]
        else:
            self.fields["provider"].choices = [("", "—"), *providers]  # type: ignore[attr-defined]


class LegalForm(forms.Form):
    police_report_number = v.CharField(label=_("Nomor laporan polisi"), required=False, max_length=120)
    police_report_date = v.DateField(kind=v.DateKind.EVENT, label=_("Tanggal laporan polisi"), required=False, widget=DateInput())
    stage = forms.ChoiceField(label=_("Tahap proses hukum"), choices=m.LegalStage.choices)
    stage_date = v.DateField(kind=v.DateKind.EVENT, label=_("Tanggal tahap"), required=False, widget=DateInput())
    diversion = forms.ChoiceField(label=_("Diversi (ABH)"), choices=m.DiversionStatus.choices, required=False)
    verdict_notes = v.CharField(label=_("Catatan putusan/restitusi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    text = v.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    title = v.NameField(label=_("Tugas / tindak lanjut"), max_length=300)
    due_date = v.DateField(kind=v.DateKind.PLAN, label=_("Tenggat"), widget=DateInput())


class ReferralForm(forms.Form):
    to_org = forms.TypedChoiceField(label=_("Dirujuk ke"), coerce=int)
    service_type = forms.ChoiceField(label=_("Layanan yang diminta"), choices=m.ServiceType.choices)
    shared_sets = forms.MultipleChoiceField(
        label=_("Data yang dibagikan"), choices=m.SharedSet.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Bagikan hanya yang diperlukan mitra."),
    )
    reason = v.CharField(label=_("Alasan dan permintaan"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = v.DateField(kind=v.DateKind.PLAN, label=_("Tenggat tanggapan"), widget=DateInput())
    override_basis = forms.ChoiceField(
        label=_("Dasar pemrosesan jika tidak ada persetujuan tercatat"),
        choices=[("", "—"), *[(c, lbl) for c, lbl in m.ConsentBasis.choices if c != m.ConsentBasis.CONSENT]],
        required=False,
    )
    override_reason = v.CharField(label=_("Alasan merujuk tanpa persetujuan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, targets: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["to_org"].choices = targets  # type: ignore[attr-defined]


class RespondForm(forms.Form):
    decision = forms.ChoiceField(label=_("Tanggapan"), choices=[("accept", _("Terima")), ("decline", _("Tolak"))])
    reason = v.CharField(label=_("Alasan (wajib jika menolak)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.Form):
    date = v.DateField(kind=v.DateKind.PLAN, label=_("Tanggal"), widget=DateInput())
    text = v.CharField(label=_("Tindakan yang dilakukan"), widget=forms.Textarea(attrs={"rows": 3}))


class CompleteForm(forms.Form):
    outcome = v.CharField(label=_("Hasil layanan"), widget=forms.Textarea(attrs={"rows": 3}))


class FilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Tahap"), choices=[("", _("Semua")), *m.Stage.choices], required=False)
    risk = forms.ChoiceField(label=_("Risiko"), choices=[("", _("Semua")), *m.Risk.choices], required=False)
    form = forms.ChoiceField(label=_("Bentuk kekerasan"), choices=[("", _("Semua")), *m.Form.choices], required=False)
    region = v.NameField(label=_("Kode wilayah"), required=False, max_length=13)
    date_from = v.DateField(kind=v.DateKind.PLAN, label=_("Lapor dari"), required=False, widget=DateInput())
    date_to = v.DateField(kind=v.DateKind.PLAN, label=_("Lapor sampai"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=[("open", _("Terbuka")), ("closed", _("Ditutup")), ("all", _("Semua"))], required=False)
    caseworker = forms.TypedChoiceField(label=_("Pendamping"), coerce=int, required=False, empty_value=None)
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)

    def __init__(self, *args: Any, caseworkers: list[tuple[int, str]] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["caseworker"].choices = [("", _("Semua")), *(caseworkers or [])]  # type: ignore[attr-defined]
