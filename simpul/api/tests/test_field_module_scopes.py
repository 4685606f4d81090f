"""Token scopes on the prevention, Molin PPA, coordination and statistics operations: a token
with every read scope (and no write scope) is refused (403, documented) on every write, before
anything is read or written; a token without a module's read scope cannot read it."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from simpul.api.models import SCOPES
from simpul.api.tests.openapi_check import bearer, conforms, document
from simpul.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PREFIXES = ("/api/v1/prevention", "/api/v1/outreach", "/api/v1/coordination", "/api/v1/stats")
# A valid body for every write, so that only the scope decides.
BODIES: dict[str, dict[str, Any]] = {
    "post /api/v1/prevention/activities": {"title": "x", "type": "sosialisasi", "main_topic": "ktpa", "start_date": "2025-12-01", "end_date": "2025-12-01"},
    "patch /api/v1/prevention/activities/{activity_id}": {"title": "x"},
    "put /api/v1/prevention/activities/{activity_id}/counts": {"count": 1},
    "post /api/v1/prevention/campaigns": {"name": "x", "start_date": "2025-12-01", "end_date": "2025-12-02"},
    "post /api/v1/outreach/vehicles": {"name": "x"},
    "post /api/v1/outreach/requests": {"purpose": "edukasi", "window_start": "2026-01-01T08:00:00Z", "window_end": "2026-01-01T10:00:00Z"},
    "post /api/v1/outreach/requests/{request_id}/trips": {"vehicle_id": 1, "crew_ids": [1], "start_at": "2026-01-01T08:00:00Z", "end_at": "2026-01-01T10:00:00Z"},
    "post /api/v1/outreach/trips/{trip_id}/log": {"odometer_start": 1},
    "post /api/v1/outreach/trips/{trip_id}/cancel": {},
    "post /api/v1/coordination/taskforces/{tf_id}/meetings": {"date": "2025-12-01", "agenda": "x"},
    "post /api/v1/coordination/taskforces/{tf_id}/actions": {"description": "x"},
    "post /api/v1/coordination/actions/{action_id}/status": {"status": "selesai"},
    "put /api/v1/coordination/indicators/{indicator_id}/targets/{year}": {"value": 1},
    "put /api/v1/coordination/indicators/{indicator_id}/realisations/{year}": {"value": 1},
}
PARAMS = {"activity_id": str(uuid.uuid4()), "request_id": str(uuid.uuid4()), "trip_id": str(uuid.uuid4()), "tf_id": "1",
          "action_id": "1", "indicator_id": "1", "year": "2025"}


def _writes() -> list[tuple[str, str]]:
    return [(m, p) for p, item in document()["paths"].items() if p.startswith(PREFIXES)
            for m in item if m in ("post", "put", "patch", "delete")]


def test_every_write_has_a_body_here() -> None:
    assert {f"{m} {p}" for m, p in _writes()} == set(BODIES)


def test_a_read_only_token_is_refused_on_every_write(demo: dict[str, Any]) -> None:
    reads = [s for s in SCOPES if s.endswith(":read")]
    for user in ("admin.hss", "kepala.hss"):
        api = bearer(demo["user"][user], *reads)
        before = AuditEvent.objects.count()
        for method, path in _writes():
            url = path.format(**PARAMS)
            r = getattr(api, method)(url, json.dumps(BODIES[f"{method} {path}"]), content_type="application/json")
            assert r.status_code == 403, (user, method, path, r.status_code, r.content)
            assert "cakupan" in r.json()["message"]
            conforms(r, method, path)
        assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(("path", "scope"), [
    ("/api/v1/prevention/activities", "prevention:read"),
    ("/api/v1/prevention/reach", "prevention:read"),
    ("/api/v1/outreach/vehicles", "outreach:read"),
    ("/api/v1/coordination/taskforces", "coordination:read"),
    ("/api/v1/coordination/plans", "coordination:read"),
    ("/api/v1/stats/dashboard", "stats:read"),
])
def test_each_read_needs_its_scope(demo: dict[str, Any], path: str, scope: str) -> None:
    others = [s for s in SCOPES if s != scope]
    assert bearer(demo["user"]["kepala.hss"], *others).get(path).status_code == 403
    assert bearer(demo["user"]["kepala.hss"], scope).get(path).status_code == 200
