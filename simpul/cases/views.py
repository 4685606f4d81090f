"""Case pages. Thin: forms in, services out; reads through selectors (scoped, audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.accounts.models import Organisation
from simpul.audit.services import record
from simpul.cases import exports, forms, selectors, services
from simpul.cases.models import (
    Approval,
    ApprovalKind,
    Case,
    CaseNote,
    CaseParty,
    CaseTask,
    PartyRole,
    Referral,
    ReferralStatus,
)
from simpul.regions.models import Region

PAGE_SIZES = (10, 25, 50, 100)


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(name if name in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _case(request: HttpRequest, uid: Any, action: str = "view") -> Case:
    case = access.get_or_404(request.user, Case.objects.select_related("organisation", "region"), "view", uid=uid)
    if action != "view":
        access.check(request.user, action, case)
    return case


# --- Lists ------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "cases.list")
    queue = request.GET.get("antrian", "team")
    if queue not in selectors.QUEUES:
        queue = "team"
    filters = selectors.Filters.from_query(request.GET)
    filter_form = forms.FilterForm(request.GET or None)
    qs = selectors.case_queryset(request.user, queue=queue, filters=filters)
    try:
        size = int(request.GET.get("per", 25))
    except ValueError:
        size = 25
    size = size if size in PAGE_SIZES else 25
    page = Paginator(qs.order_by("-reported_at", "-id"), size).get_page(request.GET.get("hal"))
    rows = selectors.list_rows(page.object_list)  # type: ignore[arg-type]
    selectors.audit_list_view(request.user, rows, request=request)
    query = request.GET.copy()
    query.pop("hal", None)
    return render(
        request,
        "cases/list.html",
        {
            "rows": rows,
            "page": page,
            "queue": queue,
            "queues": [("mine", _("Kasus saya")), ("team", _("Antrian tim")), ("approval", _("Menunggu persetujuan")), ("overdue", _("Terlambat"))],
            "filter_form": filter_form,
            "query": query.urlencode(),
            "can_open": access.can(request.user, "case.open_direct", None),
            "can_export": access.can(request.user, "cases.export"),
        },
    )


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "cases.export")
    queue = request.GET.get("antrian", "team")
    filters = selectors.Filters.from_query(request.GET)
    qs = selectors.case_queryset(request.user, queue=queue if queue in selectors.QUEUES else "team", filters=filters)
    qs = qs.filter(organisation_id__in=access.core.actor_for(request.user).org_ids("kepala", "manajer_kasus"))
    rows = selectors.list_rows(qs.order_by("-reported_at", "-id")[:5000])
    record(
        "case.export",
        actor=request.user,
        object_type="cases.case",
        fields=["number", "victim.initials", "victim.age_band", "forms"],
        extra={"count": len(rows), "queue": queue, "filters": {k: str(v) for k, v in vars(filters).items() if v}},
        request=request,
    )
    response = HttpResponse(exports.cases_xlsx(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="kasus-{timezone.localdate().isoformat()}.xlsx"'
    return response


# --- Open / edit ------------------------------------------------------------------------------


@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    orgs = Organisation.objects.filter(pk__in=access.core.actor_for(request.user).org_ids("kepala", "manajer_kasus"), type="uptd_ppa")
    org = orgs.first()
    if org is None:
        raise access.AccessDenied()
    form = forms.CaseOpenForm(request.POST or None, initial={"region": org.region_id, "reported_at": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_open(actor=request.user, organisation=org, **form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Kasus %(n)s dibuka.") % {"n": case.number})
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(request, "cases/form.html", {"form": form, "title": _("Buka kasus baru"), "submit": _("Buka kasus")}, status=status)


@login_required
def case_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "edit")
    initial = {f: getattr(case, f) for f in ("jenis_kasus", "risk", "kewenangan", "channel", "reported_at", "summary")}
    initial.update(region=case.region_id, version=case.version)
    form = forms.CaseEditForm(request.POST or None, initial=initial)
    status = 200
    conflict: dict[str, Any] | None = None
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.case_update(actor=request.user, case=case, expected_version=version, **data)
            except services.StaleCase as exc:
                fresh = exc.case
                now = {f: getattr(fresh, f) for f in initial if f not in ("version", "region")}
                now["region"] = fresh.region_id
                labels = {name: form.fields[name].label for name in now}
                conflict = {
                    "changes": [
                        {"label": labels[k], "theirs": now[k], "yours": data.get(k)}
                        for k in now
                        if (now[k] or None) != (data.get(k) or None)
                    ],
                    "events": list(fresh.events.filter(at__gte=fresh.updated_at - dt.timedelta(days=1)).select_related("actor").order_by("-at")[:10]),
                }
                # Re-show the form with the user's input; the hidden version becomes the current
                # one so a deliberate second submit applies their values over the new state.
                post = request.POST.copy()
                post["version"] = str(fresh.version)
                form = forms.CaseEditForm(post)
                form.is_valid()
                status = 409
            except ValidationError as exc:
                _errors_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(
        request,
        "cases/form.html",
        {"form": form, "case": case, "title": _("Ubah identifikasi kasus"), "submit": _("Simpan"), "conflict": conflict},
        status=status,
    )


# --- Detail ------------------------------------------------------------------------------------


@login_required
def case_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid)
    detail = selectors.case_detail(request.user, case, request=request)
    victims = [(p.pk, f"{p.person.full_name or '—'}") for p in detail["victims"]]
    perps = [(p.pk, f"{p.person.full_name or _('(tidak diketahui)')}") for p in detail["perpetrators"]]
    today = timezone.localdate()
    ctx = {
        "case": case,
        **detail,
        "today": today,
        "pending": selectors.pending_approvals(request.user, case),
        "move_form": forms.MoveForm(initial={"version": case.version}),
        "note_form": forms.NoteForm(),
        "task_form": forms.TaskForm(initial={"due_date": today + dt.timedelta(days=3)}),
        "relationship_form": forms.RelationshipForm(victims=victims, perpetrators=perps) if victims and perps else None,
        "reason_form": forms.ReasonForm(),
        "next_stages": services.next_stages(case.stage),
        "open_referrals": sum(1 for r in detail["referrals"] if r.is_open),
    }
    return render(request, "cases/detail.html", ctx)


@login_required
def case_pdf(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "pdf")
    detail = selectors.case_detail(request.user, case, request=request)
    record("case.pdf", actor=request.user, obj=case, organisation_id=case.organisation_id, fields=selectors.DETAIL_FIELDS, request=request)
    response = HttpResponse(exports.case_summary_pdf(case, detail), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kasus-{case.number.replace("/", "-")}.pdf"'
    return response


# --- Generic form actions on a case ---------------------------------------------------------------


def _form_action(
    request: HttpRequest,
    case: Case,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    submit: str,
    success: str,
    warnings_from: Callable[[Any], list[str]] | None = None,
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = run(form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
                status = 400
            else:
                for w in warnings_from(result) if warnings_from else []:
                    messages.warning(request, w)
                messages.success(request, success)
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(request, "cases/form.html", {"form": form, "case": case, "title": title, "submit": submit}, status=status)


@login_required
def party_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "add_party")
    form = forms.PartyForm(request.POST or None, initial={"role": request.GET.get("peran", PartyRole.KORBAN)})

    def run(data: dict[str, Any]) -> Any:
        data = dict(data)
        role = data.pop("role")
        extra = {k: data.pop(k) for k in ("ampk_category", "abh_role", "unknown")}
        code = data.pop("address_region")
        person_fields = {k: v for k, v in data.items() if v not in ("", None, [])}
        if code:
            person_fields["address_region"] = Region.objects.get(code=code)
        return services.case_party_add(actor=request.user, case=case, role=role, **extra, **person_fields)

    return _form_action(
        request, case, form, run, title=_("Tambah pihak"), submit=_("Simpan"), success=_("Pihak ditambahkan."),
        warnings_from=lambda result: result[1],
    )


PARTY_PERSON_FIELDS = (
    "full_name", "nik", "birth_date", "age_estimate", "sex", "disabilities", "education", "occupation",
    "marital_status", "nationality", "phone", "address_detail",
)


@login_required
def party_edit(request: HttpRequest, uid: Any, party_id: int) -> HttpResponse:
    """Correct a party's identity and attributes (a mistyped name, NIK or birth date)."""
    case = _case(request, uid, "add_party")
    party = get_object_or_404(CaseParty.objects.select_related("person"), pk=party_id, case=case)
    person = party.person
    initial = {name: getattr(person, name) for name in PARTY_PERSON_FIELDS}
    initial["address_region"] = person.address_region_id or ""
    if request.method == "GET":
        # Showing the form shows the identity: a view of identifying data.
        record("case.view", actor=request.user, obj=case, organisation_id=case.organisation_id,
               fields=[n for n in PARTY_PERSON_FIELDS if initial.get(n)], extra={"party": party.pk, "page": "party_edit"})
    form = forms.PartyPersonForm(request.POST or None, initial=initial)

    def run(data: dict[str, Any]) -> Any:
        data = dict(data)
        code = data.pop("address_region")
        fields = {k: (v if v not in ("",) else None) for k, v in data.items()}
        fields["disabilities"] = data.get("disabilities") or []
        fields["address_region"] = Region.objects.get(code=code) if code else None
        return services.case_party_update(actor=request.user, party=party, **fields)

    return _form_action(
        request, case, form, run, title=_("Ubah data pihak"), submit=_("Simpan"), success=_("Data pihak diperbarui."),
        warnings_from=lambda result: result,
    )


