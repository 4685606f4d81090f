"""Reading counts. Two paths give the same numbers:

* the **raw path** reads the case tables (plain statistical columns only) and applies
  ``rules.case_contributions`` to each case;
* the **summary path** sums ``YearlyCount`` rows for whole calendar years and ``MonthlyCount``
  rows otherwise (both built by the same rules); it is used
  for national, province and kabupaten scopes over whole months (month, quarter, year,
  year to date). Custom periods that cut a month, and kecamatan/desa scopes, use the raw path.

Tests compare both paths after random inserts, edits and deletions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.cases.models import (
    Case,
    CaseParty,
    Incident,
    IncidentForm,
    PartyRole,
    Relationship,
    ServiceDelivery,
)
from simpul.intake import selectors as intake_selectors
from simpul.regions.codes import level_of
from simpul.stats import rules
from simpul.stats.models import CaseFact, MonthlyCount, YearlyCount
from simpul.stats.rules import BASIS_INCIDENT, BASIS_REPORT, CaseInput, Cell, Perpetrator, Victim

# --- Scope and period ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A jurisdiction: None = national, "63" province, "63.06" kabupaten, deeper = kecamatan/desa."""

    code: str | None

    @property
    def level(self) -> int:
        return 0 if not self.code else level_of(self.code)

    def case_q(self, prefix: str = "") -> Q:
        if not self.code:
            return Q()
        if self.level == 1:
            return Q(**{prefix + "province_code": self.code})
        if self.level == 2:
            return Q(**{prefix + "kabupaten_code": self.code})
        return Q(**{prefix + "region_id": self.code}) | Q(
            **{prefix + "region__code__startswith": self.code + "."}
        )

    def summary_q(self) -> Q:
        if not self.code:
            return Q()
        return Q(province_code=self.code) if self.level == 1 else Q(kabupaten_code=self.code)

    @property
    def child_dimension(self) -> str:
        return "kabupaten" if self.level <= 1 else "kecamatan"


