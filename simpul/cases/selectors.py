"""Every read of case data, scoped through the access layer. Lists show masked identities
only (initials, age band, masked NIK); full views write an audit row naming the fields shown."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import astuple, dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case as DbCase
from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from simpul import access, validators
from simpul.access.roles import Role
from simpul.audit.services import record
from simpul.cases.models import (
    Approval,
    ApprovalStatus,
    Case,
    CaseAssignment,
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseTask,
    Form,
    Incident,
    IncidentForm,
    LegalProcess,
    PartyRole,
    Referral,
    ReferralStatus,
    Risk,
    ServiceDelivery,
    ServiceType,
    Stage,
    Status,
    TaskStatus,
)
from simpul.people.models import Person
from simpul.people.nik import mask_nik
from simpul.people.services import initials

AGE_BANDS = ((0, 5, "0-5"), (6, 12, "6-12"), (13, 17, "13-17"), (18, 24, "18-24"), (25, 44, "25-44"), (45, 59, "45-59"))


def age_band(age: int | None) -> str:
    if age is None:
        return "—"
    for lo, hi, label in AGE_BANDS:
        if lo <= age <= hi:
            return label
    return "60+"


def masked_victim(full_name: str | None, nik: str | None, age: int | None, sex: str) -> dict[str, str]:
    """A victim as lists show it: initials, age band, sex code, masked NIK."""
    return {"initials": initials(full_name), "age_band": age_band(age), "sex": sex, "nik": mask_nik(nik)}


QUEUES = ("mine", "team", "approval", "overdue")


@dataclass
class Filters:
    stage: str = ""
    risk: str = ""
    form: str = ""
    region: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str = "open"
    number: str = ""
    caseworker: int | None = None
    overdue: bool = False

    @classmethod
    def from_query(cls, data: Any) -> Filters:
        def _date(key: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat(data.get(key) or "")
            except ValueError:
                return None

        def _text(key: str, size: int) -> str:
            value = (data.get(key) or "").strip()[:size]
            return "" if validators.text_problem(value) else value  # NUL: PostgreSQL refuses it in a query

        f = cls(
            stage=data.get("stage", "") if data.get("stage", "") in Stage.values else "",
            risk=data.get("risk", "") if data.get("risk", "") in Risk.values else "",
            form=data.get("form", "") if data.get("form", "") in Form.values else "",
            region=_text("region", 13),
            date_from=_date("date_from"),
            date_to=_date("date_to"),
            status=data.get("status", "open") if data.get("status", "open") in ("open", "closed", "all") else "open",
            number=_text("number", 40),
            caseworker=int(data.get("caseworker")) if (data.get("caseworker") or "").isdigit() and len(data.get("caseworker") or "") <= 9 else None,
            overdue=data.get("overdue") in ("1", "on", "true"),
        )
        return f


# A case is overdue when it has one of these child rows in this status with its due date past.
# The "overdue" queue (a filter) and the list flag (read for a page of ids) both come from here.
OVERDUE_WHEN: tuple[tuple[type[CaseTask] | type[Referral], str], ...] = (
    (CaseTask, TaskStatus.OPEN),
    (Referral, ReferralStatus.SENT),
)


def _overdue_q(today: dt.date) -> Q:
    q = Q(pk__in=[])
    for model, status in OVERDUE_WHEN:
        q |= Q(Exists(model.objects.filter(case=OuterRef("pk"), status=status, due_date__lt=today)))
    return q


def _overdue_sql(case_pk: str, today: dt.date) -> tuple[str, list[Any]]:
    """OVERDUE_WHEN as an SQL expression (1/true when overdue) over the case id column ``case_pk``
    of an enclosing statement; table names come from the models, values are parameters."""
    parts, params = [], []
    for model, status in OVERDUE_WHEN:
        parts.append(
            f"EXISTS (SELECT 1 FROM {model._meta.db_table} WHERE case_id = {case_pk} AND status = %s AND due_date < %s)"  # noqa: S608
        )
        params += [status, today]
    return "(" + " OR ".join(parts) + ")", params


def case_queryset(actor: Any, *, queue: str = "team", filters: Filters | None = None, today: dt.date | None = None) -> QuerySet[Case]:
    """Cases the actor may see in ``queue``, filtered, ready for a list (constant queries)."""
    today = today or timezone.localdate()
    filters = filters or Filters()
    qs = access.visible(actor, Case, "list")
    user_id = getattr(getattr(actor, "user", actor), "pk", None)
    if queue == "mine":
        qs = qs.filter(pk__in=CaseAssignment.objects.filter(user_id=user_id or 0, ended_at__isnull=True).values("case_id"))
    elif queue == "approval":
        pending = access.visible(actor, Approval, "decide").filter(status=ApprovalStatus.REQUESTED).values("case_id")
        qs = qs.filter(pk__in=pending)
    elif queue == "overdue":
        qs = qs.filter(_overdue_q(today))
    if filters.status == "open":
        qs = qs.filter(status=Status.OPEN)
    elif filters.status == "closed":
        qs = qs.filter(status=Status.CLOSED)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.risk:
        qs = qs.filter(risk=filters.risk)
    if filters.form:
        qs = qs.filter(Exists(IncidentForm.objects.filter(case=OuterRef("pk"), form=filters.form)))
    if filters.region:
        if filters.region.count(".") == 1:
            qs = qs.filter(kabupaten_code=filters.region)
        elif filters.region.count(".") == 0:
            qs = qs.filter(province_code=filters.region)
        else:
            qs = qs.filter(Q(region_id=filters.region) | Q(region__code__startswith=filters.region + "."))
    if filters.date_from:
        qs = qs.filter(reported_at__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(reported_at__lte=filters.date_to)
    if filters.number:
        qs = qs.filter(number=filters.number)
    if filters.caseworker:
        qs = qs.filter(pk__in=CaseAssignment.objects.filter(user_id=filters.caseworker, ended_at__isnull=True).values("case_id"))
    if filters.overdue and queue != "overdue":
        qs = qs.filter(_overdue_q(today))
    return qs


# Sort keys of the case list (URL ``urut``): reported (newest first, the default), risk (high
# first), stage (workflow order), due (the earliest open due date of a task or a sent referral).
SORTS: tuple[str, ...] = ("reported", "-reported", "risk", "stage", "due")


def default_queue(actor: Any) -> str:
    """A pendamping lands on their own cases; managers and the head on the team queue."""
    a = access.actor_for(getattr(actor, "user", actor))
    if a.has_role(Role.PENDAMPING) and not a.has_role(Role.KEPALA, Role.MANAJER_KASUS):
        return "mine"
    return "team"


def order_cases(qs: QuerySet[Case], sort: str) -> QuerySet[Case]:
    """Order a case list by one of ``SORTS`` (unknown keys: newest reported first); ``id`` breaks ties."""
    if sort == "-reported":
        return qs.order_by("reported_at", "id")
    if sort == "risk":
        rank = DbCase(*[When(risk=r, then=Value(i)) for i, r in enumerate(Risk.values)], default=Value(9), output_field=IntegerField())
        return qs.order_by(rank, "-reported_at", "-id")
    if sort == "stage":
        rank = DbCase(*[When(stage=st, then=Value(i)) for i, st in enumerate(Stage.values)], default=Value(99), output_field=IntegerField())
        return qs.order_by(rank, "-reported_at", "-id")
    if sort == "due":
        task_due = CaseTask.objects.filter(case=OuterRef("pk"), status=TaskStatus.OPEN).order_by("due_date").values("due_date")[:1]
        ref_due = Referral.objects.filter(case=OuterRef("pk"), status=ReferralStatus.SENT).order_by("due_date").values("due_date")[:1]
        qs = qs.annotate(_t=Subquery(task_due), _r=Subquery(ref_due))
        first = DbCase(
            When(_t__isnull=True, then=F("_r")), When(_r__isnull=True, then=F("_t")), When(_t__lte=F("_r"), then=F("_t")),
            default=F("_r"),
        )
        return qs.annotate(_due=first).order_by(F("_due").asc(nulls_last=True), "-reported_at", "-id")
    return qs.order_by("-reported_at", "-id")


def caseworker_choices(actor: Any) -> list[tuple[int, str]]:
    """The caseworkers of the actor's organisations (the list's filter), one query."""
    from simpul.accounts.models import User

    a = access.actor_for(getattr(actor, "user", actor))
    users = User.objects.filter(
        is_active=True, memberships__organisation_id__in=a.org_ids(Role.KEPALA, Role.MANAJER_KASUS, Role.PENDAMPING),
        memberships__is_active=True, memberships__role__in=[Role.PENDAMPING, Role.MANAJER_KASUS],
    ).distinct().order_by("first_name", "username").only("id", "first_name", "last_name", "username")
    return [(u.pk, u.get_full_name() or u.username) for u in users]


@dataclass
class CaseRow:
    """One masked list row (no names, no full NIK)."""

    case: Case
    victims: list[dict[str, str]] = field(default_factory=list)
    caseworker: str = ""
    overdue: bool = False
    forms: list[str] = field(default_factory=list)


def list_rows(qs: QuerySet[Case], *, today: dt.date | None = None, compact: bool = False) -> list[CaseRow]:
    """Materialise a page of cases with victims (masked), lead caseworker, forms and an
    overdue flag in a fixed number of queries."""
    today = today or timezone.localdate()
    victims = Prefetch(
        "parties",
        queryset=CaseParty.objects.filter(role=PartyRole.KORBAN).select_related("person").only(
            "id", "case_id", "role", "age_at_incident", "is_child", "person__uid", "person__full_name", "person__nik", "person__sex"
        ),
        to_attr="victim_parties",
    )
    leads = Prefetch(
        "assignments",
        queryset=CaseAssignment.objects.filter(ended_at__isnull=True).select_related("user").only(
            "id", "case_id", "user__first_name", "user__last_name", "user__username"
        ),
        to_attr="active_assignments",
    )
    forms = Prefetch("forms", queryset=IncidentForm.objects.only("id", "case_id", "form"), to_attr="form_rows")
    # ``compact`` (API): no region names and no caseworker names (fewer rows to build).
    qs = qs.prefetch_related(victims, forms) if compact else qs.select_related("region").prefetch_related(victims, leads, forms)
    page = list(qs.annotate(is_overdue=_overdue_q(today)))
    rows = []
    for c in page:
        rows.append(
            CaseRow(
                case=c,
                victims=[
                    masked_victim(p.person.full_name, p.person.nik, p.age_at_incident, p.person.sex)
                    for p in c.victim_parties  # type: ignore[attr-defined]
                ],
                caseworker="" if compact else ", ".join(a.user.get_full_name() or a.user.username for a in c.active_assignments),  # type: ignore[attr-defined]
                overdue=bool(c.is_overdue),  # type: ignore[attr-defined]
                forms=sorted({f.form for f in c.form_rows}),  # type: ignore[attr-defined]
            )
        )
    return rows


LIST_VALUES = (
    "pk",
    "uid",
    "number",
    "organisation_id",
    "region_id",
    "kabupaten_code",
    "jenis_kasus",
    "risk",
    "kewenangan",
    "stage",
    "status",
    "reported_at",
    "version",
)


def _uid_text(value: Any) -> str:
    """A UUID column as read by a raw cursor (PostgreSQL: UUID; SQLite: 32 hex digits) -> text."""
    if isinstance(value, uuid.UUID):
        return str(value)
    h = value.replace("-", "")
    if len(h) != 32:
        raise ValueError(f"not a UUID: {value!r}")
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _date_text(value: Any) -> str:
    return value if isinstance(value, str) else value.isoformat()


# Compiled list statements by (database, actor.scope_key, queue, filters, day): compiling the
# scoped, filtered query costs more than running it, and it is a pure function of that key (the
# access policies promise it; memberships are read for every request, so a changed seat is a new
# key). Bounded: cleared when full.
_LIST_STATEMENTS: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}
_LIST_STATEMENTS_MAX = 512


def _list_statement(actor: Any, queue: str, filters: Filters, today: dt.date) -> tuple[str, tuple[Any, ...]]:
    actor = access.actor_for(getattr(actor, "user", actor))
    key = (connection.alias, connection.vendor, connection.settings_dict["NAME"], actor.scope_key, queue, astuple(filters), today)
    statement = _LIST_STATEMENTS.get(key)
    if statement is None:
        qs = case_queryset(actor, queue=queue, filters=filters, today=today)
        sql, params = qs.order_by().values_list(*LIST_VALUES).query.sql_with_params()
        if len(_LIST_STATEMENTS) >= _LIST_STATEMENTS_MAX:
            _LIST_STATEMENTS.clear()
        statement = _LIST_STATEMENTS[key] = (sql, tuple(params))
    return statement


def list_values(
    actor: Any, *, queue: str = "team", filters: Filters | None = None, offset: int = 0, limit: int = 100, today: dt.date | None = None
) -> tuple[int, list[int], list[dict[str, Any]]]:
    """One page of the cases the actor may see in ``queue`` (``case_queryset``), newest report
    first, as plain JSON-ready dicts (the API list): how many cases there are, the page's ids (for
    the audit) and its rows, with the same masked identities as ``list_rows`` but no model
    instances, in three queries whatever the page size. The scoped, filtered statement is compiled
    by the ORM once per key (``_list_statement``); one statement reads the count and the page (with
    overdue flags) from it, and two fixed statements over the page's ids read victims and forms.
    Rows skip the ORM's per-value converters."""
    today = today or timezone.localdate()
    sql, params = _list_statement(actor, queue if queue in QUEUES else "team", filters or Filters(), today)
    overdue_sql, overdue_params = _overdue_sql("listed.pk", today)
    with connection.cursor() as cur:
        # The scoped statement as a derived table (its columns are named as in LIST_VALUES: pk, ...),
        # read twice in one statement: the count (evaluated once) and the page with its overdue flags.
        cur.execute(
            f"SELECT (SELECT COUNT(*) FROM ({sql}) counted), listed.*, {overdue_sql} FROM ({sql}) listed "  # noqa: S608 - ORM-compiled
            "ORDER BY reported_at DESC, pk DESC LIMIT %s OFFSET %s",
            [*params, *overdue_params, *params, limit, offset],
        )
        page = cur.fetchall()
        if not page:  # an empty list, or a page past the end: count on its own
            cur.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608
            return cur.fetchone()[0], [], []
        count = page[0][0]
        ids = [r[1] for r in page]
        marks = ", ".join(["%s"] * len(ids))
        # Fixed SQL: table names from the models, only the ids are parameters.
        cur.execute(
            f"SELECT cp.case_id, cp.age_at_incident, p.uid, p.full_name, p.nik, p.sex FROM {CaseParty._meta.db_table} cp "  # noqa: S608
            f"JOIN {Person._meta.db_table} p ON p.id = cp.person_id WHERE cp.role = %s AND cp.case_id IN ({marks}) "
            "ORDER BY cp.case_id, cp.id",
            [PartyRole.KORBAN, *ids],
        )
        party_rows = cur.fetchall()
        cur.execute(f"SELECT case_id, form FROM {IncidentForm._meta.db_table} WHERE case_id IN ({marks})", ids)  # noqa: S608
        form_rows = cur.fetchall()
    name_field, nik_field = Person._meta.get_field("full_name"), Person._meta.get_field("nik")
    person_uids = [_uid_text(r[2]) for r in party_rows]
    names = name_field.open_many(zip(person_uids, (r[3] for r in party_rows), strict=True))  # type: ignore[attr-defined]
    niks = nik_field.open_many(zip(person_uids, (r[4] for r in party_rows), strict=True))  # type: ignore[attr-defined]
    victims: dict[int, list[dict[str, str]]] = {}
    for (case_id, age, _uid, _name, _nik, sex), name, nik in zip(party_rows, names, niks, strict=True):
        victims.setdefault(case_id, []).append(masked_victim(name, nik, age, sex))
    forms: dict[int, set[str]] = {}
    for case_id, form in form_rows:
        forms.setdefault(case_id, set()).add(form)
    return count, ids, [
        {
            "id": _uid_text(uid),
            "number": number,
            "organisation_id": org_id,
            "region": region,
            "kabupaten_code": kab,
            "jenis_kasus": jenis,
            "risk": risk,
            "kewenangan": kewenangan,
            "stage": stage,
            "status": status,
            "reported_at": _date_text(reported),
            "forms": sorted(forms.get(pk, ())),
            "victims": victims.get(pk, []),
            "overdue": bool(overdue),
            "version": version,
        }
        for _count, pk, uid, number, org_id, region, kab, jenis, risk, kewenangan, stage, status, reported, version, overdue in page
    ]


