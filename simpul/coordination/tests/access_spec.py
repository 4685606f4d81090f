"""Expected status of every coordination/RAD URL for every persona.

The task force's secretariat is UPTD PPA HSS (kepala.hss, admin.hss manage it) and Polres HSS is a
member organisation (mitra.polres.hss sees its meetings). Every user of UPTD HSS sees it too.
The plan belongs to DP3AKB Kalsel: analis.kalsel sees its progress (aggregates) only.
"""

from typing import Any

from simpul.testing import ANON, UrlSpec


def _tf(world: dict[str, Any]) -> None:
    import datetime as dt

    from simpul.coordination.models import ActionItem, Meeting, TaskForce, TaskForceMember

    tf = TaskForce.objects.create(organisation=world["org"]["uptd.hss"], name="Gugus Tugas uji", kind="gugus_tugas_tppo", level="kabkota")
    TaskForceMember.objects.create(task_force=tf, organisation=world["org"]["polres.hss"])
    meeting = Meeting.objects.create(task_force=tf, date=dt.date(2025, 12, 1), agenda="Rapat uji")
    item = ActionItem.objects.create(task_force=tf, meeting=meeting, description="Tindakan uji")
    world.update(tf=tf, meeting=meeting, item=item)


def _plan(world: dict[str, Any]) -> None:
    from simpul.coordination.models import Indicator, Plan, PlanActivity, Programme

    plan = Plan.objects.create(organisation=world["org"]["dinas.hss"], title="RAD uji", region_id="63.06", start_year=2025, end_year=2026)
    prog = Programme.objects.create(plan=plan, name="Program uji")
    act = PlanActivity.objects.create(programme=prog, name="Kegiatan uji")
    ind = Indicator.objects.create(activity=act, name="Indikator uji", unit="orang")
    world.update(plan=plan, prog=prog, act=act, ind=ind)


def _volunteer(world: dict[str, Any]) -> None:
    from simpul.coordination.models import Volunteer
    from simpul.regions.models import Region

    desa, _ = Region.objects.get_or_create(code="63.06.05.2001", defaults={"name": "Desa uji", "level": 4, "parent_id": "63.06.05"})
    v = Volunteer(organisation=world["org"]["relawan.hss"], kind="relawan", name="Relawan Sintetis", region=desa)
    v.save()
    world["volunteer"] = v


# UPTD HSS users (secretariat) and Polres HSS (member) see the task force; others 404.
TF_VIEW = {ANON: 302, "admin": 200, "kepala": 200, "manajer_kasus": 200, "pendamping": 200, "petugas_pengaduan": 200, "mitra": 200}
TF_EDIT = {ANON: 302, "admin": 200, "kepala": 200}
USE = {ANON: 302, "admin": 200, "kepala": 200, "analis": 200}
MANAGE = {ANON: 302, "admin": 200, "kepala": 200}
# The plan belongs to dinas.hss: admin.hss manages it; kepala.hss (UPTD HSS) sees its progress
# (jurisdiction 63.06); analis.kalsel (province) sees its progress.
PLAN_EDIT = {ANON: 302, "admin": 200}
PLAN_POST = {ANON: 302, "admin": 400}
PROGRESS = {ANON: 302, "admin": 200, "kepala": 200, "analis": 200, "kepala.kalsel": 200}  # the province covers 63.06
# Outsiders belong to no task force: the module is closed to their roles.
NO_TASK_FORCE = {"manajer_kasus.kalsel": 403, "manajer_kasus.okus": 403, "petugas_pengaduan.okus": 403}

