"""Expected status of every prevention URL for every persona.

The activity belongs to Dinas PPKBPPPA HSS (dinas.hss): admin.hss is its admin and manages it;
kepala.hss (UPTD HSS) is a kepala elsewhere and gets 404; analis sees aggregates only.
"""

from typing import Any

from simpul.testing import ANON, UrlSpec


def _setup(world: dict[str, Any]) -> None:
    from simpul.prevention.models import Activity, FollowUp

    act = Activity.objects.create(
        organisation=world["org"]["dinas.hss"], title="Sosialisasi uji", type="sosialisasi", main_topic="ktpa",
        start_date="2025-12-05", end_date="2025-12-05",
    )
    world["activity"] = act
    world["followup"] = FollowUp.objects.create(activity=act, description="Tindak lanjut uji")


def _act(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["activity"].pk}


def _fu(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["activity"].pk, "fid": world["followup"].pk}


def _campaign_setup(world: dict[str, Any]) -> None:
    from simpul.prevention.models import Campaign

    world["campaign"] = Campaign.objects.create(name="16 Hari uji", start_date="2025-11-25", end_date="2025-12-10", organisation=world["org"]["dinas.kalsel"])


def _group(world: dict[str, Any]) -> dict[str, Any]:
    from simpul.prevention.models import StakeholderGroup

    g, _ = StakeholderGroup.objects.get_or_create(code="uji", defaults={"name": "Kelompok uji"})
    return {"pk": g.pk}


# Personas with a kepala/admin/analis seat use the module; others are refused (403).
USE = {ANON: 302, "admin": 200, "kepala": 200, "analis": 200}
MANAGE = {ANON: 302, "admin": 200, "kepala": 200}
OWN = {ANON: 302, "admin": 200, "kepala": 404}  # the activity is dinas.hss's: kepala.hss (UPTD) cannot see it
OWN_POST = {ANON: 302, "admin": 400, "kepala": 404}  # empty form: 400 for the owner

SPECS = [
    UrlSpec("prevention:list", expect=USE, default=403),
    UrlSpec("prevention:activity_create", expect=MANAGE, default=403),
    UrlSpec("prevention:activity_create", method="POST", data={}, expect={ANON: 302, "admin": 400, "kepala": 400}, default=403),
    UrlSpec("prevention:activity_detail", setup=_setup, kwargs=_act, expect=OWN, default=404),
    UrlSpec("prevention:activity_edit", setup=_setup, kwargs=_act, expect=OWN, default=404),
    UrlSpec("prevention:activity_edit", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    UrlSpec("prevention:speaker_add", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    UrlSpec("prevention:session_add", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    UrlSpec("prevention:count_set", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    UrlSpec("prevention:attachment_add", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    # The named list: the organiser's kepala only (no persona here: kepala.hss is UPTD's; the dinas's
    # kepala is tested in test_prevention), not admin (accounts only).
    UrlSpec("prevention:attendees", setup=_setup, kwargs=_act, expect={ANON: 302}, default=404),
    UrlSpec("prevention:attendees", method="POST", data={}, setup=_setup, kwargs=_act, expect={ANON: 302}, default=404),
    UrlSpec("prevention:followup_add", method="POST", data={}, setup=_setup, kwargs=_act, expect=OWN_POST, default=404),
    UrlSpec("prevention:followup_status", method="POST", data={"status": "selesai"}, setup=_setup, kwargs=_fu,
            expect={ANON: 302, "admin": 302, "kepala": 404}, default=404),
    UrlSpec("prevention:campaign_list", expect=USE, default=403),
    UrlSpec("prevention:campaign_list", method="POST", data={}, expect={ANON: 302, "admin": 400, "kepala": 400, "analis": 403}, default=403),
    # A provincial campaign (dinas.kalsel, 63): seen in HSS and the province, not in OKU Selatan (16.09).
    UrlSpec("prevention:campaign_detail", setup=_campaign_setup, kwargs=lambda w: {"pk": w["campaign"].pk},
            expect={**USE, "kepala.kalsel": 200, "admin.okus": 404}, default=404),
    UrlSpec("prevention:reach", expect=USE, default=403),
    UrlSpec("prevention:reach_csv", expect=USE, default=403),
    UrlSpec("prevention:groups", expect={ANON: 302, "admin": 200}, default=403),
    UrlSpec("prevention:groups", method="POST", data={}, expect={ANON: 302, "admin": 400}, default=403),
    UrlSpec("prevention:group_edit", kwargs=_group, expect={ANON: 302, "admin": 200, "admin.okus": 200}, default=403),  # shared reference data
    UrlSpec("prevention:group_edit", method="POST", data={}, kwargs=_group, expect={ANON: 302, "admin": 400, "admin.okus": 400}, default=403),
]

# The API operations of this module (simpul/prevention/api.py).
from simpul.prevention.tests.api_access_spec import SPECS as _API_SPECS  # noqa: E402

SPECS += _API_SPECS
