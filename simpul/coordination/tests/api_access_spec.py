"""Expected status of every coordination/RAD API operation for every persona (as the pages: the
task force's secretariat is UPTD HSS, Polres HSS a member; the plan belongs to dinas.hss)."""

from typing import Any

from simpul.testing import ANON, UrlSpec

J = "application/json"


def _tf(world: dict[str, Any]) -> None:
    import datetime as dt

    from simpul.coordination.models import ActionItem, Meeting, TaskForce, TaskForceMember

    tf = TaskForce.objects.create(organisation=world["org"]["uptd.hss"], name="Gugus Tugas uji API", kind="gugus_tugas_tppo", level="kabkota")
    TaskForceMember.objects.create(task_force=tf, organisation=world["org"]["polres.hss"])
    meeting = Meeting.objects.create(task_force=tf, date=dt.date(2025, 12, 1), agenda="Rapat uji")
    item = ActionItem.objects.create(task_force=tf, meeting=meeting, description="Tindakan uji")
    world.update(tf=tf, meeting=meeting, item=item)


def _plan(world: dict[str, Any]) -> None:
    from simpul.coordination.models import Indicator, Plan, PlanActivity, Programme

    plan = Plan.objects.create(organisation=world["org"]["dinas.hss"], title="RAD uji API", region_id="63.06", start_year=2025, end_year=2026)
    act = PlanActivity.objects.create(programme=Programme.objects.create(plan=plan, name="Program uji"), name="Kegiatan uji")
    world.update(plan=plan, ind=Indicator.objects.create(activity=act, name="Indikator uji", unit="orang"))


TF_VIEW = {ANON: 401, "admin": 200, "kepala": 200, "manajer_kasus": 200, "pendamping": 200, "petugas_pengaduan": 200, "mitra": 200}
TF_EDIT_CREATED = {ANON: 401, "admin": 201, "kepala": 201}
PROGRESS = {ANON: 401, "admin": 200, "kepala": 200, "analis": 200, "kepala.kalsel": 200}  # the province covers 63.06


def _tf_id(w: dict[str, Any]) -> dict[str, Any]:
    return {"tf_id": w["tf"].pk}


SPECS = [
    # Outsiders belong to no task force: the module is closed to their roles (as on the page).
    UrlSpec("api:api_coordination_taskforces", setup=_tf, expect={**TF_VIEW, "analis": 200, "manajer_kasus.kalsel": 403,
            "manajer_kasus.okus": 403, "petugas_pengaduan.okus": 403}, default=403),
    UrlSpec("api:api_coordination_meetings", setup=_tf, kwargs=_tf_id, expect=TF_VIEW, default=404),
    UrlSpec("api:api_coordination_meeting_create", method="POST", content_type=J, data={"date": "2025-12-02", "agenda": "Rapat API"}, setup=_tf,
            kwargs=_tf_id, expect=TF_EDIT_CREATED, default=404),
    UrlSpec("api:api_coordination_actions", setup=_tf, kwargs=_tf_id, expect=TF_VIEW, default=404),
    UrlSpec("api:api_coordination_action_create", method="POST", content_type=J, data={"description": "Tindakan API"}, setup=_tf,
            kwargs=_tf_id, expect=TF_EDIT_CREATED, default=404),
    UrlSpec("api:api_coordination_action_status", method="POST", content_type=J, data={"status": "selesai"}, setup=_tf,
            kwargs=lambda w: {"action_id": w["item"].pk},
            expect={ANON: 401, "admin": 200, "kepala": 200, "manajer_kasus": 403, "pendamping": 403, "petugas_pengaduan": 403, "mitra": 403}, default=404),
    UrlSpec("api:api_coordination_plans", setup=_plan, expect=PROGRESS, default=403),
    UrlSpec("api:api_coordination_plan", setup=_plan, kwargs=lambda w: {"plan_id": w["plan"].pk}, expect=PROGRESS, default=404),
    UrlSpec("api:api_coordination_target_set", method="PUT", content_type=J, data={"value": "12.5"}, setup=_plan,
            kwargs=lambda w: {"indicator_id": w["ind"].pk, "year": 2025}, expect={ANON: 401, "admin": 200}, default=404),
    UrlSpec("api:api_coordination_realisation_set", method="PUT", content_type=J, data={"value": 7}, setup=_plan,
            kwargs=lambda w: {"indicator_id": w["ind"].pk, "year": 2025}, expect={ANON: 401, "admin": 200}, default=404),
]
