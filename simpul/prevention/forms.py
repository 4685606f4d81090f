from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.accounts.models import Organisation
from simpul.prevention.models import (
    Activity,
    ActivityType,
    AgeGroup,
    Campaign,
    FollowUpStatus,
    Sex,
    Speaker,
    StakeholderGroup,
    Topic,
)
from simpul.regions.models import Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def region_choices(org: Organisation | None) -> Any:
    """Kecamatan (and, for a kabupaten organisation, desa) inside the organisation's jurisdiction."""
    qs = Region.objects.all()
    code = org.region_id if org else None
    if code:
        qs = qs.filter(code__startswith=code + ".")
        max_level = 4 if code.count(".") >= 1 else 3
        qs = qs.filter(level__lte=max_level)
    else:
        qs = qs.filter(level__lte=2)
    return qs.order_by("code")


class ActivityForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topik lain"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        formfield_callback = v.formfield
        model = Activity
        fields = ["title", "type", "main_topic", "start_date", "end_date", "venue", "region", "campaign", "partners", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "partners": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_choices(organisation)  # type: ignore[attr-defined]
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"  # type: ignore[attr-defined]
        partners = Organisation.objects.filter(is_active=True)
        if organisation is not None:
            partners = partners.exclude(pk=organisation.pk)
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = Campaign.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["topics"].initial = list(self.instance.topic_rows.values_list("topic", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class SpeakerForm(forms.Form):
    name = v.NameField(label=_("Nama narasumber"), max_length=200)
    institution = v.CharField(label=_("Lembaga"), max_length=200, required=False)
    topic = v.CharField(label=_("Materi"), max_length=250, required=False)


class SessionForm(forms.Form):
    order = v.IntegerField(label=_("Sesi ke"), min_value=1, max_value=99)
    date = v.DateField(kind=v.DateKind.PLAN, label=_("Tanggal"), widget=DateInput())
    title = v.NameField(label=_("Judul sesi"), max_length=250)
    speaker = forms.ModelChoiceField(label=_("Narasumber"), queryset=Speaker.objects.none(), required=False)

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = activity.speakers.all()  # type: ignore[attr-defined]


class CountForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Kelompok peserta"), queryset=StakeholderGroup.objects.filter(is_active=True), required=False,
        empty_label=_("Tidak diketahui"),
    )
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices, initial=Sex.TIDAK_DIKETAHUI)
    age_group = forms.ChoiceField(label=_("Kelompok umur"), choices=AgeGroup.choices, initial=AgeGroup.TIDAK_DIKETAHUI)
    count = v.IntegerField(label=_("Jumlah orang"), min_value=0, max_value=1_000_000)


class AttendeeForm(forms.Form):
    name = v.NameField(label=_("Nama"), max_length=200)
    phone = v.NameField(label=_("Telepon"), max_length=32, required=False)
    group = forms.ModelChoiceField(
        label=_("Kelompok peserta"), queryset=StakeholderGroup.objects.filter(is_active=True), required=False,
        empty_label=_("Tidak diketahui"),
    )
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices, initial=Sex.TIDAK_DIKETAHUI)
    age_group = forms.ChoiceField(label=_("Kelompok umur"), choices=AgeGroup.choices, initial=AgeGroup.TIDAK_DIKETAHUI)


class FollowUpForm(forms.Form):
    description = v.CharField(label=_("Tindak lanjut"), max_length=300)
    owner_org = forms.ModelChoiceField(label=_("Organisasi penanggung jawab"), queryset=Organisation.objects.filter(is_active=True), required=False)
    owner_name = v.NameField(label=_("Penanggung jawab (jabatan/nama)"), max_length=120, required=False)
    due_date = v.DateField(kind=v.DateKind.PLAN, label=_("Tenggat"), required=False, widget=DateInput())


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)


class CampaignForm(forms.Form):
    name = v.NameField(label=_("Nama kampanye"), max_length=200)
    start_date = v.DateField(kind=v.DateKind.PLAN, label=_("Mulai"), widget=DateInput())
    end_date = v.DateField(kind=v.DateKind.PLAN, label=_("Selesai"), widget=DateInput())
    yearly = forms.BooleanField(label=_("Berulang tiap tahun"), required=False)
    description = v.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class GroupForm(forms.ModelForm):
    class Meta:
        formfield_callback = v.formfield
        model = StakeholderGroup
        fields = ["code", "name", "order", "is_active"]


class ReachFilterForm(forms.Form):
    start = v.DateField(kind=v.DateKind.PLAN, label=_("Dari tanggal"), required=False, widget=DateInput())
    end = v.DateField(kind=v.DateKind.PLAN, label=_("Sampai tanggal"), required=False, widget=DateInput())
    campaign = forms.ModelChoiceField(label=_("Kampanye"), queryset=Campaign.objects.all(), required=False, empty_label=_("Semua"))
    topic = forms.ChoiceField(label=_("Topik utama"), choices=[("", _("Semua")), *Topic.choices], required=False)
    type = forms.ChoiceField(label=_("Jenis kegiatan"), choices=[("", _("Semua")), *ActivityType.choices], required=False)