@login_required
def incident_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "add_incident")
    form = forms.IncidentEntryForm(request.POST or None, initial={"region": case.region_id})
    return _form_action(
        request, case, form,
        lambda d: services.incident_add(actor=request.user, case=case, **{**d, "region": d["region"] or None}),
        title=_("Catat kejadian"), submit=_("Simpan"), success=_("Kejadian dicatat."),
    )


@login_required
@require_POST
def relationship_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "add_incident")
    incident = case.incidents.order_by("-id").first()
    if incident is None:
        messages.error(request, _("Catat kejadian terlebih dahulu."))
        return redirect("cases:detail", uid=case.uid)
    parties = list(case.parties.all())
    form = forms.RelationshipForm(
        request.POST,
        victims=[(p.pk, str(p.pk)) for p in parties if p.role == PartyRole.KORBAN],
        perpetrators=[(p.pk, str(p.pk)) for p in parties if p.role == PartyRole.PELAKU],
    )
    return _form_action(
        request, case, form,
        lambda d: services.relationship_set(actor=request.user, incident=incident, **d),
        title=_("Hubungan pelaku dengan korban"), submit=_("Simpan"), success=_("Hubungan dicatat."),
    )


@login_required
def assessment_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "assess")
    form = forms.AssessmentForm(request.POST or None, initial={"risk": case.risk})
    return _form_action(
        request, case, form, lambda d: services.assessment_add(actor=request.user, case=case, **d),
        title=_("Asesmen biopsikososial"), submit=_("Simpan asesmen"), success=_("Asesmen disimpan."),
    )


