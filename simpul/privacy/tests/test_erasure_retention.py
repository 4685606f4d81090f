from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from simpul.audit.models import AuditEvent
from simpul.crypto.blind import blind_index
from simpul.crypto.fields import REGISTRY
from simpul.people.models import Person, PersonNameToken
from simpul.privacy import services
from simpul.privacy.registry import (
    ErasureResult,
    PersonDataProvider,
    Section,
    register_provider,
    unregister_provider,
)
from simpul.privacy.tasks import retention_run_task
from simpul.privacy.tests.factories import make_person

NAME, NIK, PHONE = "Siti Contoh Sintetis", "6306054501900001", "0812-0000-1111"


def _stats() -> list[dict[str, Any]]:
    return list(Person.objects.values("sex", "birth_year", "age_estimate", "organisation_id").annotate(n=Count("id")).order_by("sex", "birth_year", "age_estimate"))


def _all_decrypted_values() -> list[str]:
    values: list[str] = []
    tables = set(connection.introspection.table_names())
    seen: set[tuple[str, str]] = set()
    for model, fld in REGISTRY:
        # REGISTRY also collects migration-state ("__fake__") copies of models: scan each real field once.
        try:
            real = apps.get_model(model._meta.label)
        except LookupError:
            continue
        if real is not model or (model._meta.label, fld.attname) in seen:
            continue
        seen.add((model._meta.label, fld.attname))
        if model._meta.db_table not in tables:  # a module still in development without its migration
            continue
        for obj in model._default_manager.all():
            value = getattr(obj, fld.attname)
            if value is not None:
                values.append(str(value))
    return values


def _world(demo: dict[str, Any]) -> tuple[Any, Any, Person]:
    org, officer = demo["org"]["uptd.hss"], demo["user"]["manajer_kasus.hss"]
    person = make_person(org, full_name=NAME, nik=NIK, phone=PHONE)
    make_person(org, full_name="Budi Sintetis", nik="6306050101900003", phone="0813-2222-3333", sex="L", birth_date=dt.date(2012, 3, 3))
    make_person(org, full_name="Rina Sintetis", nik="", phone="", email="", birth_date=None, age_estimate=9, sex="P")
    services.consent_record(
        actor=officer, person=person, organisation=org, purpose="service", basis="consent", how="verbal_witnessed",
        witness_name="Ibu Saksi Sintetis", note=f"disampaikan oleh {NAME}",
    )
    return org, officer, person


def test_erasure_leaves_no_identifying_value_and_keeps_statistics(demo: dict[str, Any]) -> None:
    org, officer, person = _world(demo)
    req = services.request_create(actor=officer, organisation=org, kind="erasure", notes=f"{NAME} minta dihapus, HP {PHONE}")
    services.request_identify(actor=officer, req=req, person=person)
    before = _stats()
    assert any(NAME in v for v in _all_decrypted_values())

    results = services.person_erase(actor=officer, person=person, req=req)

    assert {r.provider for r in results} >= {"people", "privacy"}
    assert _stats() == before  # statistics keep counting the person (sex, birth year, organisation)
    values = _all_decrypted_values()
    for needle in (NAME, "Siti", NIK, PHONE, "0000-1111", "Saksi"):
        assert not any(needle in v for v in values), needle
    p = Person.objects.get(pk=person.pk)
    assert p.full_name == f"Terhapus-{str(p.uid)[:8]}" and p.pseudonymised_at is not None
    assert p.nik is None and p.phone is None and p.email is None and p.birth_date is None and p.address_detail is None
    assert p.birth_year == 1990 and p.sex == "P"
    assert not (p.nik_bidx or p.phone_bidx or p.email_bidx or p.name_bidx or p.name_birth_bidx)
    assert not PersonNameToken.objects.filter(person=p).exists()
    assert not Person.objects.filter(nik_bidx=blind_index("nik", NIK)).exists()
    req.refresh_from_db()
    assert req.status == "completed"
    ev = AuditEvent.objects.filter(action="privacy.erase").get()
    assert ev.object_id == str(person.pk) and "full_name" in ev.fields
    # Nothing identifying reached the audit log or the raw database.
    with connection.cursor() as cur:
        cur.execute("SELECT extra, fields FROM audit_auditevent")
        dump = repr(cur.fetchall())
    assert NAME not in dump and NIK not in dump


def test_erasure_is_blocked_by_a_legal_hold_and_lists_it(demo: dict[str, Any]) -> None:
    org, officer, person = _world(demo)
    hold = services.legal_hold_set(actor=officer, object_type="people.person", object_id=person.pk, organisation=org, reason="perkara berjalan", label="KS-2026-0007")
    assert services.legal_hold_active("people.person", person.pk)
    req = services.request_create(actor=officer, organisation=org, kind="erasure", person=person)
    with pytest.raises(ValidationError) as exc:
        services.person_erase(actor=officer, person=person, req=req)
    assert "KS-2026-0007" in exc.value.messages[0] and "penahanan hukum" in exc.value.messages[0]
    assert Person.objects.get(pk=person.pk).full_name == NAME
    services.legal_hold_release(actor=officer, hold=hold)
    services.person_erase(actor=officer, person=person, req=req)
    assert Person.objects.get(pk=person.pk).pseudonymised_at is not None


