from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from simpul import access
from simpul import validators as v
from simpul.accounts.models import User
from simpul.outreach.models import CrewMember, DispatchRequest, Outcome, Vehicle


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _dt_field(label: Any, required: bool = True) -> forms.DateTimeField:
    return v.DateTimeField(kind=v.DateKind.PLAN, label=label, required=required, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class VehicleForm(forms.ModelForm):
    class Meta:
        formfield_callback = v.formfield
        model = Vehicle
        fields = ["name", "plate", "seats", "is_active", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class CrewForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Pengguna"), queryset=User.objects.none())
    duty = v.NameField(label=_("Tugas"), max_length=60, required=False, help_text=_("Misalnya: pengemudi, pendamping, tenaga kesehatan."))

    def __init__(self, *args: Any, organisation_ids: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation_id__in=organisation_ids, memberships__is_active=True, is_active=True
        ).distinct().order_by("username")


def _linked_exists(user: Any, label: str, uid: Any) -> bool | None:
    """Whether the linked case/report exists and is visible to ``user``; None if that module has no model yet."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    try:
        return access.visible(user, model, "view").filter(uid=uid).exists()
    except (LookupError, Exception):  # noqa: BLE001 - module without an access policy yet: treat as unknown
        return model._default_manager.filter(uid=uid).exists()


class RequestForm(forms.ModelForm):
    window_start = _dt_field(_("Waktu mulai yang diminta"))
    window_end = _dt_field(_("Waktu selesai yang diminta"))

    class Meta:
        formfield_callback = v.formfield
        model = DispatchRequest
        fields = ["purpose", "case_uid", "report_uid", "window_start", "window_end", "area", "pickup_place", "contact", "safety_notes"]
        widgets = {
            "pickup_place": forms.Textarea(attrs={"rows": 2}),
            "contact": forms.TextInput(),
            "area": forms.TextInput(attrs={"maxlength": 120}),
            "safety_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "case_uid": _("Kode kasus (UUID) untuk penjangkauan. Kru tidak melihat kasus."),
            "report_uid": _("Atau kode laporan pengaduan (UUID)."),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["pickup_place"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("window_start") and data.get("window_end") and data["window_end"] <= data["window_start"]:
            self.add_error("window_end", _("Waktu selesai harus setelah waktu mulai."))
        if data.get("purpose") == "penjangkauan" and not (data.get("case_uid") or data.get("report_uid")):
            self.add_error("case_uid", _("Penjangkauan korban harus terkait dengan kasus atau laporan."))
        for name, label in (("case_uid", "cases.Case"), ("report_uid", "intake.Report")):
            if data.get(name) and _linked_exists(self.user, label, data[name]) is False:
                self.add_error(name, _("Tidak ditemukan atau Anda tidak berwenang."))
        return data


class TripForm(forms.Form):
    vehicle = forms.ModelChoiceField(label=_("Kendaraan"), queryset=Vehicle.objects.none())
    crew = v.ModelMultipleChoiceField(label=_("Kru"), queryset=CrewMember.objects.none(), widget=forms.CheckboxSelectMultiple)
    start_at = _dt_field(_("Berangkat (jadwal)"))
    end_at = _dt_field(_("Kembali (jadwal)"))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = Vehicle.objects.filter(organisation_id=organisation_id, is_active=True)  # type: ignore[attr-defined]
        self.fields["crew"].queryset = CrewMember.objects.filter(organisation_id=organisation_id, is_active=True).select_related("user")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_at") and data.get("end_at") and data["end_at"] <= data["start_at"]:
            self.add_error("end_at", _("Waktu kembali harus setelah waktu berangkat."))
        return data


class TripLogForm(forms.Form):
    departed_at = _dt_field(_("Berangkat (sebenarnya)"), required=False)
    returned_at = _dt_field(_("Kembali (sebenarnya)"), required=False)
    odometer_start = v.IntegerField(label=_("Odometer berangkat (km)"), min_value=0, required=False)
    odometer_end = v.IntegerField(label=_("Odometer kembali (km)"), min_value=0, required=False)
    work_done = v.CharField(label=_("Yang dilakukan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label=_("Hasil"), choices=[("", "—"), *Outcome.choices], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("departed_at") and data.get("returned_at") and data["returned_at"] < data["departed_at"]:
            self.add_error("returned_at", _("Waktu kembali tidak boleh sebelum waktu berangkat."))
        a, b = data.get("odometer_start"), data.get("odometer_end")
        if a is not None and b is not None and b < a:
            self.add_error("odometer_end", _("Odometer kembali tidak boleh lebih kecil dari odometer berangkat."))
        return data
