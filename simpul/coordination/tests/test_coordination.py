"""Task forces, the relawan/Satgas registry and the RAD with computed indicators."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from simpul import access
from simpul.coordination import demo as coordination_demo
from simpul.coordination import indicators, selectors, services
from simpul.coordination.models import Indicator, Meeting, Plan, PlanActivity, Programme, TaskForce, Volunteer
from simpul.prevention import services as prevention_services
from simpul.prevention.demo import seed_demo as prevention_seed
from simpul.regions.models import Region
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _desa() -> Region:
    region, _ = Region.objects.get_or_create(code="63.06.05.2001", defaults={"name": "Desa uji", "level": 4, "parent_id": "63.06.05"})
    return region


def _task_force(demo: dict[str, Any]) -> TaskForce:
    admin = demo["user"]["admin.hss"]
    tf = services.taskforce_save(actor=admin, organisation=demo["org"]["uptd.hss"], data={
        "name": "Gugus Tugas TPPO HSS (uji)", "kind": "gugus_tugas_tppo", "level": "kabkota", "region": None,
        "legal_basis": "Perpres 49/2023", "is_active": True})
    services.member_add(actor=admin, task_force=tf, data={"organisation": demo["org"]["polres.hss"], "role": "anggota"})
    return tf


def test_task_force_members_see_meetings_others_do_not(demo: dict[str, Any]) -> None:
    tf = _task_force(demo)
    m = services.meeting_save(actor=demo["user"]["kepala.hss"], task_force=tf, data={"date": dt.date(2026, 1, 5), "agenda": "Rapat koordinasi uji", "minutes": "Notulen uji"})
    for user in ("mitra.polres.hss", "kepala.hss", "pendamping.hss"):
        assert access.visible(demo["user"][user], Meeting).filter(pk=m.pk).exists(), user
        assert signed_in_client(user).get(reverse("coordination:meeting_detail", args=[m.pk])).status_code == 200
    for user in ("admin.okus", "analis.kalsel", "relawan.hss"):
        assert not access.visible(demo["user"][user], Meeting).filter(pk=m.pk).exists(), user
        assert signed_in_client(user).get(reverse("coordination:meeting_detail", args=[m.pk])).status_code == 404
    # A member organisation sees but does not edit
    assert not access.can(demo["user"]["mitra.polres.hss"], "edit", tf)
    with pytest.raises(access.AccessDenied):
        services.meeting_save(actor=demo["user"]["mitra.polres.hss"], task_force=tf, data={"date": dt.date(2026, 1, 6), "agenda": "x"})
    with pytest.raises(access.AccessDenied):
        services.taskforce_save(actor=demo["user"]["admin.okus"], task_force=tf, data={"name": "x"})


def test_overdue_action_items_are_highlighted(demo: dict[str, Any]) -> None:
    tf = _task_force(demo)
    admin = demo["user"]["admin.hss"]
    late = services.action_add(actor=admin, task_force=tf, data={"description": "Pemetaan desa rawan", "due_date": dt.date(2020, 1, 1)})
    services.action_add(actor=admin, task_force=tf, data={"description": "Rencana tahun depan", "due_date": dt.date(2099, 1, 1)})
    assert late.is_overdue() and not late.is_overdue(dt.date(2019, 12, 31))
    body = signed_in_client("mitra.polres.hss").get(reverse("coordination:taskforce_detail", args=[tf.pk])).content.decode()
    assert body.count('class="overdue"') == 1 and "terlambat" in body
    services.action_set_status(actor=admin, item=late, status="selesai")
    late.refresh_from_db()
    assert not late.is_overdue()


def test_registered_field_reporter(demo: dict[str, Any]) -> None:
    user = demo["user"]["satgas.hss"]
    assert not selectors.is_registered_field_reporter(user)
    v = services.volunteer_save(actor=demo["user"]["kepala.dinas.hss"], data={
        "organisation": demo["org"]["satgas.kandangan"], "user": user, "kind": "satgas", "name": "Satgas Sintetis", "region": _desa(), "is_active": True})
    assert selectors.is_registered_field_reporter(user)
    services.volunteer_save(actor=demo["user"]["kepala.dinas.hss"], volunteer=v, data={"is_active": False})
    assert not selectors.is_registered_field_reporter(user)
    assert not selectors.is_registered_field_reporter(None)
    # The registry is kept by the kepala of the network's organisation or its parent (dinas.hss):
    # not by others, and not by admin (accounts only, no named people)
    with pytest.raises(access.AccessDenied):
        services.volunteer_save(actor=demo["user"]["admin.hss"], volunteer=v, data={"is_active": True})
    with pytest.raises(access.AccessDenied):
        services.volunteer_save(actor=demo["user"]["admin.okus"], data={"organisation": demo["org"]["satgas.kandangan"], "kind": "satgas", "name": "x", "region": _desa()})


def _plan(demo: dict[str, Any]) -> tuple[Plan, Indicator, Indicator, Indicator]:
    admin = demo["user"]["admin.hss"]
    plan = services.plan_save(actor=admin, organisation=demo["org"]["dinas.hss"], data={
        "title": "RAD PPA HSS (uji)", "legal_basis": "Perbup uji", "region": Region.objects.get(code="63.06"), "start_year": 2025, "end_year": 2026})
    prog = services.programme_add(actor=admin, plan=plan, name="Pencegahan")
    act = services.plan_activity_add(actor=admin, programme=prog, name="Sosialisasi")
    reach = services.indicator_add(actor=admin, activity=act, data={"name": "Orang terjangkau", "unit": "orang", "source": "computed", "computed_key": "sosialisasi_reach"})
    relawan = services.indicator_add(actor=admin, activity=act, data={"name": "Relawan terlatih", "unit": "orang", "source": "computed", "computed_key": "trained_relawan"})
    manual = services.indicator_add(actor=admin, activity=act, data={"name": "Desa dengan PATBM", "unit": "desa", "source": "manual", "computed_key": "x"})
    for ind, values in ((reach, (100, 200)), (relawan, (2, 4)), (manual, (10, 20))):
        services.target_set(actor=admin, indicator=ind, year=2025, value=Decimal(values[0]))
        services.target_set(actor=admin, indicator=ind, year=2026, value=Decimal(values[1]))
    return plan, reach, relawan, manual


def test_computed_indicator_updates_itself_from_prevention_data(demo: dict[str, Any]) -> None:
    plan, reach, relawan, manual = _plan(demo)
    today = dt.date(2026, 7, 1)

    def cell(ind: Indicator, year: int) -> selectors.Cell:
        row = next(r for r in selectors.progress(plan=plan, today=today) if r.indicator.pk == ind.pk)
        return next(c for c in row.cells if c.year == year)

    assert cell(reach, 2025).actual == 0 and cell(reach, 2025).status == selectors.BEHIND
    admin = demo["user"]["admin.hss"]
    act = prevention_services.activity_create(actor=admin, organisation=demo["org"]["dinas.hss"], data={
        "title": "Sosialisasi desa", "type": "sosialisasi", "main_topic": "ktpa", "start_date": dt.date(2025, 8, 1),
        "end_date": dt.date(2025, 8, 1), "region": Region.objects.get(code="63.06.05")})
    prevention_services.count_set(actor=admin, activity=act, group=None, sex="X", age_group="x", count=120)
    assert cell(reach, 2025).actual == 120 and cell(reach, 2025).status == selectors.ON_TRACK
    # An activity outside the plan's region does not count
    okus = prevention_services.activity_create(actor=demo["user"]["admin.okus"], organisation=demo["org"]["dinas.okus"], data={
        "title": "Sosialisasi OKU", "type": "sosialisasi", "main_topic": "tppo", "start_date": dt.date(2025, 8, 2), "end_date": dt.date(2025, 8, 2)})
    prevention_services.count_set(actor=demo["user"]["admin.okus"], activity=okus, group=None, sex="X", age_group="x", count=999)
    assert cell(reach, 2025).actual == 120
    # Running year: pro-rata expectation (half a year -> about 100 of 200)
    assert cell(reach, 2026).expected is not None and Decimal(99) < cell(reach, 2026).expected < Decimal(101)  # type: ignore[operator]
    # Trained relawan: a Volunteer linked to a pelatihan
    assert cell(relawan, 2025).actual == 0
    training = prevention_services.activity_create(actor=admin, organisation=demo["org"]["dinas.hss"], data={
        "title": "Pelatihan relawan", "type": "pelatihan", "main_topic": "ktpa", "start_date": dt.date(2025, 3, 1), "end_date": dt.date(2025, 3, 2)})
    services.volunteer_save(actor=demo["user"]["kepala.dinas.hss"], data={"organisation": demo["org"]["relawan.hss"], "kind": "relawan", "name": "Relawan Contoh",
                                               "region": _desa(), "is_active": True, "trainings": [training]})
    assert cell(relawan, 2025).actual == 1
    assert indicators.compute("pelatihan_held", plan, 2025) == 1
    # Manual: no data until a realisation is entered; computed ones refuse manual entry
    assert cell(manual, 2025).status == selectors.NO_DATA
    services.realisation_set(actor=admin, indicator=manual, year=2025, value=Decimal(12), evidence="SK Bupati (uji)")
    assert cell(manual, 2025).status == selectors.ON_TRACK
    with pytest.raises(Exception, match="dihitung otomatis"):
        services.realisation_set(actor=admin, indicator=reach, year=2025, value=Decimal(1))
    with pytest.raises(Exception, match="di luar periode"):
        services.target_set(actor=admin, indicator=manual, year=2030, value=Decimal(1))
    assert indicators.compute("nonexistent", plan, 2025) is None


def test_indicator_computations_are_registered_by_the_modules_owning_the_data(demo: dict[str, Any]) -> None:
    from django.utils import timezone

    from simpul.core import indicators as registry
    from simpul.intake.models import Report

    assert {key: c.fn.__module__ for key, c in registry.REGISTRY.items()} == {
        "sosialisasi_reach": "simpul.prevention.indicators",
        "pelatihan_held": "simpul.prevention.indicators",
        "cases_legal_aid": "simpul.cases.indicators",
        "reports_on_time": "simpul.intake.indicators",
        "trained_relawan": "simpul.coordination.indicators",
    }
    with pytest.raises(ValueError, match="twice"):
        registry.register("cases_legal_aid", "x", "y", lambda region, year: None)
    plan, *_rest = _plan(demo)
    assert indicators.compute("reports_on_time", plan, 2025) is None  # no report with a clock yet
    assert indicators.compute("cases_legal_aid", plan, 2025) == 0
    received = timezone.make_aware(dt.datetime(2025, 3, 3, 9))
    for code, minutes in (("AAAA2222", 30), ("AAAA3333", 600)):  # handled in time, and late
        Report.objects.create(
            tracking_code=code, channel="langsung", received_at=received, organisation=demo["org"]["uptd.hss"],
            region_id="63.06.05", status="ditriase", risk="sedang", due_at=received + dt.timedelta(minutes=360),
            first_action_at=received + dt.timedelta(minutes=minutes),
        )
    assert indicators.compute("reports_on_time", plan, 2025) == Decimal("50.0")
    assert indicators.compute("reports_on_time", plan, 2024) is None


def test_progress_exports_and_analyst_sees_aggregates_only(demo: dict[str, Any]) -> None:
    plan, reach, relawan, manual = _plan(demo)
    admin = demo["user"]["admin.hss"]
    Programme.objects.filter(plan=plan).update(name="=HYPERLINK(\"http://x\")")
    analis = signed_in_client("analis.kalsel")
    assert analis.get(reverse("coordination:progress", args=[plan.pk])).status_code == 200
    assert analis.get(reverse("coordination:plan_detail", args=[plan.pk])).status_code == 404
    assert analis.get(reverse("coordination:indicator_detail", args=[manual.pk])).status_code == 404
    assert analis.post(reverse("coordination:realisation_set", args=[manual.pk]), {"r-year": 2025, "r-value": 1}).status_code == 404
    assert not access.can(demo["user"]["analis.kalsel"], "edit", plan)
    resp = analis.get(reverse("coordination:progress_xlsx", args=[plan.pk]))
    assert resp.status_code == 200
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    pdf = analis.get(reverse("coordination:progress_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another province's analyst-equivalent (OKU admin) does not see the plan at all
    assert signed_in_client("admin.okus").get(reverse("coordination:progress", args=[plan.pk])).status_code == 404
    # The realisation form: bad input is 400 with the Indonesian message, re-shown
    resp = signed_in_client("admin.hss").post(reverse("coordination:target_set", args=[manual.pk]), {"t-year": "2031", "t-value": "5"})
    assert resp.status_code == 400 and "di luar periode" in resp.content.decode()
    assert access.can(admin, "edit", manual)


def test_index_query_count_is_constant(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    tf = _task_force(demo)
    client = signed_in_client("kepala.hss")
    client.get(reverse("coordination:index"))
    with django_assert_max_num_queries(20) as ctx:
        client.get(reverse("coordination:index"))
    n = len(ctx.captured_queries)
    for i in range(10):
        services.taskforce_save(actor=demo["user"]["kepala.hss"], organisation=demo["org"]["uptd.hss"], data={"name": f"Satgas {i}", "kind": "satgas_ppa", "level": "lokal"})
        services.action_add(actor=demo["user"]["kepala.hss"], task_force=tf, data={"description": f"T{i}", "due_date": dt.date(2020, 1, 1)})
    with django_assert_max_num_queries(n):
        client.get(reverse("coordination:index"))
    plan, *_ = _plan(demo)
    analis = signed_in_client("analis.kalsel")
    analis.get(reverse("coordination:progress", args=[plan.pk]))
    with django_assert_max_num_queries(16) as ctx:
        analis.get(reverse("coordination:progress", args=[plan.pk]))
    n = len(ctx.captured_queries)
    act = PlanActivity.objects.filter(programme__plan=plan).first()
    for i in range(5):
        Indicator.objects.create(activity=act, name=f"Manual {i}", unit="x")
    with django_assert_max_num_queries(n):
        analis.get(reverse("coordination:progress", args=[plan.pk]))


def test_demo_seed(demo: dict[str, Any]) -> None:
    prevention_seed()
    out = coordination_demo.seed_demo()
    again = coordination_demo.seed_demo()
    assert out["plan"].pk == again["plan"].pk  # type: ignore[attr-defined]
    plan: Plan = out["plan"]  # type: ignore[assignment]
    assert plan.legal_basis == "Pergub Kalsel 054/2021"
    assert selectors.is_registered_field_reporter(demo["user"]["relawan.hss"])
    assert Volunteer.objects.filter(user=demo["user"]["relawan.hss"]).count() == 1
    rows = selectors.progress(plan=plan, today=dt.date(2026, 1, 15))
    reach = next(r for r in rows if r.indicator.computed_key == "sosialisasi_reach")
    assert next(c for c in reach.cells if c.year == 2025).actual == 70  # the HSS sosialisasi (Kalsel province)
