from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul import validators as v
from simpul.webhooks.events import EVENT_TYPES


class EndpointForm(forms.Form):
    url = v.CharField(label=_("Alamat (URL) penerima"), max_length=500, help_text=_("Harus https://. Alamat jaringan pribadi atau lokal ditolak."))
    description = v.CharField(label=_("Keterangan"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(label=_("Jenis peristiwa"), choices=list(EVENT_TYPES.items()), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None and organisations.count() > 1:
            self.fields["organisation"] = forms.ModelChoiceField(label=_("Organisasi"), queryset=organisations)
            self.order_fields(["organisation"])
