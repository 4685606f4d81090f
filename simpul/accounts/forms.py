from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.access.roles import Role
from simpul.accounts.models import TimeZone


class LoginForm(forms.Form):
    username = v.NameField(label=_("Nama pengguna"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}))
    password = v.PasswordField(label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = v.NameField(
        label=_("Kode"),
        max_length=20,
        help_text=_("Kode 6 angka dari aplikasi autentikator, atau satu kode pemulihan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class PasswordChangeForm(forms.Form):
    old_password = v.PasswordField(label=_("Kata sandi lama"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password = v.PasswordField(label=_("Kata sandi baru"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), help_text=_("Minimal 10 karakter, bukan kata sandi umum, tidak hanya angka."))
    new_password2 = v.PasswordField(label=_("Ulangi kata sandi baru"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("Kedua kata sandi baru tidak sama."))
        return data


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=Role.choices, label=_("Peran"), **kwargs)  # type: ignore[arg-type]


class InviteForm(forms.Form):
    username = v.SlugField(label=_("Nama pengguna"), max_length=60, help_text=_("Huruf kecil, angka, titik tidak boleh; contoh: pendamping-siti."))
    first_name = v.NameField(label=_("Nama depan"), max_length=150)
    last_name = v.NameField(label=_("Nama belakang"), max_length=150, required=False)
    email = v.EmailField(label=_("Email"), required=False)
    roles = RolesField()


class RolesForm(forms.Form):
    roles = RolesField()


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Zona waktu"), choices=TimeZone.choices)