@login_required
def approval_request(request: HttpRequest, uid: Any, kind: str) -> HttpResponse:
    if kind not in ApprovalKind.values:
        raise Http404()
    case = _case(request, uid, "plan" if kind == ApprovalKind.PLAN else "move")
    form = forms.ApprovalRequestForm(request.POST or None)
    if kind == ApprovalKind.PLAN:
        del form.fields["open_referrals_reason"]
    title = _("Ajukan rencana intervensi") if kind == ApprovalKind.PLAN else _("Ajukan terminasi")
    return _form_action(
        request, case, form, lambda d: services.approval_request(actor=request.user, case=case, kind=kind, **d),
        title=title, submit=_("Ajukan persetujuan"), success=_("Permintaan persetujuan dikirim."),
    )


@login_required
@require_POST
def approval_decide(request: HttpRequest, uid: Any, approval_id: int) -> HttpResponse:
    case = _case(request, uid)
    approval = access.get_or_404(request.user, Approval.objects.filter(case=case), "view", pk=approval_id)
    access.check(request.user, "decide", approval)
    form = forms.DecideForm(request.POST)
    return _form_action(
        request, case, form,
        lambda d: services.approval_decide(actor=request.user, approval=approval, approve=d["decision"] == "approve", note=d["note"]),
        title=_("Keputusan persetujuan"), submit=_("Simpan"), success=_("Keputusan disimpan."),
    )


