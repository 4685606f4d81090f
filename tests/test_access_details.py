"""Access details (issue 12 part 5) and the access layer's promises (issue 14): fixed-SQL paths equal
their ORM reference, policies' scopes depend on ``Actor.scope_key`` alone, the case-list statement
memo keys on the database alias, one client-address rule for the audit log and the rate limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse

from simpul import access
from simpul.access.core import Actor, _policies
from simpul.testing import ROLE_PERSONAS, signed_in_client

pytestmark = pytest.mark.django_db


def _token(username: str, scopes: list[str]) -> str:
    from simpul.accounts.models import User
    from simpul.api.tokens import token_create

    return token_create(user=User.objects.get(username=username), scopes=scopes, days=1)[1]


# --- intake API: a role without a queue is refused, like the page -----------------------------


@pytest.mark.parametrize("role", ["admin", "pendamping", "mitra", "relawan", "satgas", "analis"])
def test_intake_api_list_refuses_roles_without_a_queue(role: str, demo: dict[str, Any]) -> None:
    username = ROLE_PERSONAS[role]
    assert signed_in_client(username).get(reverse("intake:queue")).status_code == 403
    assert signed_in_client(username).get(reverse("api:intake_list")).status_code == 403
    raw = _token(username, ["intake:read"])
    response = signed_in_client(username).get(reverse("api:intake_list"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403 and "message" in response.json()


def test_intake_api_list_answers_the_desk(demo: dict[str, Any]) -> None:
    response = signed_in_client("petugas_pengaduan.hss").get(reverse("api:intake_list"))
    assert response.status_code == 200 and response.json()["count"] >= 0


# --- admin keeps to accounts ------------------------------------------------------------------


def test_admin_reads_no_named_attendance_list(demo: dict[str, Any]) -> None:
    from simpul.prevention import selectors, services

    act = services.activity_create(actor=demo["user"]["admin.hss"], organisation=demo["org"]["dinas.hss"], data={
        "title": "Sosialisasi", "type": "sosialisasi", "main_topic": "tppo", "start_date": dt.date(2025, 12, 5),
        "end_date": dt.date(2025, 12, 5), "region": None, "topics": []})
    kepala = demo["user"]["kepala.dinas.hss"]
    services.attendee_add(actor=kepala, activity=act, data={"name": "Ani Sintetis"})
    assert [a.name for a in selectors.attendees(actor=kepala, activity=act)] == ["Ani Sintetis"]
    with pytest.raises(access.AccessDenied):
        selectors.attendees(actor=demo["user"]["admin.hss"], activity=act)
    page = signed_in_client("admin.hss").get(reverse("prevention:activity_detail", args=[act.pk])).content.decode()
    assert reverse("prevention:attendees", args=[act.pk]) not in page  # no link to a page that refuses
    assert reverse("prevention:attendees", args=[act.pk]) in signed_in_client("kepala.dinas.hss").get(
        reverse("prevention:activity_detail", args=[act.pk])).content.decode()


def test_admin_keeps_no_volunteer_registry(demo: dict[str, Any]) -> None:
    from simpul.coordination import services
    from simpul.coordination.models import Volunteer
    from simpul.regions.models import Region

    desa, _ = Region.objects.get_or_create(code="63.06.05.2001", defaults={"name": "Desa uji", "level": 4, "parent_id": "63.06.05"})
    data = {"organisation": demo["org"]["relawan.hss"], "kind": "relawan", "name": "Relawan Sintetis", "region": desa}
    with pytest.raises(access.AccessDenied):
        services.volunteer_save(actor=demo["user"]["admin.hss"], data=data)
    v = services.volunteer_save(actor=demo["user"]["kepala.dinas.hss"], data=data)
    assert list(access.visible(demo["user"]["admin.hss"], Volunteer)) == []
    assert list(access.visible(demo["user"]["kepala.dinas.hss"], Volunteer)) == [v]
    assert signed_in_client("admin.hss").get(reverse("coordination:volunteers")).status_code == 403
    assert signed_in_client("kepala.dinas.hss").get(reverse("coordination:volunteers")).status_code == 200
    assert reverse("coordination:volunteers") not in signed_in_client("admin.hss").get(reverse("coordination:index")).content.decode()


def test_admin_manages_no_dispatch_request(demo: dict[str, Any]) -> None:
    from django.utils import timezone

    from simpul.outreach import services
    from simpul.outreach.models import DispatchRequest, Vehicle

    start = timezone.now() + dt.timedelta(days=1)
    data = {"purpose": "edukasi", "window_start": start, "window_end": start + dt.timedelta(hours=2), "area": "Kandangan"}
    with pytest.raises(access.AccessDenied):
        services.request_create(actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], data=data)
    req = services.request_create(actor=demo["user"]["manajer_kasus.hss"], organisation=demo["org"]["uptd.hss"], data=data)
    assert not access.can(demo["user"]["admin.hss"], "view", req)
    assert list(access.visible(demo["user"]["admin.hss"], DispatchRequest)) == []
    # The fleet stays with admin.
    vehicle = services.vehicle_save(actor=demo["user"]["admin.hss"], organisation=demo["org"]["uptd.hss"], data={"name": "Molin 1"})
    assert list(access.visible(demo["user"]["admin.hss"], Vehicle)) == [vehicle]
    index = signed_in_client("admin.hss").get(reverse("outreach:index")).content.decode()
    assert reverse("outreach:request_create") not in index and reverse("outreach:vehicles") in index


# --- campaigns: jurisdiction ------------------------------------------------------------------


def test_campaigns_are_limited_to_overlapping_jurisdictions(demo: dict[str, Any]) -> None:
    from simpul.accounts.models import Organisation
    from simpul.prevention.models import Campaign

    def campaign(org: Any, name: str) -> Campaign:
        return Campaign.objects.create(name=name, start_date="2025-11-25", end_date="2025-12-10", organisation=org)

    national_org = Organisation.objects.create(name="Kementerian PPPA (uji)", short_name="KemenPPPA", type="kementerian", region=None)
    province = campaign(demo["org"]["dinas.kalsel"], "Kalsel")
    hss = campaign(demo["org"]["dinas.hss"], "HSS")
    okus = campaign(demo["org"]["dinas.okus"], "OKU Selatan")
    national = campaign(national_org, "Nasional")
    expected = {
        "admin.hss": {province, hss, national},  # its kabupaten, the province above, the nation
        "kepala.hss": {province, hss, national},
        "analis.kalsel": {province, hss, national},  # the province and every kabupaten inside it
        "kepala.kalsel": {province, hss, national},
        "admin.okus": {okus, national},
        "manajer_kasus.hss": set(),  # not a prevention role
    }
    for username, visible in expected.items():
        user = demo["user"][username]
        assert set(access.visible(user, Campaign)) == visible, username
        for c in (province, hss, okus, national):  # can() and scope() agree
            assert access.can(user, "view", c) == (c in visible), (username, c.name)
    response = signed_in_client("admin.okus").get(reverse("prevention:campaign_detail", args=[hss.pk]))
    assert response.status_code == 404


# --- one client address for the audit log and the rate limits ---------------------------------


def test_audit_and_rate_limits_use_the_same_proxy_aware_address(demo: dict[str, Any]) -> None:
    from simpul.audit.models import AuditEvent
    from simpul.audit.services import record
    from simpul.intake import guard

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    with override_settings(SIMPUL_PROXY_COUNT=0):
        assert guard.client_ip(request) == "10.0.0.2"
        record("test.address", request=request)
        assert AuditEvent.objects.filter(action="test.address").latest("seq").ip == "10.0.0.2"
    with override_settings(SIMPUL_PROXY_COUNT=1):  # one proxy: the address it saw (rightmost)
        assert guard.client_ip(request) == "203.0.113.9"
        record("test.address", request=request)
        assert AuditEvent.objects.filter(action="test.address").latest("seq").ip == "203.0.113.9"
    with override_settings(SIMPUL_PROXY_COUNT=3):  # fewer entries than proxies: not through them
        assert guard.client_ip(request) == "10.0.0.2"
        record("test.address", request=request)
        assert AuditEvent.objects.filter(action="test.address").latest("seq").ip == "10.0.0.2"


# --- fixed SQL equals the ORM -----------------------------------------------------------------


def test_seat_lookup_equals_the_orm(demo: dict[str, Any]) -> None:
    from simpul.accounts.models import Membership
    from simpul.accounts.seats import seats_of, seats_of_orm

    users = list(demo["user"].values())
    # An inactive membership and an inactive organisation are left out by both.
    Membership.objects.filter(user=demo["user"]["admin.okus"], organisation=demo["org"]["dinas.okus"]).update(is_active=False)
    demo["org"]["uptd.kalsel"].is_active = False
    demo["org"]["uptd.kalsel"].save(update_fields=["is_active"])
    for user in users:
        fixed, orm = seats_of(user.pk), seats_of_orm(user.pk)
        assert fixed == orm, user.username
        assert [tuple(type(v) for v in row) for row in fixed] == [tuple(type(v) for v in row) for row in orm]
    assert seats_of(demo["user"]["kepala.kalsel"].pk) == []
    assert len(seats_of(demo["user"]["admin.okus"].pk)) == 1


def test_row_reader_builds_what_the_orm_reads(demo: dict[str, Any]) -> None:
    from simpul.accounts.models import Organisation, User
    from simpul.core.rows import RowReader

    for model, pk in ((User, demo["user"]["kepala.hss"].pk), (Organisation, demo["org"]["uptd.hss"].pk)):
        reader = RowReader(model, "t")
        with connection.cursor() as cur:
            cur.execute(f"SELECT {reader.select} FROM {connection.ops.quote_name(model._meta.db_table)} t WHERE t.id = %s", [pk])  # noqa: S608
            built = reader.build(cur.fetchone())
        orm = model._default_manager.get(pk=pk)
        for f in model._meta.concrete_fields:
            assert getattr(built, f.attname) == getattr(orm, f.attname), f.name
            assert type(getattr(built, f.attname)) is type(getattr(orm, f.attname)), f.name


def test_audit_append_stores_what_the_orm_would(demo: dict[str, Any]) -> None:
    from simpul.audit.models import AuditEvent
    from simpul.audit.services import compute_hash, record

    ev = record("test.append", actor=demo["user"]["kepala.hss"], object_type="x.y", object_id=7,
                organisation_id=demo["org"]["uptd.hss"].pk, fields=["b", "a"], extra={"n": 1, "s": "ok"}, ip="192.0.2.1")
    stored = AuditEvent.objects.get(seq=ev.seq)
    for f in AuditEvent._meta.concrete_fields:
        if not f.primary_key:
            assert getattr(stored, f.attname) == getattr(ev, f.attname), f.name
    assert compute_hash(stored.prev_hash, stored) == stored.hash


# --- scopes depend on Actor.scope_key alone ---------------------------------------------------


ACTIONS = ("view", "edit", "list", "any", "manage", "progress", "status", "own", "view_shared", "respond",
           "decide", "attendees", "realise", "log", "download", "withdraw", "triage", "assign", "export")


def _sql(actor: Actor, model: Any, action: str) -> str:
    from django.core.exceptions import EmptyResultSet

    qs = _policies[model].scope(actor, model._default_manager.all(), action)
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # a scope that is empty for this key
        return "EMPTY"
    return f"{sql} {params!r}"


@pytest.mark.parametrize("username", ["kepala.hss", "pendamping.hss", "mitra.polres.hss", "analis.kalsel", "admin.okus", "relawan.hss"])
def test_every_policy_scope_is_a_function_of_the_scope_key(username: str, demo: dict[str, Any]) -> None:
    """Two actors with an equal ``scope_key`` (fresh user objects, different per-request caches)
    get the same SQL from every policy for every action; the memo of the case list relies on it."""
    from simpul.accounts.models import User

    def fresh() -> Actor:
        user = User.objects.get(username=username)
        return access.actor_for(user)

    a, b = fresh(), fresh()
    b._cache["coordination.member"] = True  # a cache filled by a rule must not leak into a scope
    b._cache["outreach.is_crew"] = True
    assert a is not b and a.scope_key == b.scope_key
    for model in list(_policies):
        for action in ACTIONS:
            assert _sql(a, model, action) == _sql(b, model, action), (model.__name__, action)


def test_a_different_scope_key_gives_a_different_case_scope(demo: dict[str, Any]) -> None:
    from simpul.cases.models import Case

    kepala = access.actor_for(demo["user"]["kepala.hss"])
    other = access.actor_for(demo["user"]["manajer_kasus.okus"])
    assert kepala.scope_key != other.scope_key
    assert _sql(kepala, Case, "view") != _sql(other, Case, "view")


def test_case_list_statement_memo_keys_on_the_database_alias(demo: dict[str, Any]) -> None:
    from simpul.cases import selectors

    selectors._LIST_STATEMENTS.clear()
    actor = access.actor_for(demo["user"]["kepala.hss"])
    selectors._list_statement(actor, "team", selectors.Filters(), dt.date(2026, 1, 5))
    (key,) = selectors._LIST_STATEMENTS
    assert key[0] == connection.alias and actor.scope_key in key
