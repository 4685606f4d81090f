"""Which UPTD PPA is responsible for a report: by the incident region and the kewenangan."""

from __future__ import annotations

from simpul.accounts.models import Organisation, OrgType
from simpul.intake.models import Kewenangan
from simpul.regions.codes import ancestors_of, kabupaten_of, province_of


def route(region_code: str | None, kewenangan: str = Kewenangan.KAB_KOTA) -> tuple[Organisation | None, bool]:
    """(responsible UPTD PPA, flag for KemenPPPA).

    * kabupaten/kota: the UPTD PPA whose region contains the incident kabupaten (the deepest
      one); the provincial UPTD PPA when the kabupaten has none;
    * provinsi: the provincial UPTD PPA;
    * pusat: kept at the provincial UPTD PPA with a flag for KemenPPPA.
    """
    if not region_code:
        return None, kewenangan == Kewenangan.PUSAT
    province = province_of(region_code)
    kab = kabupaten_of(region_code)
    uptds = Organisation.objects.filter(type=OrgType.UPTD_PPA, is_active=True)
    if kewenangan == Kewenangan.KAB_KOTA and kab:
        found = list(uptds.filter(region_id__in=ancestors_of(kab)).order_by("-region_id", "pk")[:1])
        if found:
            return found[0], False
    found = list(uptds.filter(region_id=province).order_by("pk")[:1])
    return (found[0] if found else None), kewenangan == Kewenangan.PUSAT
