from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.accounts.models import Organisation, User
from simpul.coordination import indicators
from simpul.coordination.models import (
    ActionStatus,
    DataSource,
    Indicator,
    MemberRole,
    Plan,
    TaskForce,
    Volunteer,
)
from simpul.prevention.forms import DateInput
from simpul.prevention.models import Activity, ActivityType
from simpul.regions.models import Region


def _regions(code: str | None, max_level: int) -> Any:
    qs = Region.objects.filter(level__lte=max_level)
    if code:
        qs = qs.filter(code__startswith=code.split(".")[0])
    return qs.order_by("code")


class TaskForceForm(forms.ModelForm):
    class Meta:
        formfield_callback = v.formfield
        model = TaskForce
        fields = ["name", "kind", "level", "region", "legal_basis", "is_active"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, region_code: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(region_code, 3)  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisasi"), queryset=Organisation.objects.filter(is_active=True), required=False)
    user = forms.ModelChoiceField(label=_("Pengguna"), queryset=User.objects.none(), required=False)
    position = v.NameField(label=_("Jabatan"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=MemberRole.choices, initial=MemberRole.ANGGOTA)
    term_start = v.DateField(kind=v.DateKind.PLAN, label=_("Awal masa tugas"), required=False, widget=DateInput())
    term_end = v.DateField(kind=v.DateKind.PLAN, label=_("Akhir masa tugas"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not data.get("user"):
            self.add_error("organisation", _("Isi organisasi atau pengguna anggota."))
        if data.get("term_start") and data.get("term_end") and data["term_end"] < data["term_start"]:
            self.add_error("term_end", _("Akhir masa tugas tidak boleh sebelum awalnya."))
        return data


class MeetingForm(forms.Form):
    date = v.DateField(kind=v.DateKind.PLAN, label=_("Tanggal"), widget=DateInput())
    place = v.CharField(label=_("Tempat"), max_length=200, required=False)
    agenda = v.CharField(label=_("Agenda"), max_length=300)
    minutes = v.CharField(label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Jangan menulis identitas korban di notulen."))
    attendees = v.ModelMultipleChoiceField(label=_("Organisasi yang hadir"), queryset=Organisation.objects.none(), required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, task_force: TaskForce, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = set(task_force.members.exclude(organisation=None).values_list("organisation_id", flat=True)) | {task_force.organisation_id}
        self.fields["attendees"].queryset = Organisation.objects.filter(pk__in=ids)  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    description = v.CharField(label=_("Tindakan"), max_length=300)
    owner_org = forms.ModelChoiceField(label=_("Organisasi penanggung jawab"), queryset=Organisation.objects.filter(is_active=True), required=False)
    owner_name = v.NameField(label=_("Penanggung jawab"), max_length=120, required=False)
    due_date = v.DateField(kind=v.DateKind.PLAN, label=_("Tenggat"), required=False, widget=DateInput())


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class VolunteerForm(forms.ModelForm):
    name = v.NameField(label=_("Nama"), max_length=200)

    class Meta:
        formfield_callback = v.formfield
        model = Volunteer
        fields = ["organisation", "kind", "name", "user", "region", "trainings", "is_active"]
        widgets = {"trainings": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        codes = [c for c in orgs.values_list("region_id", flat=True) if c]
        region_qs = Region.objects.none()
        for code in set(codes):
            region_qs = region_qs | Region.objects.filter(code__startswith=code + ".", level=4)
        self.fields["region"].queryset = region_qs.order_by("code")  # type: ignore[attr-defined]
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"  # type: ignore[attr-defined]
        self.fields["trainings"].queryset = Activity.objects.filter(type=ActivityType.PELATIHAN).order_by("-start_date")  # type: ignore[attr-defined]
        self.fields["user"].queryset = User.objects.filter(memberships__organisation__in=orgs).distinct().order_by("username")  # type: ignore[attr-defined]
        self.fields["user"].required = False
        if self.instance.pk:
            self.fields["name"].initial = self.instance.name


class PlanForm(forms.ModelForm):
    class Meta:
        formfield_callback = v.formfield
        model = Plan
        fields = ["title", "legal_basis", "region", "start_year", "end_year"]

    def __init__(self, *args: Any, region_code: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(region_code, 2)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
            self.add_error("end_year", _("Tahun selesai tidak boleh sebelum tahun mulai."))
        return data


class NameForm(forms.Form):
    name = v.NameField(label=_("Nama"), max_length=250)
    order = v.IntegerField(label=_("Urutan"), min_value=1, initial=1)


class IndicatorForm(forms.ModelForm):
    computed_key = forms.ChoiceField(label=_("Perhitungan"), required=False)

    class Meta:
        formfield_callback = v.formfield
        model = Indicator
        fields = ["name", "unit", "baseline", "responsible", "source", "computed_key"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["computed_key"].choices = [("", "—"), *indicators.choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == DataSource.COMPUTED and not data.get("computed_key"):
            self.add_error("computed_key", _("Pilih perhitungan untuk indikator yang dihitung otomatis."))
        return data


class YearValueForm(forms.Form):
    year = v.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    value = v.DecimalField(label=_("Nilai"), max_digits=12, decimal_places=2)


class RealisationForm(YearValueForm):
    evidence = v.CharField(label=_("Bukti / keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
