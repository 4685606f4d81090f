from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# A hint for the browser's file picker only: the server decides by content.
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,audio/mpeg,audio/mp4,audio/ogg,audio/wav,video/mp4,text/plain"


class AttachmentUploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas"),
        help_text=_("Foto, PDF, rekaman suara atau teks; paling besar %(mb)s MB. Berkas disimpan terenkripsi."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Pilih berkas yang akan diunggah."), "empty": _("Berkas kosong.")},
    )

    def __init__(self, *args: object, max_mb: int = 20, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["berkas"]
        field.help_text = field.help_text % {"mb": max_mb}