def audit_list_view(actor: Any, rows: list[CaseRow], *, request: Any = None, action: str = "case.list", case_ids: list[int] | None = None) -> None:
    ids = case_ids if case_ids is not None else [r.case.pk for r in rows]
    if not ids:
        return
    record(
        action,
        actor=getattr(actor, "user", actor),
        object_type="cases.case",
        fields=["victim.initials", "victim.age_band", "victim.nik_masked"],
        extra={"cases": ids[:200], "count": len(ids)},
        request=request,
    )


# Fields shown on the full case page (audit names them).
DETAIL_FIELDS = [
    "summary",
    "party.full_name",
    "party.nik",
    "party.phone",
    "party.birth_date",
    "party.address_detail",
    "incident.chronology",
    "assessment",
    "legal.police_report_number",
    "notes",
    "tasks",
    "referrals",
    "services",
    "attachments",
]


def case_detail(actor: Any, case: Case, *, request: Any = None) -> dict[str, Any]:
    """Everything on the case page (the caller fetched ``case`` through ``access.get_or_404``)."""
    user = getattr(actor, "user", actor)
    parties = list(case.parties.select_related("person", "person__address_region"))
    incidents = list(case.incidents.prefetch_related("forms", "relationships").select_related("region"))
    data = {
        "parties": parties,
        "incidents": incidents,
        "assessments": list(case.assessments.select_related("author")),
        "approvals": list(case.approvals.select_related("requested_by", "decided_by")),
        "legal": list(case.legal_processes.all()),
        "notes": list(case.notes.select_related("author", "replaces")),
        "tasks": list(case.tasks.select_related("assignee")),
        "services": list(case.services.select_related("provider")),
        "referrals": list(case.referrals.select_related("to_org").prefetch_related("actions")),
        "assignments": list(case.assignments.select_related("user", "assigned_by")),
        "events": list(case.events.select_related("actor").order_by("-at", "-id")[:200]),
        "victims": [p for p in parties if p.role == PartyRole.KORBAN],
        "perpetrators": [p for p in parties if p.role == PartyRole.PELAKU],
    }
    try:
        from simpul.files.services import attachments_for

        data["attachments"] = list(attachments_for(user, case))
    except ImportError:  # pragma: no cover - files module is installed
        data["attachments"] = []
    data["can"] = {a: access.can(user, a, case) for a in ("edit", "assign", "approve", "export", "reopen", "refer", "move", "assess", "plan")}
    record("case.view", actor=user, obj=case, organisation_id=case.organisation_id, fields=DETAIL_FIELDS, request=request)
    return data