@login_required
@require_POST
def case_move(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "move")
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            services.case_move(actor=request.user, case=case, to=form.cleaned_data["to"], expected_version=form.cleaned_data.get("version"))
        except services.StaleCase:
            messages.error(request, _("Kasus ini sudah diubah orang lain sejak Anda membukanya. Periksa lini masa lalu ulangi."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tahap diperbarui."))
    return redirect("cases:detail", uid=case.uid)


@login_required
def case_reopen(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "reopen")
    form = forms.ReasonForm(request.POST or None)
    return _form_action(
        request, case, form, lambda d: services.case_reopen(actor=request.user, case=case, reason=d["reason"]),
        title=_("Buka kembali kasus"), submit=_("Buka kembali"), success=_("Kasus dibuka kembali."),
    )


@login_required
def case_assign(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "assign")
    staff = list(selectors.org_staff(case))
    form = forms.AssignForm(request.POST or None, staff=[(u.pk, u.get_full_name() or u.username) for u in staff])
    by_id = {u.pk: u for u in staff}
    return _form_action(
        request, case, form,
        lambda d: services.case_assign(actor=request.user, case=case, user=by_id[d["user"]], reason=d["reason"]),
        title=_("Tugaskan pendamping"), submit=_("Tugaskan"), success=_("Pendamping ditugaskan."),
    )


@login_required
def service_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "service")
    providers = list(Organisation.objects.filter(is_active=True, region__code__startswith=case.province_code).order_by("name"))
    form = forms.ServiceForm(request.POST or None, providers=[(o.pk, str(o)) for o in providers], initial={"start_date": timezone.localdate()})
    by_id = {o.pk: o for o in providers}
    return _form_action(
        request, case, form,
        lambda d: services.service_add(actor=request.user, case=case, **{**d, "provider": by_id.get(d.get("provider") or 0)}),
        title=_("Catat layanan"), submit=_("Simpan"), success=_("Layanan dicatat."),
    )


@login_required
def legal_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "legal")
    legal = case.legal_processes.first()
    initial = {}
    if legal:
        initial = {f: getattr(legal, f) for f in ("police_report_number", "police_report_date", "stage", "stage_date", "diversion", "verdict_notes")}
    form = forms.LegalForm(request.POST or None, initial=initial)
    return _form_action(
        request, case, form, lambda d: services.legal_save(actor=request.user, case=case, legal=legal, **d),
        title=_("Proses hukum"), submit=_("Simpan"), success=_("Proses hukum diperbarui."),
    )


@login_required
@require_POST
def note_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "note")
    form = forms.NoteForm(request.POST)
    return _form_action(
        request, case, form, lambda d: services.note_add(actor=request.user, case=case, text=d["text"]),
        title=_("Catatan kasus"), submit=_("Simpan"), success=_("Catatan disimpan."),
    )


@login_required
def note_correct(request: HttpRequest, uid: Any, note_id: int) -> HttpResponse:
    case = _case(request, uid, "note")
    note = CaseNote.objects.filter(case=case, pk=note_id).first()
    if note is None:
        raise Http404()
    form = forms.NoteForm(request.POST or None, initial={"text": note.text})
    return _form_action(
        request, case, form, lambda d: services.note_correct(actor=request.user, note=note, text=d["text"]),
        title=_("Koreksi catatan (versi lama disimpan)"), submit=_("Simpan koreksi"), success=_("Catatan dikoreksi."),
    )


@login_required
@require_POST
def task_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "task")
    form = forms.TaskForm(request.POST)
    return _form_action(
        request, case, form, lambda d: services.task_add(actor=request.user, case=case, **d),
        title=_("Tugas"), submit=_("Simpan"), success=_("Tugas ditambahkan."),
    )