def test_a_provider_erasure_failure_rolls_everything_back(demo: dict[str, Any]) -> None:
    org, officer, person = _world(demo)

    def boom(p: Person, actor: Any) -> ErasureResult:
        raise RuntimeError("provider failed")

    register_provider(PersonDataProvider("zz_failing", describe=lambda p: [], erase=boom, holds=lambda p: [], order=999))
    try:
        with pytest.raises(RuntimeError):
            services.person_erase(actor=officer, person=person)
    finally:
        unregister_provider("zz_failing")
    assert Person.objects.get(pk=person.pk).full_name == NAME
    assert not AuditEvent.objects.filter(action="privacy.erase").exists()


def test_provider_holds_block_erasure(demo: dict[str, Any]) -> None:
    org, officer, person = _world(demo)
    register_provider(PersonDataProvider("fake_cases", describe=lambda p: [], erase=lambda p, a: ErasureResult(), holds=lambda p: ["KS-2026-0042"]))
    try:
        with pytest.raises(ValidationError, match="KS-2026-0042"):
            services.person_erase(actor=officer, person=person)
    finally:
        unregister_provider("fake_cases")


# --------------------------------------------------------------------------- retention


@pytest.fixture
def fake_cases() -> Iterator[dict[str, Any]]:
    """A stand-in 'cases' module: person id -> (closed_at or None, case number)."""
    state: dict[str, Any] = {"cases": {}, "erased": []}

    def candidates(cutoff: dt.datetime) -> list[int]:
        by_person: dict[int, list[Any]] = {}
        for pid, closed_at, _number in state["cases"].values():
            by_person.setdefault(pid, []).append(closed_at)
        return [pid for pid, closings in by_person.items() if all(c is not None and c < cutoff for c in closings)]

    def holds(person: Person) -> list[str]:
        return [num for pid, _c, num in state["cases"].values() if pid == person.pk and services.legal_hold_active("cases.case", num)]

    def erase(person: Person, actor: Any) -> ErasureResult:
        state["erased"].append(person.pk)
        return ErasureResult("fake_cases", 1, ["chronology"])

    register_provider(
        PersonDataProvider(
            "fake_cases",
            describe=lambda p: [Section("Kasus", [])],
            erase=erase,
            holds=holds,
            retention_candidates=candidates,
            retention_blocks=lambda ids, cutoff: [i for i in ids if i in state.get("intake_open", set())],
        )
    )
    yield state
    unregister_provider("fake_cases")


def test_retention_dry_run_then_run(demo: dict[str, Any], fake_cases: dict[str, Any], settings: Any) -> None:
    settings.SIMPUL_RETENTION_YEARS = 5
    org, officer, _ = _world(demo)
    okus = demo["org"]["uptd.okus"]
    now = timezone.now()
    old = now - dt.timedelta(days=365 * 6)
    recent = now - dt.timedelta(days=365 * 2)
    a = make_person(org, full_name="Lama Sintetis", nik="")
    b = make_person(org, full_name="Baru Sintetis", nik="")
    c = make_person(okus, full_name="Ditahan Sintetis", nik="")
    d = make_person(org, full_name="Campur Sintetis", nik="")
    e = make_person(okus, full_name="Okus Lama Sintetis", nik="")
    f = make_person(org, full_name="Laporan Terbuka Sintetis", nik="")
    fake_cases["cases"] = {
        1: (a.pk, old, "KS-1"),
        2: (b.pk, recent, "KS-2"),
        3: (c.pk, old, "KS-3"),
        4: (d.pk, old, "KS-4"),
        5: (d.pk, None, "KS-5"),  # one case still open
        6: (e.pk, old, "KS-6"),
        7: (f.pk, old, "KS-7"),
    }
    fake_cases["intake_open"] = {f.pk}  # another module still needs f
    services.legal_hold_set(actor=demo["user"]["manajer_kasus.okus"], object_type="cases.case", object_id="KS-3", organisation=okus, reason="banding")
    before = _stats()

    out = io.StringIO()
    call_command("retention", "run", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "UJI COBA" in text and f"organisasi {org.pk}: 1 orang: {a.pk}" in text and f"organisasi {okus.pk}: 1 orang: {e.pk}" in text
    assert "KS-3" in text
    assert Person.objects.filter(pseudonymised_at__isnull=False).count() == 0 and fake_cases["erased"] == []
    ev = AuditEvent.objects.filter(action="privacy.retention_run").last()
    assert ev is not None and ev.extra["dry_run"] is True and sorted(ev.extra["person_ids"]) == sorted([a.pk, e.pk])

    result = retention_run_task.enqueue(dry_run=False)
    assert result.return_value["erased"] == 2
    assert sorted(fake_cases["erased"]) == sorted([a.pk, e.pk])
    erased = set(Person.objects.filter(pseudonymised_at__isnull=False).values_list("pk", flat=True))
    assert erased == {a.pk, e.pk}
    assert Person.objects.get(pk=a.pk).full_name.startswith("Terhapus-")
    assert Person.objects.get(pk=c.pk).full_name == "Ditahan Sintetis"
    assert _stats() == before
    # A second run finds nothing left to do.
    out = io.StringIO()
    call_command("retention", "run", stdout=out)
    assert "Dipseudonimkan: 0 dari 0" in out.getvalue()


def test_retention_without_candidates_changes_nothing(demo: dict[str, Any]) -> None:
    _world(demo)
    plan = services.retention_run(dry_run=False, years=0)
    assert plan.person_ids == [] and plan.erased == 0
    assert not Person.objects.filter(pseudonymised_at__isnull=False).exists()
