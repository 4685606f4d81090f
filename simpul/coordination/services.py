"""Every write of the coordination module (task forces, meetings, registry, RAD)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Organisation
from simpul.audit import services as audit
from simpul.coordination import indicators
from simpul.coordination.models import (
    ActionItem,
    DataSource,
    Indicator,
    Meeting,
    Plan,
    PlanActivity,
    Programme,
    Realisation,
    Target,
    TaskForce,
    TaskForceMember,
    Volunteer,
)
from simpul.prevention import selectors as prevention_selectors

MANAGERS = ("kepala", "admin")


def _check_manager(actor: Any, org: Organisation) -> None:
    if not access.actor_for(actor).in_org(org.pk, *MANAGERS):
        raise access.AccessDenied()


def _assign(obj: Any, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    changed = []
    for k in fields:
        if k in data:
            setattr(obj, k, data[k])
            changed.append(k)
    return changed


@transaction.atomic
def taskforce_save(*, actor: Any, organisation: Organisation | None = None, data: dict[str, Any], task_force: TaskForce | None = None) -> TaskForce:
    if task_force is None:
        if organisation is None:
            raise access.AccessDenied()
        _check_manager(actor, organisation)
        task_force = TaskForce(organisation=organisation)
    else:
        access.check(actor, "edit", task_force)
    fields = _assign(task_force, data, ("name", "kind", "level", "region", "legal_basis", "is_active"))
    task_force.full_clean()
    task_force.save()
    audit.record("coordination.taskforce_save", actor=actor, obj=task_force, organisation_id=task_force.organisation_id, fields=fields)
    return task_force


@transaction.atomic
def member_add(*, actor: Any, task_force: TaskForce, data: dict[str, Any]) -> TaskForceMember:
    access.check(actor, "edit", task_force)
    if not data.get("organisation") and not data.get("user"):
        raise ValidationError({"organisation": _("Isi organisasi atau pengguna anggota.")})
    if data.get("term_start") and data.get("term_end") and data["term_end"] < data["term_start"]:
        raise ValidationError({"term_end": _("Akhir masa tugas tidak boleh sebelum awalnya.")})
    m = TaskForceMember(task_force=task_force)
    fields = _assign(m, data, ("organisation", "user", "position", "role", "term_start", "term_end"))
    m.position = m.position or ""
    m.full_clean()
    m.save()
    audit.record("coordination.member_add", actor=actor, obj=task_force, organisation_id=task_force.organisation_id, fields=fields)
    return m


@transaction.atomic
def meeting_save(*, actor: Any, task_force: TaskForce, data: dict[str, Any]) -> Meeting:
    access.check(actor, "edit", task_force)
    m = Meeting(task_force=task_force)
    fields = _assign(m, data, ("date", "place", "agenda", "minutes"))
    m.full_clean(exclude=["attendees"])
    m.save()
    m.attendees.set(data.get("attendees") or [])
    audit.record("coordination.meeting_save", actor=actor, obj=m, organisation_id=task_force.organisation_id, fields=fields)
    return m


@transaction.atomic
def action_add(*, actor: Any, task_force: TaskForce, data: dict[str, Any], meeting: Meeting | None = None) -> ActionItem:
    access.check(actor, "edit", task_force)
    a = ActionItem(task_force=task_force, meeting=meeting)
    fields = _assign(a, data, ("description", "owner_org", "owner_name", "due_date"))
    a.owner_name = a.owner_name or ""
    a.full_clean()
    a.save()
    audit.record("coordination.action_add", actor=actor, obj=a, organisation_id=task_force.organisation_id, fields=fields)
    return a


@transaction.atomic
def action_set_status(*, actor: Any, item: ActionItem, status: str) -> ActionItem:
    """The secretariat, or the owner organisation's kepala/admin, updates the status."""
    if not (access.can(actor, "edit", item.task_force) or access.actor_for(actor).in_org(item.owner_org_id, *MANAGERS)):
        raise access.AccessDenied()
    item.status = status
    item.full_clean()
    item.save(update_fields=["status"])
    audit.record("coordination.action_status", actor=actor, obj=item, organisation_id=item.task_force.organisation_id, fields=["status"], extra={"status": status})
    return item


