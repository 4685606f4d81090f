"""Reads of the prevention module, always scoped through the access layer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.roles import Role
from simpul.audit import services as audit
from simpul.prevention.models import (
    Activity,
    ActivityType,
    AgeGroup,
    Attendee,
    FollowUp,
    ParticipantCount,
    Sex,
    StakeholderGroup,
    Topic,
)
from simpul.regions.models import Region

UNKNOWN = "x"
AGGREGATE_ROLES = (Role.KEPALA, Role.ADMIN, Role.ANALIS)


def activities(*, actor: Any, year: int | None = None, type: str = "", campaign_id: int | None = None) -> QuerySet[Activity]:
    qs = access.visible(actor, Activity, "view").select_related("organisation", "region", "campaign")
    if year:
        qs = qs.filter(start_date__year=year)
    if type:
        qs = qs.filter(type=type)
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    return qs.annotate(n_counted=Sum("counts__count", default=0))


def activity_total(activity: Activity) -> int:
    counted = activity.counts.aggregate(n=Sum("count", default=0))["n"]
    return int(counted) + activity.attendees.count()


def attendees(*, actor: Any, activity: Activity, request: Any = None) -> list[Attendee]:
    """The named attendance list: protected; every view is audited."""
    access.check(actor, "attendees", activity)
    rows = list(activity.attendees.select_related("group"))
    audit.record("prevention.attendees_view", actor=actor, obj=activity, organisation_id=activity.organisation_id, fields=["name", "phone"], extra={"rows": len(rows)}, request=request)
    return rows


def reach_scope(actor: Any) -> QuerySet[Activity]:
    """Activities whose numbers the actor may see in aggregate: their own organisations' and
    those within the jurisdiction of their kepala/admin/analis seats."""
    act = access.actor_for(actor)
    if not act.has_role(*AGGREGATE_ROLES):
        return Activity.objects.none()
    q = Q(organisation_id__in=act.org_ids(*AGGREGATE_ROLES))
    for seat in act.seats_with(*AGGREGATE_ROLES):
        if seat.region_code is None:
            return Activity.objects.all()
        code = seat.region_code
        inside = Q(region_id=code) | Q(region__code__startswith=code + ".")
        org_inside = Q(region__isnull=True) & (Q(organisation__region_id=code) | Q(organisation__region__code__startswith=code + "."))
        q |= inside | org_inside
    return Activity.objects.filter(q)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, people)

    @property
    def total(self) -> int:
        return sum(r[2] for r in self.rows)


@dataclass
class Reach:
    total: int
    activities: int
    breakdowns: list[Breakdown]


def _dim_key(dim: str, value: Any) -> str:
    if value is None or value == "":
        return UNKNOWN
    if dim == "kecamatan":
        return value if str(value).count(".") == 2 else UNKNOWN
    if dim == "month":
        return value.strftime("%Y-%m")
    return str(value)


def reach(*, actor: Any, start: dt.date | None = None, end: dt.date | None = None, campaign_id: int | None = None,
          topic: str = "", type: str = "") -> Reach:
    """People reached, with breakdowns by kecamatan, topic, group, sex, age group and month.
    Every breakdown sums to the total ('tidak diketahui' rows hold what is not known)."""
    qs = reach_scope(actor)
    if start:
        qs = qs.filter(start_date__gte=start)
    if end:
        qs = qs.filter(start_date__lte=end)
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    if topic:
        qs = qs.filter(main_topic=topic)
    if type:
        qs = qs.filter(type=type)
    # Aggregated in the database, one GROUP BY per breakdown over the scoped activities (a subquery,
    # never a list of ids), for counted participants and for named attendees.
    counted = ParticipantCount.objects.filter(activity__in=qs.values("pk"))
    named = Attendee.objects.filter(activity__in=qs.values("pk"))
    dims: dict[str, Any] = {
        "kecamatan": Substr("activity__region_id", 1, 8),
        "topic": F("activity__main_topic"),
        "group": F("group_id"),
        "sex": F("sex"),
        "age": F("age_group"),
        "month": TruncMonth("activity__start_date"),
    }
    by: dict[str, Counter[str]] = {k: Counter() for k in dims}
    for key, expr in dims.items():
        for source, measure in ((counted, Sum("count")), (named, Count("id"))):
            for k, n in source.annotate(k=expr).values("k").annotate(n=measure).values_list("k", "n").order_by():
                by[key][_dim_key(key, k)] += int(n or 0)
    n_activities = qs.count()
    total = sum(by["sex"].values())
    unknown = _("Tidak diketahui")
    kec_codes = [c for c in by["kecamatan"] if c != UNKNOWN]
    kec_names = dict(Region.objects.filter(code__in=kec_codes).values_list("code", "name"))
    group_names = {str(k): v for k, v in StakeholderGroup.objects.filter(pk__in=[int(g) for g in by["group"] if g != UNKNOWN]).values_list("pk", "name")}
    group_order = {str(k): v for k, v in StakeholderGroup.objects.values_list("pk", "order")}

    def rows(counter: Counter[str], labels: dict[str, str], order: list[str] | None = None) -> list[tuple[str, str, int]]:
        keys = [k for k in (order or sorted(counter)) if k in counter and k != UNKNOWN]
        out = [(k, labels.get(k, k), counter[k]) for k in keys]
        if counter.get(UNKNOWN):
            out.append((UNKNOWN, unknown, counter[UNKNOWN]))
        return out

    sex_labels = {str(k): str(v) for k, v in Sex.choices}
    age_labels = {str(k): str(v) for k, v in AgeGroup.choices}
    breakdowns = [
        Breakdown("kecamatan", _("Kecamatan"), rows(by["kecamatan"], {c: f"{kec_names.get(c, c)}" for c in kec_codes})),
        Breakdown("topic", _("Topik utama"), rows(by["topic"], {str(k): str(v) for k, v in Topic.choices}, [str(t) for t in Topic.values])),
        Breakdown("group", _("Kelompok peserta"), rows(by["group"], group_names, sorted((g for g in by["group"] if g != UNKNOWN), key=lambda g: (group_order.get(g, 999), g)))),
        Breakdown("sex", _("Jenis kelamin"), rows(by["sex"], sex_labels, [s for s in Sex.values if s != UNKNOWN.upper()])),
        Breakdown("age", _("Kelompok umur"), rows(by["age"], age_labels, [a for a in AgeGroup.values if a != UNKNOWN])),
        Breakdown("month", _("Bulan"), rows(by["month"], {})),
    ]
    # Sex uses "X" for unknown: fold it into the generic unknown row.
    sex = breakdowns[3]
    sex.rows = [r for r in sex.rows if r[0] != "X"] + ([("x", unknown, by["sex"]["X"])] if by["sex"].get("X") else [])
    return Reach(total=total, activities=n_activities, breakdowns=breakdowns)


def counts_of(activity: Activity) -> list[ParticipantCount]:
    """The participant counts of an activity the caller has already been allowed to see."""
    return list(
        ParticipantCount.objects.filter(activity=activity).select_related("group").order_by("group__order", "sex", "age_group")
    )


def followup_of(activity: Activity, followup_pk: int) -> FollowUp | None:
    """A follow-up of an activity the caller has already been allowed to see (None when absent)."""
    return FollowUp.objects.filter(activity=activity, pk=followup_pk).first()


def reach_exported(*, actor: Any, request: Any = None, fmt: str) -> None:
    """Record that the reach figures left the system as a file."""
    audit.record("prevention.reach_export", actor=actor, request=request, extra={"format": fmt})


def trainings() -> QuerySet[Activity]:
    """Trainings (pelatihan): what relawan/Satgas in coordination's registry may have attended."""
    return Activity.objects.filter(type=ActivityType.PELATIHAN)


def is_training(activity: Activity) -> bool:
    return activity.type == ActivityType.PELATIHAN


def trainings_until(year: int) -> QuerySet[Activity]:
    """Trainings held in ``year`` or before: what coordination counts trained relawan against."""
    return trainings().filter(start_date__year__lte=year)