def case_of(actor: Any, uid: Any, action: str = "view") -> Case:
    """The case ``uid`` if ``actor`` may see it (404 otherwise) and may do ``action`` on it (403 otherwise)."""
    case = access.get_or_404(actor, Case.objects.select_related("organisation", "region"), "view", uid=uid)
    if action != "view":
        access.check(actor, action, case)
    return case


def case_by_number(actor: Any, number: str) -> Case | None:
    """The case numbered ``number`` if ``actor`` may see it (intake attaches a report to it)."""
    return access.visible(actor, Case, "view").filter(number=(number or "").strip()).first()


def pending_approvals(actor: Any, case: Case) -> list[Approval]:
    return list(access.visible(actor, Approval, "decide").filter(case=case, status=ApprovalStatus.REQUESTED))


def org_staff(case: Case) -> QuerySet[Any]:
    from simpul.accounts.models import User

    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=case.organisation_id,
        memberships__is_active=True,
        memberships__role__in=[Role.PENDAMPING, Role.MANAJER_KASUS, Role.KEPALA],
    ).distinct().order_by("first_name", "username")



def legal_aid_count(region_code: str | None, year: int) -> int:
    """Cases whose legal aid (bantuan hukum) service started in ``year``, incident region in
    ``region_code`` (all when None). An aggregate for the RAD indicator "kasus yang menerima
    bantuan hukum" (simpul/coordination/indicators.py); no case content leaves this function."""
    qs = Case.objects.filter(
        Exists(ServiceDelivery.objects.filter(case=OuterRef("pk"), service_type=ServiceType.BANTUAN_HUKUM, start_date__year=year))
    )
    if region_code:
        if region_code.count(".") == 0:
            qs = qs.filter(province_code=region_code)
        elif region_code.count(".") == 1:
            qs = qs.filter(kabupaten_code=region_code)
        else:
            qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=region_code + "."))
    return qs.count()