@transaction.atomic
def volunteer_save(*, actor: Any, data: dict[str, Any], volunteer: Volunteer | None = None) -> Volunteer:
    org: Organisation = data.get("organisation") or (volunteer.organisation if volunteer else None)  # type: ignore[assignment]
    act = access.actor_for(actor)
    if org is None or not (act.in_org(org.pk, "kepala") or act.in_org(org.parent_id, "kepala")):  # named registry: not admin
        raise access.AccessDenied()
    if volunteer is not None:
        access.check(actor, "edit", volunteer)
    trainings = data.get("trainings")
    if trainings is not None and not all(prevention_selectors.is_training(t) for t in trainings):
        raise ValidationError({"trainings": _("Hanya kegiatan berjenis pelatihan yang dapat dicatat sebagai pelatihan.")})
    v = volunteer or Volunteer()
    fields = _assign(v, data, ("organisation", "user", "kind", "name", "region", "is_active"))
    v.save()
    if trainings is not None:
        v.trainings.set(trainings)
        fields.append("trainings")
    audit.record("coordination.volunteer_save", actor=actor, obj=v, organisation_id=v.organisation_id, fields=fields)
    return v


@transaction.atomic
def plan_save(*, actor: Any, organisation: Organisation | None = None, data: dict[str, Any], plan: Plan | None = None) -> Plan:
    if plan is None:
        if organisation is None:
            raise access.AccessDenied()
        _check_manager(actor, organisation)
        plan = Plan(organisation=organisation)
    else:
        access.check(actor, "edit", plan)
    if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
        raise ValidationError({"end_year": _("Tahun selesai tidak boleh sebelum tahun mulai.")})
    fields = _assign(plan, data, ("title", "legal_basis", "region", "start_year", "end_year"))
    plan.full_clean()
    plan.save()
    audit.record("coordination.plan_save", actor=actor, obj=plan, organisation_id=plan.organisation_id, fields=fields)
    return plan


@transaction.atomic
def programme_add(*, actor: Any, plan: Plan, name: str, order: int = 1) -> Programme:
    access.check(actor, "edit", plan)
    p = Programme.objects.create(plan=plan, name=name, order=order)
    audit.record("coordination.programme_add", actor=actor, obj=plan, fields=["programmes"])
    return p


@transaction.atomic
def plan_activity_add(*, actor: Any, programme: Programme, name: str, order: int = 1) -> PlanActivity:
    access.check(actor, "edit", programme.plan)
    a = PlanActivity.objects.create(programme=programme, name=name, order=order)
    audit.record("coordination.plan_activity_add", actor=actor, obj=programme.plan, fields=["activities"])
    return a


@transaction.atomic
def indicator_add(*, actor: Any, activity: PlanActivity, data: dict[str, Any]) -> Indicator:
    access.check(actor, "edit", activity.programme.plan)
    if data.get("source") == DataSource.COMPUTED and data.get("computed_key") not in indicators.REGISTRY:
        raise ValidationError({"computed_key": _("Pilih perhitungan untuk indikator yang dihitung otomatis.")})
    if data.get("source") != DataSource.COMPUTED:
        data = {**data, "computed_key": ""}
    ind = Indicator(activity=activity)
    fields = _assign(ind, data, ("name", "unit", "baseline", "responsible", "source", "computed_key"))
    ind.full_clean()
    ind.save()
    audit.record("coordination.indicator_add", actor=actor, obj=ind, fields=fields)
    return ind


@transaction.atomic
def target_set(*, actor: Any, indicator: Indicator, year: int, value: Decimal) -> Target:
    access.check(actor, "edit", indicator)
    plan = indicator.activity.programme.plan
    if year not in plan.years:
        raise ValidationError({"year": _("Tahun di luar periode rencana (%(a)d–%(b)d).") % {"a": plan.start_year, "b": plan.end_year}})
    t, _created = Target.objects.update_or_create(indicator=indicator, year=year, defaults={"value": value})
    audit.record("coordination.target_set", actor=actor, obj=indicator, fields=["targets"], extra={"year": year})
    return t


@transaction.atomic
def realisation_set(*, actor: Any, indicator: Indicator, year: int, value: Decimal, evidence: str = "") -> Realisation:
    access.check(actor, "realise", indicator)
    if indicator.source == DataSource.COMPUTED:
        raise ValidationError({"value": _("Indikator ini dihitung otomatis dari data Simpul; realisasi tidak diisi manual.")})
    plan = indicator.activity.programme.plan
    if year not in plan.years:
        raise ValidationError({"year": _("Tahun di luar periode rencana (%(a)d–%(b)d).") % {"a": plan.start_year, "b": plan.end_year}})
    r, _created = Realisation.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": value, "evidence": evidence, "entered_by": actor}
    )
    audit.record("coordination.realisation_set", actor=actor, obj=indicator, fields=["realisations"], extra={"year": year})
    return r
