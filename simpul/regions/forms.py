"""A reusable region picker for forms: ``RegionField`` + ``RegionWidget``.

    from simpul.regions.forms import RegionField

    class ReportForm(forms.Form):
        # any kecamatan or desa inside Kabupaten Hulu Sungai Selatan
        wilayah = RegionField(label=_("Lokasi kejadian"), min_level=3, within="63.06")

In a template: ``{% include "regions/_picker_field.html" with field=form.wilayah %}`` (or just
``{{ form.wilayah }}`` for the bare widget). With JavaScript the user types a name and picks from an
HTMX type-ahead list (/wilayah/cari/); the chosen code goes into a hidden input. Without JavaScript
a visible text input takes the code (e.g. 63.06.05) and a link opens the code list (/wilayah/pilih/).
The field cleans to the dotted code (``as_object=True``: the Region instance).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.regions import codes
from simpul.regions.models import Level, Region

NOSCRIPT_SUFFIX = "__kode"  # name of the visible code input rendered for browsers without JavaScript


class RegionWidget(forms.Widget):
    template_name = "regions/widgets/region_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.within: str | None = None
        self.min_level: int = 1
        self.max_level: int = 4

    def format_value(self, value: Any) -> str:
        if isinstance(value, Region):
            return value.code
        return "" if value is None else str(value)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # Without JavaScript only the visible code input carries what the user typed.
        if f"{name}{NOSCRIPT_SUFFIX}" in data:
            return data.get(f"{name}{NOSCRIPT_SUFFIX}")
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}{NOSCRIPT_SUFFIX}" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        code = context["widget"]["value"] or ""
        region = None
        if code and codes.is_valid(code):
            region = Region.objects.filter(code=code).only("code", "name", "level").first()
        vals = {"field": name, "level": self.max_level, "min_level": self.min_level}
        if self.within:
            vals["within"] = self.within
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"].update(
            {
                "id": widget_id,
                "region": region,
                "hx_vals": json.dumps(vals),
                "noscript_name": f"{name}{NOSCRIPT_SUFFIX}",
                "within": self.within or "",
            }
        )
        return context


class RegionField(forms.CharField):
    """A Kemendagri region code that exists, optionally of a given level and inside an area."""

    widget = RegionWidget
    default_error_messages = {
        "invalid": _("Kode wilayah tidak sah: gunakan bentuk bertitik, mis. 63.06.05."),
        "unknown": _("Kode wilayah %(code)s tidak dikenal."),
        "level": _("Pilih wilayah tingkat %(levels)s."),
        "within": _("Wilayah harus berada di dalam %(area)s."),
    }

    def __init__(
        self,
        *,
        level: int | None = None,
        min_level: int = 1,
        max_level: int = 4,
        within: str | None = None,
        as_object: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label", _("Wilayah"))
        kwargs.setdefault("max_length", 40)
        if level is not None:
            min_level = max_level = level
        self.min_level, self.max_level = min_level, max_level
        self.as_object = as_object
        super().__init__(**kwargs)
        self._within: str | None = None
        self.within = within
        widget: RegionWidget = self.widget  # type: ignore[assignment]
        widget.min_level, widget.max_level = min_level, max_level

    @property
    def within(self) -> str | None:
        return self._within

    @within.setter
    def within(self, area: str | None) -> None:
        """Restrict to regions inside ``area`` (e.g. the user's jurisdiction); settable per form."""
        if area is not None and not codes.is_valid(area):
            raise ValueError(f"within must be a dotted region code, got {area!r}")
        self._within = area
        if isinstance(self.widget, RegionWidget):
            self.widget.within = area

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        # Accept "63.06.05 Kandangan" (the label) as well as the bare code.
        return text.split()[0] if text.strip() else ""

    def clean(self, value: Any) -> Any:
        code = super().clean(value)
        if not code:
            return None
        if not codes.is_valid(code):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"code": code})
        if not self.min_level <= region.level <= self.max_level:
            labels = [str(Level(lv).label) for lv in range(self.min_level, self.max_level + 1)]
            raise forms.ValidationError(self.error_messages["level"], code="level", params={"levels": " / ".join(labels)})
        if self._within and not codes.is_within(region.code, self._within):
            area = Region.objects.filter(code=self._within).values_list("name", flat=True).first() or self._within
            raise forms.ValidationError(self.error_messages["within"], code="within", params={"area": area})
        return region if self.as_object else region.code