# --- Reads behind the case pages ------------------------------------------------------------------


def export_rows(actor: Any, *, queue: str, filters: Filters, request: Any = None) -> list[CaseRow]:
    """The rows of the spreadsheet export (kepala and manajer_kasus organisations only, at most
    5,000, masked identities). The export is audited."""
    qs = case_queryset(actor, queue=queue if queue in QUEUES else "team", filters=filters)
    qs = qs.filter(organisation_id__in=access.actor_for(actor).org_ids(Role.KEPALA, Role.MANAJER_KASUS))
    rows = list_rows(qs.order_by("-reported_at", "-id")[:5000])
    record(
        "case.export",
        actor=actor,
        object_type="cases.case",
        fields=["number", "victim.initials", "victim.age_band", "forms"],
        extra={"count": len(rows), "queue": queue, "filters": {k: str(v) for k, v in vars(filters).items() if v}},
        request=request,
    )
    return rows


def opening_organisation(actor: Any) -> Any:
    """The UPTD PPA in which ``actor`` (kepala or manajer_kasus) opens a case directly, or None."""
    from simpul.accounts.models import Organisation, OrgType

    ids = access.actor_for(actor).org_ids(Role.KEPALA, Role.MANAJER_KASUS)
    return Organisation.objects.filter(pk__in=ids, type=OrgType.UPTD_PPA).first()


