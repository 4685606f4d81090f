"""Every write of the prevention module: permission, validation, one transaction, audit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul import access
from simpul.accounts.models import Organisation
from simpul.audit import services as audit
from simpul.prevention.models import (
    Activity,
    ActivityTopic,
    ActivityType,
    Attendee,
    Campaign,
    FollowUp,
    ParticipantCount,
    Session,
    Speaker,
    StakeholderGroup,
)

ACTIVITY_FIELDS = ("title", "type", "main_topic", "start_date", "end_date", "venue", "region", "campaign", "description")


def _validate_activity(data: dict[str, Any]) -> None:
    if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
        raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


def _set_topics(activity: Activity, topics: list[str]) -> None:
    wanted = set(topics) | {activity.main_topic}
    ActivityTopic.objects.filter(activity=activity).exclude(topic__in=wanted).delete()
    have = set(ActivityTopic.objects.filter(activity=activity).values_list("topic", flat=True))
    ActivityTopic.objects.bulk_create([ActivityTopic(activity=activity, topic=t) for t in sorted(wanted - have)])


@transaction.atomic
def activity_create(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Activity:
    if not access.can(actor, "prevention.manage") or not access.actor_for(actor).in_org(organisation.pk, "kepala", "admin"):
        raise access.AccessDenied()
    _validate_activity(data)
    activity = Activity(organisation=organisation, created_by=actor, **{f: data.get(f) for f in ACTIVITY_FIELDS if f in data})
    activity.venue = activity.venue or ""
    activity.description = activity.description or ""
    activity.full_clean(exclude=["partners"])
    activity.save()
    activity.partners.set(data.get("partners") or [])
    _set_topics(activity, list(data.get("topics") or []))
    audit.record("prevention.activity_create", actor=actor, obj=activity, organisation_id=organisation.pk, fields=[f for f in ACTIVITY_FIELDS if f in data])
    return activity


@transaction.atomic
def activity_update(*, actor: Any, activity: Activity, data: dict[str, Any]) -> Activity:
    access.check(actor, "edit", activity)
    _validate_activity(data)
    changed = []
    for f in ACTIVITY_FIELDS:
        if f in data:
            value = data[f] if data[f] is not None or f in {"region", "campaign"} else ""
            if getattr(activity, f) != value:
                setattr(activity, f, value)
                changed.append(f)
    activity.full_clean(exclude=["partners"])
    activity.save()
    if "partners" in data:
        activity.partners.set(data["partners"] or [])
    if "topics" in data:
        _set_topics(activity, list(data["topics"] or []))
    audit.record("prevention.activity_update", actor=actor, obj=activity, organisation_id=activity.organisation_id, fields=changed)
    return activity


@transaction.atomic
def speaker_add(*, actor: Any, activity: Activity, name: str, institution: str = "", topic: str = "") -> Speaker:
    access.check(actor, "edit", activity)
    if not name.strip():
        raise ValidationError({"name": _("Nama narasumber wajib diisi.")})
    sp = Speaker.objects.create(activity=activity, name=name.strip(), institution=institution.strip(), topic=topic.strip())
    audit.record("prevention.speaker_add", actor=actor, obj=activity, fields=["speakers"])
    return sp


@transaction.atomic
def session_add(*, actor: Any, activity: Activity, order: int, date: Any, title: str, speaker: Speaker | None = None) -> Session:
    access.check(actor, "edit", activity)
    if date < activity.start_date or date > activity.end_date:
        raise ValidationError({"date": _("Tanggal sesi harus di antara tanggal mulai dan selesai kegiatan.")})
    if Session.objects.filter(activity=activity, order=order).exists():
        raise ValidationError({"order": _("Sesi ke-%(n)d sudah ada.") % {"n": order}})
    if speaker is not None and speaker.activity_id != activity.pk:
        raise ValidationError({"speaker": _("Narasumber bukan dari kegiatan ini.")})
    s = Session.objects.create(activity=activity, order=order, date=date, title=title, speaker=speaker)
    audit.record("prevention.session_add", actor=actor, obj=activity, fields=["sessions"])
    return s


@transaction.atomic
def count_set(*, actor: Any, activity: Activity, group: StakeholderGroup | None, sex: str, age_group: str, count: int) -> ParticipantCount | None:
    """Set (replace) the number of participants for one group x sex x age cell; 0 removes it."""
    access.check(actor, "edit", activity)
    if count < 0:
        raise ValidationError({"count": _("Jumlah tidak boleh negatif.")})
    row = ParticipantCount.objects.select_for_update().filter(activity=activity, group=group, sex=sex, age_group=age_group).first()
    if count == 0:
        if row is not None:
            row.delete()
        row = None
    elif row is None:
        row = ParticipantCount.objects.create(activity=activity, group=group, sex=sex, age_group=age_group, count=count)
    else:
        row.count = count
        row.save(update_fields=["count"])
    audit.record("prevention.count_set", actor=actor, obj=activity, fields=["counts"])
    return row


@transaction.atomic
def count_delete(*, actor: Any, activity: Activity, row_id: int) -> None:
    access.check(actor, "edit", activity)
    ParticipantCount.objects.filter(activity=activity, pk=row_id).delete()
    audit.record("prevention.count_delete", actor=actor, obj=activity, fields=["counts"])


@transaction.atomic
def attendee_add(*, actor: Any, activity: Activity, data: dict[str, Any]) -> Attendee:
    access.check(actor, "attendees", activity)
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama peserta wajib diisi.")})
    att = Attendee(
        activity=activity, name=name, phone=(data.get("phone") or "").strip(), group=data.get("group"),
        sex=data.get("sex") or "X", age_group=data.get("age_group") or "x",
    )
    att.save()
    audit.record("prevention.attendee_add", actor=actor, obj=att, organisation_id=activity.organisation_id, fields=["name", "phone", "group", "sex", "age_group"])
    return att


@transaction.atomic
def followup_add(*, actor: Any, activity: Activity, data: dict[str, Any]) -> FollowUp:
    access.check(actor, "edit", activity)
    fu = FollowUp.objects.create(
        activity=activity, description=data["description"], owner_org=data.get("owner_org"),
        owner_name=data.get("owner_name") or "", due_date=data.get("due_date"),
    )
    audit.record("prevention.followup_add", actor=actor, obj=activity, fields=["follow_ups"])
    return fu


@transaction.atomic
def followup_set_status(*, actor: Any, followup: FollowUp, status: str) -> FollowUp:
    access.check(actor, "edit", followup.activity)
    followup.status = status
    followup.full_clean()
    followup.save(update_fields=["status"])
    audit.record("prevention.followup_status", actor=actor, obj=followup.activity, fields=["follow_ups"], extra={"status": status})
    return followup


@transaction.atomic
def campaign_create(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Campaign:
    if not access.actor_for(actor).in_org(organisation.pk, "kepala", "admin"):
        raise access.AccessDenied()
    if data["end_date"] < data["start_date"]:
        raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    c = Campaign.objects.create(organisation=organisation, **{k: data[k] for k in ("name", "start_date", "end_date", "yearly", "description") if k in data})
    audit.record("prevention.campaign_create", actor=actor, obj=c, organisation_id=organisation.pk, fields=list(data))
    return c


@transaction.atomic
def group_save(*, actor: Any, group: StakeholderGroup | None, data: dict[str, Any]) -> StakeholderGroup:
    access.check(actor, "prevention.reference")
    group = group or StakeholderGroup()
    for k in ("code", "name", "order", "is_active"):
        if k in data:
            setattr(group, k, data[k])
    group.full_clean()
    group.save()
    audit.record("prevention.group_save", actor=actor, obj=group, fields=list(data))
    return group


def is_training(activity: Activity) -> bool:
    return activity.type == ActivityType.PELATIHAN