PERIOD_KINDS = ("year", "quarter", "month", "custom")
_PERIOD_VALUE = re.compile(r"^(?P<y>\d{4})(?:-Q(?P<q>[1-4])|-(?P<m>\d{2}))?$")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: str = "year"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return _("Triwulan %(q)s %(y)s") % {"q": (self.start.month - 1) // 3 + 1, "y": self.start.year}
        if self.kind == "month":
            return self.start.strftime("%m/%Y")
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def value(self) -> str:
        """The one ``periode`` value naming this period: ``2025``, ``2025-Q1``, ``2025-03``, ``custom``."""
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return "custom"

    @property
    def query(self) -> str:
        """Query string of this period (links that keep it)."""
        if self.kind == "custom":
            return f"periode=custom&dari={self.start.isoformat()}&sampai={self.end.isoformat()}"
        return f"periode={self.value}"

    def month_aligned(self, today: dt.date) -> bool:
        """Whole months (an end at or after today counts as whole: nothing is dated later)."""
        if self.start.day != 1:
            return False
        nxt = self.end + dt.timedelta(days=1)
        return nxt.day == 1 or self.end >= today

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        return cls(dt.date(year, month, 1), end, "month")

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        start_m = 3 * (q - 1) + 1
        end = Period.month(year, start_m + 2).end
        return cls(dt.date(year, start_m, 1), end, "quarter")

    @classmethod
    def parse(cls, data: object, today: dt.date | None = None) -> Period:
        """From query parameters: periode=year|quarter|month|custom, tahun, triwulan, bulan, dari, sampai."""
        today = today or timezone.localdate()
        get = getattr(data, "get", lambda *_a: None)

        def _int(key: str, default: int, lo: int, hi: int) -> int:
            try:
                v = int(get(key) or default)
            except (TypeError, ValueError):
                return default
            return v if lo <= v <= hi else default

        kind = get("periode") or "year"
        year = _int("tahun", today.year, 2000, today.year)
        # One value for the whole period (the dashboard's single select): 2025, 2025-Q1, 2025-03.
        m = _PERIOD_VALUE.match(kind)
        if m and 2000 <= int(m["y"]) <= today.year:
            y = int(m["y"])
            if m["q"]:
                return cls.quarter(y, int(m["q"]))
            if m["m"] and 1 <= int(m["m"]) <= 12:
                return cls.month(y, int(m["m"]))
            if not m["m"]:
                return cls.year(y)
        if kind == "month":
            return cls.month(year, _int("bulan", today.month, 1, 12))
        if kind == "quarter":
            return cls.quarter(year, _int("triwulan", (today.month - 1) // 3 + 1, 1, 4))
        if kind == "custom":
            try:
                start = dt.date.fromisoformat(get("dari") or "")
                end = dt.date.fromisoformat(get("sampai") or "")
            except ValueError:
                return cls.year(year)
            if start > end or (end - start).days > 3660:
                return cls.year(year)
            return cls(start, end, "custom")
        return cls.year(year)


def period_choices(today: dt.date, current: Period) -> list[tuple[str, str]]:
    """The common periods of the dashboard's one period select, newest first, then the custom
    range; the period being shown is always among them."""
    from django.utils.translation import gettext as _

    q = (today.month - 1) // 3 + 1
    last_q = Period.quarter(today.year - (q == 1), 4 if q == 1 else q - 1)
    last_m = Period.month(today.year - (today.month == 1), 12 if today.month == 1 else today.month - 1)
    options = [
        (str(today.year), _("Tahun ini (%(y)s)") % {"y": today.year}),
        (Period.quarter(today.year, q).value, _("Triwulan ini (%(p)s)") % {"p": Period.quarter(today.year, q).label}),
        (last_q.value, _("Triwulan lalu (%(p)s)") % {"p": last_q.label}),
        (Period.month(today.year, today.month).value, _("Bulan ini (%(p)s)") % {"p": Period.month(today.year, today.month).label}),
        (last_m.value, _("Bulan lalu (%(p)s)") % {"p": last_m.label}),
    ]
    options += [(str(y), _("Tahun %(y)s") % {"y": y}) for y in range(today.year - 1, today.year - 8, -1)]
    if current.kind != "custom" and current.value not in {v for v, _label in options}:
        options.insert(0, (current.value, current.label))
    options.append(("custom", _("Rentang tanggal lain…")))
    return options


# --- Raw path: load plain attributes of cases ---------------------------------------------------


def load_inputs(cases: QuerySet[Case]) -> list[CaseInput]:
    """CaseInput for every case of ``cases`` (seven queries, whatever the number of cases)."""
    ids = cases.values("pk")
    inputs: dict[int, CaseInput] = {}
    for row in cases.values_list(
        "pk",
        "province_code",
        "kabupaten_code",
        "region_id",
        "reported_at",
        "jenis_kasus",
        "stage",
        "status",
        "channel",
        "risk",
    ).order_by():
        inputs[row[0]] = CaseInput(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]
        )
    if not inputs:
        return []
    for case_id, date, place in (
        Incident.objects.filter(case_id__in=ids).values_list("case_id", "date", "place").order_by()
    ):
        c = inputs[case_id]
        if date is not None:
            c.incident_dates.append(date)
        c.places.add(place)
    for case_id, form in (
        IncidentForm.objects.filter(case_id__in=ids).values_list("case_id", "form").order_by()
    ):
        inputs[case_id].forms.add(form)
    victims = (
        CaseParty.objects.filter(case_id__in=ids, role=PartyRole.KORBAN)
        .values_list(
            "case_id",
            "age_at_incident",
            "person__sex",
            "person__disabilities",
            "person__education",
            "person__occupation",
            "person__marital_status",
        )
        .order_by("case_id", "id")
    )
    for case_id, age, sex, dis, edu, occ, mar in victims:
        inputs[case_id].victims.append(Victim(age, sex, list(dis or []), edu, occ, mar))
    perps: dict[int, Perpetrator] = {}
    for pid, case_id, sex in (
        CaseParty.objects.filter(case_id__in=ids, role=PartyRole.PELAKU)
        .values_list("pk", "case_id", "person__sex")
        .order_by("case_id", "id")
    ):
        perps[pid] = Perpetrator(sex)
        inputs[case_id].perpetrators.append(perps[pid])
    for pid, relation in (
        Relationship.objects.filter(incident__case_id__in=ids)
        .values_list("perpetrator_id", "relation")
        .order_by()
    ):
        if pid in perps:
            perps[pid].relations.add(relation)
    for case_id, service in (
        ServiceDelivery.objects.filter(case_id__in=ids)
        .values_list("case_id", "service_type")
        .order_by("case_id", "id")
    ):
        inputs[case_id].services.append(service)
    return list(inputs.values())


def cases_in(scope: Scope, period: Period | None, basis: str) -> QuerySet[Case]:
    qs = Case.objects.filter(scope.case_q())
    if period is None:
        return qs
    if basis == BASIS_INCIDENT:
        first = (
            Incident.objects.filter(case=OuterRef("pk"), date__isnull=False)
            .order_by()
            .values("case")
            .annotate(m=Min("date"))
            .values("m")
        )
        return qs.annotate(first_incident=Subquery(first)).filter(
            first_incident__gte=period.start, first_incident__lte=period.end
        )
    return qs.filter(reported_at__gte=period.start, reported_at__lte=period.end)


def sum_contributions(inputs: Iterable[CaseInput]) -> Counter[Cell]:
    total: Counter[Cell] = Counter()
    for c in inputs:
        total.update(rules.case_contributions(c))
    return total


def raw_counts(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> Counter[Cell]:
    return sum_contributions(load_inputs(cases_in(scope, period, basis)))


def raw_monthly_totals(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> dict[dt.date, int]:
    out: Counter[dt.date] = Counter()
    if basis == BASIS_REPORT:
        dates = cases_in(scope, period, basis).values_list("reported_at", flat=True).order_by()
    else:
        dates = cases_in(scope, period, basis).values_list("first_incident", flat=True).order_by()  # type: ignore[misc]
    for d in dates:
        if d is not None:
            out[d.replace(day=1)] += 1
    return dict(out)


# --- Summary path ------------------------------------------------------------------------------


def whole_years(period: Period) -> tuple[int, int] | None:
    """(first, last) when the period is whole calendar years (read from ``YearlyCount``)."""
    if (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31):
        return period.start.year, period.end.year
    return None


def summary_counts(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> Counter[Cell]:
    years = whole_years(period)
    if years:
        by_year = (
            YearlyCount.objects.filter(scope.summary_q(), basis=basis, year__gte=years[0], year__lte=years[1])
            .values_list("unit", "dimension", "value")
            .annotate(n=Sum("count"))
            .order_by()
        )
        return Counter({(u, d, v): n for u, d, v, n in by_year if n})
    rows = (
        MonthlyCount.objects.filter(
            scope.summary_q(), basis=basis, month__gte=period.start.replace(day=1), month__lte=period.end
        )
        .values_list("unit", "dimension", "value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return Counter({(u, d, v): n for u, d, v, n in rows if n})


def summary_monthly_totals(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> dict[dt.date, int]:
    rows = (
        MonthlyCount.objects.filter(
            scope.summary_q(),
            basis=basis,
            unit=rules.KASUS,
            dimension=rules.TOTAL,
            month__gte=period.start.replace(day=1),
            month__lte=period.end,
        )
        .values_list("month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {m: n for m, n in rows if n}


def use_summary(scope: Scope, period: Period, today: dt.date | None = None) -> bool:
    return scope.level <= 2 and period.month_aligned(today or timezone.localdate())


def counts(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> Counter[Cell]:
    if use_summary(scope, period):
        return summary_counts(scope, period, basis)
    return raw_counts(scope, period, basis)


def monthly_totals(scope: Scope, period: Period, basis: str = BASIS_REPORT) -> dict[dt.date, int]:
    if use_summary(scope, period):
        return summary_monthly_totals(scope, period, basis)
    return raw_monthly_totals(scope, period, basis)


def unknown_incident_dates(scope: Scope) -> int:
    """Cases without any known incident date (left out of every "tanggal kejadian" table)."""
    if scope.level <= 2:
        return CaseFact.objects.filter(scope.summary_q(), incident_date__isnull=True).count()
    return Case.objects.filter(scope.case_q()).exclude(incidents__date__isnull=False).count()


# --- Current state (not tied to a period) --------------------------------------------------------

OPEN_AGE_BUCKETS: list[tuple[str, int, int | None]] = [
    ("0-30", 0, 30),
    ("31-90", 31, 90),
    ("91-180", 91, 180),
    (">180", 181, None),
]


def open_cases_by_age(scope: Scope, today: dt.date | None = None) -> list[tuple[str, int]]:
    """Open cases by days since the report date (one query on the case facts)."""
    today = today or timezone.localdate()
    from django.db.models import Count

    aggs: dict[str, Any] = {}
    for _label, lo, hi in OPEN_AGE_BUCKETS:
        cond = Q(reported_at__lte=today - dt.timedelta(days=lo))
        if hi is not None:
            cond &= Q(reported_at__gte=today - dt.timedelta(days=hi))
        aggs["b" + str(len(aggs))] = Count("pk", filter=cond)
    if scope.level <= 2:
        qs = CaseFact.objects.filter(scope.summary_q(), status="open")
    else:
        qs = CaseFact.objects.filter(
            Q(region_code=scope.code) | Q(region_code__startswith=(scope.code or "") + "."), status="open"
        )
    row = qs.aggregate(**aggs)
    return [(label, row["b" + str(i)] or 0) for i, (label, _lo, _hi) in enumerate(OPEN_AGE_BUCKETS)]


def referral_turnaround(scope: Scope, period: Period) -> dict[str, object]:
    """Referrals sent in the period from cases in scope: answered, median days to answer, on time."""
    from simpul.cases.models import Referral

    # A datetime range in the local time zone (what ``sent_at__date`` means) that can use an index,
    # instead of casting every row's timestamp to a date.
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    # Province/kabupaten: the referral's own copy of the case's codes (indexed with sent_at).
    where = scope.summary_q() if scope.level <= 2 else scope.case_q("case__")
    sent = Referral.objects.filter(where, sent_at__gte=start, sent_at__lt=end).order_by()
    # Counted in the database (a large province-year has thousands of referrals; converting their
    # timestamps in Python cost more than the whole query).
    by_status: Counter[str] = Counter(dict(sent.values_list("status").annotate(n=Count("pk")).order_by()))
    answered_qs = sent.filter(responded_at__isnull=False)
    agg = answered_qs.aggregate(
        answered=Count("pk"), on_time=Count("pk", filter=Q(responded_at__date__lte=F("due_date")))
    )
    answered, on_time = agg["answered"] or 0, agg["on_time"] or 0
    median = None
    if answered:
        waits = (
            answered_qs.annotate(wait=ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField()))
            .order_by("wait")
            .values_list("wait", flat=True)
        )
        mid = answered // 2
        middle = list(waits[mid - 1 : mid + 1]) if answered % 2 == 0 else list(waits[mid : mid + 1])
        median = round(sum(w.total_seconds() for w in middle) / len(middle) / 86400, 1)
    return {
        "sent": sum(by_status.values()),
        "answered": answered,
        "on_time": on_time,
        "median_days": median,
        "by_status": dict(by_status),
    }


def response_compliance(scope: Scope, period: Period) -> dict[str, object] | None:
    """Intake reports received in the period: share handled (first action) within their clock."""
    rows = intake_selectors.received_values(scope.code, period.start, period.end, "due_at", "first_action_at", with_clock=True)
    if not rows:
        return None
    now = timezone.now()
    within = sum(1 for due, first in rows if due is not None and first is not None and first <= due)
    late = sum(1 for due, first in rows if due is not None and first is not None and first > due)
    overdue_open = sum(1 for due, first in rows if due is not None and first is None and due < now)
    waiting = len(rows) - within - late - overdue_open
    return {
        "total": len(rows),
        "within": within,
        "late": late,
        "overdue_open": overdue_open,
        "waiting": waiting,
        "share": round(100 * within / len(rows), 1),
    }


def group_by_month(values: dict[dt.date, int]) -> dict[int, dict[int, int]]:
    """{year: {month: n}} from {month_start: n}."""
    out: dict[int, dict[int, int]] = defaultdict(dict)
    for m, n in values.items():
        out[m.year][m.month] = out[m.year].get(m.month, 0) + n
    return dict(out)
