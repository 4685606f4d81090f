from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.messaging import texts
from simpul.messaging.models import Channel

NONE = "tidak"
OFF = {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}


class SendForm(forms.Form):
    template = forms.ChoiceField(label=_("Pesan"), widget=forms.RadioSelect, error_messages={"required": _("Pilih salah satu templat."), "invalid_choice": _("Pilih salah satu templat.")})
    text = v.CharField(label=_("Isi pesan (hanya bila pelapor mengizinkan pesan lengkap)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3, **OFF}))

    def __init__(self, *args: Any, full_text: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(t.code, t.label) for t in texts.TEMPLATES.values()]
        if full_text:
            choices.append((texts.FREE_TEXT, _("Pesan lengkap (pelapor mengizinkan)")))
        else:
            del self.fields["text"]
        self.fields["template"].choices = choices  # type: ignore[attr-defined]
        self.fields["template"].initial = texts.DEFAULT


class PreferenceForm(forms.Form):
    code = v.NameField(label=_("Kode lacak"), max_length=12, widget=forms.TextInput(attrs=OFF))
    pin = v.NameField(label=_("PIN"), max_length=12, widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))
    channel = forms.ChoiceField(label=_("Kirim pesan lewat"), choices=[*Channel.choices, (NONE, _("Jangan kirimi saya pesan"))],
                                widget=forms.RadioSelect, error_messages={"required": _("Pilih WhatsApp atau SMS."),
                                                                          "invalid_choice": _("Pilih WhatsApp atau SMS.")})
    status_updates = forms.BooleanField(label=_("Kirimi saya pesan singkat bila status laporan berubah"), required=False)
    full_text = forms.BooleanField(label=_("Petugas boleh menulis pesan lengkap (hanya bila ponsel ini hanya saya yang memakai)"),
                                   required=False)
