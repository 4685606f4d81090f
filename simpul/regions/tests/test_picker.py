"""The type-ahead search, the browse page, and the reusable RegionField."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template import Context, Template
from django.test import Client

from simpul.regions.forms import NOSCRIPT_SUFFIX, RegionField

pytestmark = pytest.mark.django_db


def test_search_fragment_with_htmx_and_full_page_without(demo: dict[str, Any]) -> None:
    fragment = Client().get("/wilayah/cari/?q=kand&field=wilayah", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'id="wilayah-results"' in html
    assert 'data-region-code="63.06.05"' in html and 'data-target="wilayah"' in html
    page = Client().get("/wilayah/cari/?q=kand")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and "63.06.05" in html
    assert 'href="/wilayah/pilih/?kode=63.06.05"' in html  # without JS the results are links
    assert 'value="kand"' in html


def test_search_by_code_prefix_and_empty_results(demo: dict[str, Any]) -> None:
    html = Client().get("/wilayah/cari/?q=16.09", HTTP_HX_REQUEST="true").content.decode()
    assert "16.09.01" in html
    html = Client().get("/wilayah/cari/?q=zzzz-tidak-ada", HTTP_HX_REQUEST="true").content.decode()
    assert "Tidak ada wilayah yang cocok." in html
    html = Client().get("/wilayah/cari/?q=k", HTTP_HX_REQUEST="true").content.decode()
    assert "<li" not in html  # fewer than 2 characters: nothing yet


def test_search_filters_within_and_levels(demo: dict[str, Any]) -> None:
    html = Client().get("/wilayah/cari/?q=kabupaten&within=63", HTTP_HX_REQUEST="true").content.decode()
    assert "63.06" in html and "16.09" not in html
    html = Client().get("/wilayah/cari/?q=a&q=kan&level=2&min_level=2", HTTP_HX_REQUEST="true").content.decode()
    assert "63.06.05" not in html


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 5000,
        "q=kand&level=abc&min_level=-3",
        "q=kand&within=%27%3B--",
        "q=kand&field=%3Cscript%3E",
        "q=%00%00",
        "within=63&level=99",
    ],
)
def test_search_never_fails_on_bad_input(demo: dict[str, Any], query: str) -> None:
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = Client().get(f"/wilayah/cari/?{query}", **headers)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>")[-1].replace('<script src=', "")


def test_browse_page(demo: dict[str, Any]) -> None:
    html = Client().get("/wilayah/pilih/").content.decode()
    assert 'href="/wilayah/pilih/?kode=63"' in html
    html = Client().get("/wilayah/pilih/?kode=63.06").content.decode()
    assert "Kabupaten Hulu Sungai Selatan (63.06)" in html
    assert "63.06.05 Kandangan" in html
    assert 'href="/wilayah/pilih/?kode=63"' in html  # trail back up
    for bad in ("99.99", "%27", "x" * 100):
        response = Client().get(f"/wilayah/pilih/?kode={bad}")
        assert response.status_code == 200
    assert "tidak dikenal" in Client().get("/wilayah/pilih/?kode=99.99").content.decode()


# --- RegionField ----------------------------------------------------------------------------


class _Form(forms.Form):
    wilayah = RegionField()
    kecamatan = RegionField(level=3, within="63.06", required=False)
    obj = RegionField(as_object=True, required=False, max_level=2)


def test_field_accepts_existing_codes_and_returns_code_or_object(demo: dict[str, Any]) -> None:
    form = _Form({"wilayah": " 63.06.05 Kandangan", "kecamatan": "63.06.01", "obj": "16.09"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["wilayah"] == "63.06.05"
    assert form.cleaned_data["kecamatan"] == "63.06.01"
    assert form.cleaned_data["obj"].code == "16.09"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"wilayah": ""}, "wilayah", "Bidang ini tidak boleh kosong."),
        ({"wilayah": "6306"}, "wilayah", "Kode wilayah tidak sah"),
        ({"wilayah": "63.99"}, "wilayah", "Kode wilayah 63.99 tidak dikenal."),
        ({"wilayah": "63", "kecamatan": "63.06"}, "kecamatan", "Pilih wilayah tingkat Kecamatan."),
        ({"wilayah": "63", "kecamatan": "16.09.01"}, "kecamatan", "Wilayah harus berada di dalam Kabupaten Hulu Sungai Selatan."),
        ({"wilayah": "63", "obj": "63.06.05"}, "obj", "Pilih wilayah tingkat Provinsi / Kabupaten/Kota."),
    ],
)
def test_field_errors_are_indonesian(demo: dict[str, Any], data: dict[str, str], field: str, message: str) -> None:
    form = _Form(data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_within_can_be_set_per_form(demo: dict[str, Any]) -> None:
    form = _Form({"wilayah": "63", "kecamatan": "63.06.05"})
    form.fields["kecamatan"].within = "16.09"  # type: ignore[attr-defined]
    assert not form.is_valid()
    other = _Form({"wilayah": "63", "kecamatan": "63.06.05"})
    assert other.is_valid(), other.errors  # the class-level field was not changed
    with pytest.raises(ValueError):
        form.fields["kecamatan"].within = "bukan kode"  # type: ignore[attr-defined]


def test_widget_renders_hidden_input_search_box_and_noscript_input(demo: dict[str, Any]) -> None:
    form = _Form(initial={"wilayah": "63.06.05"})
    html = Template('{% include "regions/_picker_field.html" with field=form.kecamatan %}{{ form.wilayah }}').render(
        Context({"form": form})
    )
    assert '<input type="hidden" name="wilayah" value="63.06.05"' in html
    assert "63.06.05 Kandangan" in html  # the chosen region's label
    assert 'hx-get="/wilayah/cari/"' in html
    assert 'hx-target="#kecamatan-results"' in html and 'id="kecamatan-results"' in html
    assert "&quot;within&quot;: &quot;63.06&quot;" in html and "&quot;min_level&quot;: 3" in html
    assert f'name="wilayah{NOSCRIPT_SUFFIX}"' in html and "<noscript>" in html
    assert 'form="id_kecamatan-nosubmit"' in html  # the search box is never submitted with the form
    assert "<legend>" in html


def test_noscript_input_wins_when_present(demo: dict[str, Any]) -> None:
    form = _Form({"wilayah": "63", f"wilayah{NOSCRIPT_SUFFIX}": "63.06.01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["wilayah"] == "63.06.01"
    form = _Form({"wilayah": "63", f"wilayah{NOSCRIPT_SUFFIX}": ""})
    assert not form.is_valid()  # the user cleared the visible input: empty, not the stale hidden value
