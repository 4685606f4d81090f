"""Prevention API: same access as the pages, writes through the services (audited), token scopes,
responses conform to the OpenAPI document, cursor pagination, filters and sorting."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simpul.api.tests.openapi_check import bearer, conforms
from simpul.audit.models import AuditEvent
from simpul.prevention.models import Activity, Campaign, StakeholderGroup

pytestmark = pytest.mark.django_db
J = "application/json"
BASE = "/api/v1/prevention"


def _activity(demo: dict[str, Any], title: str = "Sosialisasi", start: str = "2025-12-05") -> Activity:
    return Activity.objects.create(organisation=demo["org"]["dinas.hss"], title=title, type="sosialisasi", main_topic="ktpa",
                                   start_date=start, end_date=start, created_by=demo["user"]["admin.hss"])


def test_write_flow_through_the_services_with_audit_and_documented_answers(demo: dict[str, Any]) -> None:
    api = bearer(demo["user"]["admin.hss"], "prevention:read", "prevention:write")
    body = {"organisation_id": demo["org"]["dinas.hss"].pk, "title": "Sosialisasi di sekolah", "type": "sosialisasi",
            "main_topic": "ktpa", "start_date": "2025-12-01", "end_date": "2025-12-01", "region_code": "63.06.05", "topics": ["kdrt"]}
    r = api.post(f"{BASE}/activities", json.dumps(body), content_type=J)
    assert r.status_code == 201, r.content
    created = conforms(r, "post", f"{BASE}/activities")
    act = Activity.objects.get(uid=created["id"])
    assert act.organisation_id == demo["org"]["dinas.hss"].pk and created["topics"] == ["kdrt", "ktpa"]
    assert AuditEvent.objects.filter(action="prevention.activity_create", object_id=str(act.pk)).exists()

    r = api.patch(f"{BASE}/activities/{act.uid}", json.dumps({"title": "Sosialisasi di SMP"}), content_type=J)
    assert conforms(r, "patch", f"{BASE}/activities/{{activity_id}}")["title"] == "Sosialisasi di SMP"
    assert AuditEvent.objects.filter(action="prevention.activity_update", object_id=str(act.pk)).latest("seq").fields == ["title"]

    group, _ = StakeholderGroup.objects.get_or_create(code="pelajar", defaults={"name": "Pelajar"})
    r = api.put(f"{BASE}/activities/{act.uid}/counts", json.dumps({"group": "pelajar", "sex": "P", "age_group": "anak", "count": 40}), content_type=J)
    detail = conforms(r, "put", f"{BASE}/activities/{{activity_id}}/counts")
    assert detail["participants_counted"] == 40 and detail["counts"][0]["group"] == "pelajar"
    assert AuditEvent.objects.filter(action="prevention.count_set", object_id=str(act.pk)).exists()

    # Reach, participants by group, in the caller's jurisdiction; every breakdown sums to the total.
    reach = conforms(api.get(f"{BASE}/reach"), "get", f"{BASE}/reach")
    assert reach["total"] == 40
    by_group = next(b for b in reach["breakdowns"] if b["key"] == "group")
    assert by_group["rows"] == [{"code": str(group.pk), "label": group.name, "people": 40}]
    assert all(b["total"] == 40 for b in reach["breakdowns"])

    r = api.post(f"{BASE}/campaigns", json.dumps({"name": "16 Hari", "start_date": "2025-11-25", "end_date": "2025-12-10"}), content_type=J)
    assert r.status_code == 201 and Campaign.objects.filter(name="16 Hari").exists()
    conforms(r, "post", f"{BASE}/campaigns")


def test_bad_input_is_422_with_the_field_named(demo: dict[str, Any]) -> None:
    api = bearer(demo["user"]["admin.hss"], "prevention:read", "prevention:write")
    act = _activity(demo)
    cases = [
        ("post", f"{BASE}/activities", {"title": "x", "type": "tidak_ada", "main_topic": "ktpa", "start_date": "2025-12-02", "end_date": "2025-12-01"}, "end_date"),
        ("post", f"{BASE}/activities", {"title": "x", "type": "sosialisasi", "main_topic": "ktpa", "start_date": "2025-12-01", "end_date": "2025-12-01", "region_code": "16.09"}, "region_code"),
        ("post", f"{BASE}/activities", {"title": "x", "type": "sosialisasi", "main_topic": "ktpa", "start_date": "0001-01-01", "end_date": "2025-12-01"}, "start_date"),
        ("put", f"{BASE}/activities/{act.uid}/counts", {"sex": "Z", "count": 3}, "sex"),
        ("put", f"{BASE}/activities/{act.uid}/counts", {"count": 2**40}, "count"),
    ]
    for method, url, body, field in cases:
        r = getattr(api, method)(url, json.dumps(body), content_type=J)
        assert r.status_code == 422, (url, body, r.content)
        assert field in r.content.decode(), (field, r.content)
        conforms(r, method, url.replace(str(act.uid), "{activity_id}").replace("/counts", "/counts"))
    assert AuditEvent.objects.filter(action="prevention.activity_create").count() == 0


def test_cursor_pagination_filters_and_sorting(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    for i, day in enumerate(["2025-01-05", "2025-03-05", "2025-03-05", "2025-07-05", "2024-12-31"]):
        _activity(demo, title=f"K{i}", start=day)
    api = bearer(demo["user"]["admin.hss"], "prevention:read")
    seen: list[str] = []
    url = f"{BASE}/activities?year=2025&limit=2"
    pages = 0
    while url:
        with django_assert_max_num_queries(8):
            r = api.get(url)
        page = conforms(r, "get", f"{BASE}/activities")
        seen += [a["title"] for a in page["items"]]
        pages += 1
        url = f"{BASE}/activities?year=2025&limit=2&cursor={page['next_cursor']}" if page["next_cursor"] else ""
    assert pages == 2 and len(seen) == 4 and len(set(seen)) == 4  # no row skipped or repeated on equal dates
    assert seen[0] == "K3"  # default: newest first
    r = api.get(f"{BASE}/activities?sort=title&limit=50")
    assert [a["title"] for a in r.json()["items"]] == ["K0", "K1", "K2", "K3", "K4"]
    assert api.get(f"{BASE}/activities?sort=venue").status_code == 422
    assert api.get(f"{BASE}/activities?cursor=bm90LWEtY3Vyc29y").status_code == 422
    first = api.get(f"{BASE}/activities?sort=title&limit=1").json()["next_cursor"]
    assert api.get(f"{BASE}/activities?sort=-start_date&cursor={first}").status_code == 422  # a cursor of another sort
    assert api.get(f"{BASE}/activities?limit=500").status_code == 422


def test_same_access_as_the_pages(demo: dict[str, Any]) -> None:
    act = _activity(demo)
    # kepala.hss is a kepala of another organisation (UPTD): the activity does not exist for them.
    kepala = bearer(demo["user"]["kepala.hss"], "prevention:read", "prevention:write")
    assert kepala.get(f"{BASE}/activities/{act.uid}").status_code == 404
    assert kepala.patch(f"{BASE}/activities/{act.uid}", json.dumps({"title": "x"}), content_type=J).status_code == 404
    # analis reads the list and the reach, may not record.
    analis = bearer(demo["user"]["analis.kalsel"], "prevention:read", "prevention:write")
    assert analis.get(f"{BASE}/reach").status_code == 200
    body = {"title": "x", "type": "sosialisasi", "main_topic": "ktpa", "start_date": "2025-12-01", "end_date": "2025-12-01"}
    r = analis.post(f"{BASE}/activities", json.dumps(body), content_type=J)
    assert r.status_code == 403 and r.json()["message"]
    conforms(r, "post", f"{BASE}/activities")
    # pendamping: no prevention at all.
    assert bearer(demo["user"]["pendamping.hss"], "prevention:read").get(f"{BASE}/activities").status_code == 403
