"""Public read API for region codes."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from simpul import validators as v
from simpul.regions import codes, selectors

router = Router(tags=["wilayah"])



class RegionOut(Schema):
    code: str
    name: str
    level: int


def _valid_code(code: str) -> str:
    if not codes.is_valid(code):
        raise HttpError(422, _("Kode wilayah tidak sah: gunakan bentuk bertitik, mis. 63.06.05."))
    return code


@router.get("/{code}/children", response=list[RegionOut], auth=None, url_name="region_children")
def region_children(request: HttpRequest, code: Annotated[str, v.text(40)]) -> list[RegionOut]:
    """Anak langsung sebuah wilayah (mis. 63.06 -> 11 kecamatan)."""
    region = selectors.region_get(_valid_code(code))
    if region is None:
        raise HttpError(404, _("Kode wilayah %(code)s tidak dikenal.") % {"code": code})
    return [RegionOut(code=r.code, name=r.name, level=r.level) for r in selectors.region_children(region.code)]


@router.get("/", response=list[RegionOut], auth=None, url_name="region_roots")
def region_roots(request: HttpRequest) -> list[RegionOut]:
    """Semua provinsi."""
    return [RegionOut(code=r.code, name=r.name, level=r.level) for r in selectors.region_children(None)]


@router.get("/{code}", response=RegionOut, auth=None, url_name="region_detail")
def region_detail(request: HttpRequest, code: Annotated[str, v.text(40)]) -> RegionOut:
    region = selectors.region_get(_valid_code(code))
    if region is None:
        raise HttpError(404, _("Kode wilayah %(code)s tidak dikenal.") % {"code": code})
    return RegionOut(code=region.code, name=region.name, level=region.level)