SPECS = [
    UrlSpec("coordination:index", setup=_tf, expect={**USE, **TF_VIEW, **NO_TASK_FORCE}, default=403),
    UrlSpec("coordination:taskforce_create", expect=MANAGE, default=403),
    UrlSpec("coordination:taskforce_create", method="POST", data={}, expect={ANON: 302, "admin": 400, "kepala": 400}, default=403),
    UrlSpec("coordination:taskforce_detail", setup=_tf, kwargs=lambda w: {"pk": w["tf"].pk}, expect=TF_VIEW, default=404),
    UrlSpec("coordination:member_add", method="POST", data={}, setup=_tf, kwargs=lambda w: {"pk": w["tf"].pk}, expect={ANON: 302, "admin": 400, "kepala": 400}, default=404),
    UrlSpec("coordination:meeting_create", setup=_tf, kwargs=lambda w: {"pk": w["tf"].pk}, expect=TF_EDIT, default=404),
    UrlSpec("coordination:meeting_create", method="POST", data={}, setup=_tf, kwargs=lambda w: {"pk": w["tf"].pk},
            expect={ANON: 302, "admin": 400, "kepala": 400}, default=404),
    UrlSpec("coordination:meeting_detail", setup=_tf, kwargs=lambda w: {"pk": w["meeting"].pk}, expect=TF_VIEW, default=404),
    UrlSpec("coordination:action_status", method="POST", data={"status": "selesai"}, setup=_tf, kwargs=lambda w: {"pk": w["item"].pk},
            expect={ANON: 302, "admin": 302, "kepala": 302, "manajer_kasus": 403, "pendamping": 403, "petugas_pengaduan": 403, "mitra": 403}, default=404),
    # The named registry: kepala (of the network or of the dinas that formed it), not admin.
    UrlSpec("coordination:volunteers", setup=_volunteer, expect={ANON: 302, "kepala": 200}, default=403),
    UrlSpec("coordination:volunteer_create", expect={ANON: 302, "kepala": 200}, default=403),
    UrlSpec("coordination:volunteer_create", method="POST", data={}, expect={ANON: 302, "kepala": 400}, default=403),
    UrlSpec("coordination:volunteer_edit", setup=_volunteer, kwargs=lambda w: {"pk": w["volunteer"].pk}, expect={ANON: 302}, default=404),
    UrlSpec("coordination:volunteer_edit", method="POST", data={}, setup=_volunteer, kwargs=lambda w: {"pk": w["volunteer"].pk}, expect={ANON: 302}, default=404),
    UrlSpec("coordination:plan_create", expect=MANAGE, default=403),
    UrlSpec("coordination:plan_detail", setup=_plan, kwargs=lambda w: {"pk": w["plan"].pk}, expect=PLAN_EDIT, default=404),
    UrlSpec("coordination:programme_add", method="POST", data={}, setup=_plan, kwargs=lambda w: {"pk": w["plan"].pk}, expect=PLAN_POST, default=404),
    UrlSpec("coordination:plan_activity_add", method="POST", data={}, setup=_plan, kwargs=lambda w: {"pk": w["prog"].pk}, expect=PLAN_POST, default=404),
    UrlSpec("coordination:indicator_create", setup=_plan, kwargs=lambda w: {"pk": w["act"].pk}, expect=PLAN_EDIT, default=404),
    UrlSpec("coordination:indicator_create", method="POST", data={}, setup=_plan, kwargs=lambda w: {"pk": w["act"].pk}, expect=PLAN_POST, default=404),
    UrlSpec("coordination:indicator_detail", setup=_plan, kwargs=lambda w: {"pk": w["ind"].pk}, expect=PLAN_EDIT, default=404),
    UrlSpec("coordination:target_set", method="POST", data={}, setup=_plan, kwargs=lambda w: {"pk": w["ind"].pk}, expect=PLAN_POST, default=404),
    UrlSpec("coordination:realisation_set", method="POST", data={}, setup=_plan, kwargs=lambda w: {"pk": w["ind"].pk}, expect=PLAN_POST, default=404),
    UrlSpec("coordination:progress", setup=_plan, kwargs=lambda w: {"pk": w["plan"].pk}, expect=PROGRESS, default=404),
    UrlSpec("coordination:progress_xlsx", setup=_plan, kwargs=lambda w: {"pk": w["plan"].pk}, expect=PROGRESS, default=404),
    UrlSpec("coordination:progress_pdf", setup=_plan, kwargs=lambda w: {"pk": w["plan"].pk}, expect=PROGRESS, default=404),
]

# The API operations of this module (simpul/coordination/api.py).
from simpul.coordination.tests.api_access_spec import SPECS as _API_SPECS  # noqa: E402

SPECS += _API_SPECS
