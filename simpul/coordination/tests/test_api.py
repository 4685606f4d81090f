"""Coordination/RAD API: meetings and action items recorded by the secretariat through the
services (audited), seen by member organisations; RAD progress as the page computes it; targets
and realisations by the plan owner / responsible organisation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simpul.api.tests.openapi_check import bearer, conforms
from simpul.audit.models import AuditEvent
from simpul.coordination.models import (
    ActionItem,
    Indicator,
    Meeting,
    Plan,
    PlanActivity,
    Programme,
    TaskForce,
    TaskForceMember,
)

pytestmark = pytest.mark.django_db
J = "application/json"
BASE = "/api/v1/coordination"


def _tf(demo: dict[str, Any]) -> TaskForce:
    tf = TaskForce.objects.create(organisation=demo["org"]["uptd.hss"], name="Gugus Tugas TPPO HSS", kind="gugus_tugas_tppo", level="kabkota")
    TaskForceMember.objects.create(task_force=tf, organisation=demo["org"]["polres.hss"])
    return tf


def test_meetings_and_actions(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    tf = _tf(demo)
    kepala = bearer(demo["user"]["kepala.hss"], "coordination:read", "coordination:write")
    body = {"date": "2025-12-01", "agenda": "Rapat koordinasi TPPO", "place": "Aula", "attendee_ids": [demo["org"]["polres.hss"].pk]}
    r = kepala.post(f"{BASE}/taskforces/{tf.pk}/meetings", json.dumps(body), content_type=J)
    meeting = conforms(r, "post", f"{BASE}/taskforces/{{tf_id}}/meetings")
    assert r.status_code == 201 and meeting["attendee_ids"] == [demo["org"]["polres.hss"].pk]
    assert AuditEvent.objects.filter(action="coordination.meeting_save", object_id=str(meeting["id"])).exists()
    r = kepala.post(f"{BASE}/taskforces/{tf.pk}/meetings", json.dumps({**body, "attendee_ids": [999999]}), content_type=J)
    assert r.status_code == 422 and "attendee_ids" in r.json()["detail"]

    r = kepala.post(f"{BASE}/taskforces/{tf.pk}/actions", json.dumps({"meeting_id": meeting["id"], "description": "Data korban TPPO", "owner_org_id": demo["org"]["polres.hss"].pk,
                                                                  "due_date": "2026-01-15"}), content_type=J)
    action = conforms(r, "post", f"{BASE}/taskforces/{{tf_id}}/actions")
    assert action["meeting_id"] == meeting["id"] and action["status"] == "terbuka"
    for i in range(4):
        ActionItem.objects.create(task_force=tf, description=f"Tindakan {i}", status="selesai" if i % 2 else "terbuka")

    # A member organisation's user reads meetings and actions; may not record them.
    mitra = bearer(demo["user"]["mitra.polres.hss"], "coordination:read", "coordination:write")
    with django_assert_max_num_queries(10):
        meetings = conforms(mitra.get(f"{BASE}/taskforces/{tf.pk}/meetings"), "get", f"{BASE}/taskforces/{{tf_id}}/meetings")
    assert [m["agenda"] for m in meetings["items"]] == ["Rapat koordinasi TPPO"]
    open_items = mitra.get(f"{BASE}/taskforces/{tf.pk}/actions?status=terbuka&limit=2").json()
    assert len(open_items["items"]) == 2 and open_items["next_cursor"]
    rest = mitra.get(f"{BASE}/taskforces/{tf.pk}/actions?status=terbuka&limit=2&cursor={open_items['next_cursor']}").json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    assert mitra.post(f"{BASE}/taskforces/{tf.pk}/meetings", json.dumps(body), content_type=J).status_code == 404
    r = mitra.post(f"{BASE}/actions/{action['id']}/status", json.dumps({"status": "selesai"}), content_type=J)
    assert r.status_code == 403  # polres has no kepala/admin seat here: as on the page
    r = kepala.post(f"{BASE}/actions/{action['id']}/status", json.dumps({"status": "selesai"}), content_type=J)
    assert conforms(r, "post", f"{BASE}/actions/{{action_id}}/status")["status"] == "selesai"
    assert kepala.post(f"{BASE}/actions/{action['id']}/status", json.dumps({"status": "entah"}), content_type=J).status_code == 422
    # Outside the task force: it does not exist.
    assert bearer(demo["user"]["admin.okus"], "coordination:read").get(f"{BASE}/taskforces/{tf.pk}/meetings").status_code == 404
    assert Meeting.objects.count() == 1


def test_rad_targets_realisations_and_progress(demo: dict[str, Any]) -> None:
    plan = Plan.objects.create(organisation=demo["org"]["dinas.hss"], title="RAD PPA HSS", region_id="63.06", start_year=2024, end_year=2026)
    act = PlanActivity.objects.create(programme=Programme.objects.create(plan=plan, name="Pencegahan"), name="Sosialisasi")
    ind = Indicator.objects.create(activity=act, name="Sekolah terjangkau", unit="sekolah")
    admin = bearer(demo["user"]["admin.hss"], "coordination:read", "coordination:write")
    r = admin.put(f"{BASE}/indicators/{ind.pk}/targets/2024", json.dumps({"value": "20"}), content_type=J)
    assert conforms(r, "put", f"{BASE}/indicators/{{indicator_id}}/targets/{{year}}")["value"] in ("20", "20.00", 20)
    r = admin.put(f"{BASE}/indicators/{ind.pk}/realisations/2024", json.dumps({"value": 25, "evidence": "Laporan"}), content_type=J)
    assert r.status_code == 200
    assert AuditEvent.objects.filter(action__in=["coordination.target_set", "coordination.realisation_set"], object_id=str(ind.pk)).count() == 2
    r = admin.put(f"{BASE}/indicators/{ind.pk}/targets/2030", json.dumps({"value": 1}), content_type=J)
    assert r.status_code == 422 and "year" in r.json()["detail"]
    assert admin.put(f"{BASE}/indicators/{ind.pk}/targets/2024", json.dumps({"value": -1}), content_type=J).status_code == 422
    assert admin.put(f"{BASE}/indicators/{ind.pk}/targets/2024", json.dumps({"value": "1.234"}), content_type=J).status_code == 422

    # analis.kalsel (province) reads the progress (aggregates), may not enter values.
    analis = bearer(demo["user"]["analis.kalsel"], "coordination:read", "coordination:write")
    plans = conforms(analis.get(f"{BASE}/plans"), "get", f"{BASE}/plans")
    assert [p["id"] for p in plans["items"]] == [plan.pk]
    detail = conforms(analis.get(f"{BASE}/plans/{plan.pk}"), "get", f"{BASE}/plans/{{plan_id}}")
    cell = detail["indicators"][0]["cells"][0]
    assert cell["year"] == 2024 and cell["status"] == "on_track" and float(cell["actual"]) == 25
    assert analis.put(f"{BASE}/indicators/{ind.pk}/realisations/2024", json.dumps({"value": 1}), content_type=J).status_code == 404
    assert bearer(demo["user"]["admin.okus"], "coordination:read").get(f"{BASE}/plans/{plan.pk}").status_code == 404