def recent_events(case: Case, *, days: int = 1, limit: int = 10) -> list[CaseEvent]:
    """The newest timeline entries around the case's last change (shown when an edit was refused as stale)."""
    since = case.updated_at - dt.timedelta(days=days)
    return list(case.events.filter(at__gte=since).select_related("actor").order_by("-at")[:limit])


def case_for_pdf(actor: Any, case: Case, *, request: Any = None) -> dict[str, Any]:
    """The case summary for the PDF (a view of the case, and a download: both audited)."""
    detail = case_detail(actor, case, request=request)
    record("case.pdf", actor=actor, obj=case, organisation_id=case.organisation_id, fields=DETAIL_FIELDS, request=request)
    return detail


def party_of(case: Case, party_id: int) -> CaseParty:
    """A party of ``case`` (the caller fetched ``case`` through the access layer); 404 if it is not one."""
    party = CaseParty.objects.select_related("person").filter(pk=party_id, case=case).first()
    if party is None:
        raise Http404()
    return party


def audit_party_view(actor: Any, case: Case, party: CaseParty, shown: list[str], *, request: Any = None) -> None:
    """The party edit form shows ``shown`` identity fields: a view of identifying data."""
    record("case.view", actor=actor, obj=case, organisation_id=case.organisation_id, fields=shown,
           extra={"party": party.pk, "page": "party_edit"}, request=request)


