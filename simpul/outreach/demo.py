"""Demo data (synthetic): the Molin PPA car of DP3AKB Kalsel (a KemenPPPA grant, per the source article)."""

from __future__ import annotations

from simpul.accounts.demo import org
from simpul.outreach.models import Vehicle


def seed_demo() -> Vehicle:
    vehicle, _ = Vehicle.objects.get_or_create(
        organisation=org("dinas.kalsel"), name="Molin PPA Kalsel",
        defaults={"plate": "DA 0000 XX (demo)", "seats": 7,
                  "notes": "Mobil perlindungan perempuan dan anak, bantuan Kementerian PPPA: penjangkauan, edukasi, ambulans, sosialisasi (demo)."},
    )
    return vehicle
