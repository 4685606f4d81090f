"""Expected status of every prevention API operation for every persona (docs/api.md).
Same rules as the pages: the activity belongs to dinas.hss (admin.hss manages it; kepala.hss,
a kepala elsewhere, gets 404); bodies are valid so that only access decides."""

from typing import Any

from simpul.testing import ANON, UrlSpec

J = "application/json"


def _setup(world: dict[str, Any]) -> None:
    from simpul.prevention.models import Activity

    world["activity"] = Activity.objects.create(
        organisation=world["org"]["dinas.hss"], title="Sosialisasi uji API", type="sosialisasi", main_topic="ktpa",
        start_date="2025-12-05", end_date="2025-12-05", created_by=world["user"]["admin.hss"],
    )


def _act(world: dict[str, Any]) -> dict[str, Any]:
    return {"activity_id": world["activity"].uid}


USE = {ANON: 401, "admin": 200, "kepala": 200, "analis": 200}
OWN = {ANON: 401, "admin": 200, "kepala": 404}
ACTIVITY = {"title": "Sosialisasi API", "type": "sosialisasi", "main_topic": "ktpa", "start_date": "2025-12-01", "end_date": "2025-12-01"}

SPECS = [
    UrlSpec("api:api_prevention_activities", expect=USE, default=403),
    UrlSpec("api:api_prevention_activity_create", method="POST", content_type=J, data=ACTIVITY, expect={ANON: 401, "admin": 201, "kepala": 201}, default=403),
    UrlSpec("api:api_prevention_activity", setup=_setup, kwargs=_act, expect=OWN, default=404),
    UrlSpec("api:api_prevention_activity_update", method="PATCH", content_type=J, data={"title": "Diubah"}, setup=_setup, kwargs=_act, expect=OWN, default=404),
    UrlSpec("api:api_prevention_count_set", method="PUT", content_type=J, data={"sex": "P", "age_group": "anak", "count": 5}, setup=_setup, kwargs=_act, expect=OWN, default=404),
    UrlSpec("api:api_prevention_campaigns", expect=USE, default=403),
    UrlSpec("api:api_prevention_campaign_create", method="POST", content_type=J, data={"name": "Kampanye API", "start_date": "2025-11-25", "end_date": "2025-12-10"},
            expect={ANON: 401, "admin": 201, "kepala": 201}, default=403),
    UrlSpec("api:api_prevention_reach", expect=USE, default=403),
]