@login_required
@require_POST
def task_done(request: HttpRequest, uid: Any, task_id: int) -> HttpResponse:
    case = _case(request, uid, "task")
    task = CaseTask.objects.filter(case=case, pk=task_id).first()
    if task is None:
        raise Http404()
    try:
        services.task_done(actor=request.user, task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("cases:detail", uid=case.uid)


# --- Referrals: sender side -------------------------------------------------------------------------


@login_required
def referral_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = _case(request, uid, "refer")
    targets = list(services.referral_targets(case))
    by_id = {o.pk: o for o in targets}
    form = forms.ReferralForm(
        request.POST or None,
        targets=[(o.pk, f"{o} ({o.get_type_display()})") for o in targets],
        initial={"due_date": timezone.localdate() + dt.timedelta(days=3), "shared_sets": ["identitas_korban", "kronologi"]},
    )
    victims = [p.person for p in CaseParty.objects.filter(case=case, role=PartyRole.KORBAN).select_related("person")]
    consent = bool(victims) and all(services.consent_allows(v, "referral") for v in victims)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                ref = services.referral_create(actor=request.user, case=case, **{**d, "to_org": by_id[d["to_org"]]})
            except ValidationError as exc:
                _errors_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Rujukan dikirim ke %(o)s.") % {"o": ref.to_org})
                if ref.without_consent:
                    messages.warning(request, _("Rujukan tanpa persetujuan tercatat: ditandai dan diaudit."))
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(
        request, "cases/form.html",
        {"form": form, "case": case, "title": _("Rujuk kasus"), "submit": _("Kirim rujukan"), "consent": consent, "is_referral": True},
        status=status,
    )


@login_required
def referral_letter(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = Referral.objects.select_related("case", "from_org", "to_org").filter(uid=uid).first()
    if ref is None or not (access.can(request.user, "letter", ref) or access.can(request.user, "view_shared", ref)):
        raise Http404()
    record("referral.letter", actor=request.user, obj=ref, organisation_id=ref.from_org_id, fields=["reason"], request=request)
    response = HttpResponse(exports.referral_letter_pdf(ref), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-rujukan-{ref.case.number.replace("/", "-")}.pdf"'
    return response


@login_required
def referral_cancel(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral.objects.select_related("case"), "cancel", uid=uid)
    form = forms.ReasonForm(request.POST or None)
    return _form_action(
        request, ref.case, form, lambda d: services.referral_cancel(actor=request.user, referral=ref, reason=d["reason"]),
        title=_("Batalkan rujukan"), submit=_("Batalkan"), success=_("Rujukan dibatalkan."),
    )


# --- Referrals: partner side -------------------------------------------------------------------------


@login_required
def referral_inbox(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "referrals.inbox")
    status = request.GET.get("status", "")
    refs = list(selectors.referral_inbox(request.user, status=status).order_by("-sent_at")[:200])
    today = timezone.localdate()
    return render(request, "cases/inbox.html", {"refs": refs, "today": today, "status": status, "statuses": ReferralStatus.choices})


@login_required
def referral_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral.objects.select_related("case", "from_org", "to_org"), "view_shared", uid=uid)
    shared = selectors.referral_shared(request.user, ref, request=request)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "ref": ref,
            "shared": shared,
            "actions": list(ref.actions.select_related("author")),
            "services": list(ref.services.all()),
            "respond_form": forms.RespondForm(),
            "action_form": forms.ActionForm(initial={"date": timezone.localdate()}),
            "complete_form": forms.CompleteForm(),
            "service_form": forms.ServiceForm(initial={"start_date": timezone.localdate(), "service_type": ref.service_type}),
            "overdue": selectors.referral_is_overdue(ref),
        },
    )


def _referral_form_action(request: HttpRequest, ref: Referral, form: Any, run: Callable[[dict[str, Any]], Any], title: str, success: str) -> HttpResponse:
    status = 200
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
            status = 400
        else:
            messages.success(request, success)
            return redirect("cases:referral_detail", uid=ref.uid)
    else:
        status = 400
    return render(request, "cases/form.html", {"form": form, "title": title, "submit": _("Simpan"), "back": reverse("cases:referral_detail", kwargs={"uid": ref.uid})}, status=status)


@login_required
@require_POST
def referral_respond(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral, "respond", uid=uid)
    return _referral_form_action(
        request, ref, forms.RespondForm(request.POST),
        lambda d: services.referral_respond(actor=request.user, referral=ref, accept=d["decision"] == "accept", reason=d["reason"]),
        _("Tanggapi rujukan"), _("Tanggapan disimpan."),
    )


@login_required
@require_POST
def referral_action(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral, "respond", uid=uid)
    return _referral_form_action(
        request, ref, forms.ActionForm(request.POST),
        lambda d: services.referral_action_add(actor=request.user, referral=ref, **d),
        _("Catat tindakan"), _("Tindakan dicatat."),
    )


@login_required
@require_POST
def referral_service(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral.objects.select_related("case", "to_org"), "respond", uid=uid)
    return _referral_form_action(
        request, ref, forms.ServiceForm(request.POST),
        lambda d: services.service_add(actor=request.user, case=ref.case, referral=ref, **d),
        _("Catat layanan"), _("Layanan dicatat."),
    )


@login_required
@require_POST
def referral_complete(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = access.get_or_404(request.user, Referral, "respond", uid=uid)
    return _referral_form_action(
        request, ref, forms.CompleteForm(request.POST),
        lambda d: services.referral_complete(actor=request.user, referral=ref, outcome=d["outcome"]),
        _("Selesaikan rujukan"), _("Rujukan diselesaikan."),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, uid: Any) -> HttpResponse:
    """Upload a file to the case (stored encrypted by the files module)."""
    case = _case(request, uid, "attach")
    from simpul.files.services import attachment_store

    upload = request.FILES.get("berkas")
    if upload is None:
        messages.error(request, _("Pilih berkas yang akan dilampirkan."))
        return redirect("cases:detail", uid=case.uid)
    try:
        att = attachment_store(actor=request.user, owner=case, uploaded_file=upload, organisation=case.organisation, access_action="attach", request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        services.attachment_added(actor=request.user, case=case, attachment_id=att.pk)
        messages.success(request, _("Lampiran disimpan."))
    return redirect("cases:detail", uid=case.uid)