def latest_incident(case: Case) -> Incident | None:
    return case.incidents.order_by("-id").first()


def parties_by_role(case: Case) -> tuple[list[CaseParty], list[CaseParty]]:
    """(victims, perpetrators) of ``case``."""
    parties = list(case.parties.all())
    return [p for p in parties if p.role == PartyRole.KORBAN], [p for p in parties if p.role == PartyRole.PELAKU]


def service_providers(case: Case) -> list[Any]:
    """Active organisations of the case's province that may be named as a service's provider."""
    from simpul.accounts.models import Organisation

    return list(Organisation.objects.filter(is_active=True, region__code__startswith=case.province_code).order_by("name"))


def legal_process_of(case: Case) -> LegalProcess | None:
    return case.legal_processes.first()


def note_of(case: Case, note_id: int) -> CaseNote:
    note = CaseNote.objects.filter(case=case, pk=note_id).first()
    if note is None:
        raise Http404()
    return note


def task_of(case: Case, task_id: int) -> CaseTask:
    task = CaseTask.objects.filter(case=case, pk=task_id).first()
    if task is None:
        raise Http404()
    return task


def approval_to_decide(actor: Any, case: Case, approval_id: int) -> Approval:
    """An approval of ``case`` that ``actor`` may decide (404 if hidden, 403 if only visible)."""
    approval = access.get_or_404(actor, Approval.objects.filter(case=case), "view", pk=approval_id)
    access.check(actor, "decide", approval)
    return approval
