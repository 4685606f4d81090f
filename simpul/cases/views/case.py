"""A case: opening, identification, the case page and its PDF, stages, approvals, reopening, assignment, attachments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.cases import exports, forms, rules, selectors, services
from simpul.cases.models import ApprovalKind, ApprovalStatus, Risk
from simpul.cases.views.common import case_for, errors_to_form, form_action


@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    org = selectors.opening_organisation(request.user)
    if org is None:
        raise access.AccessDenied()
    form = forms.CaseOpenForm(request.POST or None, initial={"region": org.region_id, "reported_at": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_open(actor=request.user, organisation=org, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Kasus %(n)s dibuka.") % {"n": case.number})
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(request, "cases/form.html", {"form": form, "title": _("Buka kasus baru"), "submit": _("Buka kasus")}, status=status)


@login_required
def case_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "edit")
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
                    "events": selectors.recent_events(fresh),
                }
                # Re-show the form with the user's input; the hidden version becomes the current
                # one so a deliberate second submit applies their values over the new state.
                post = request.POST.copy()
                post["version"] = str(fresh.version)
                form = forms.CaseEditForm(post)
                form.is_valid()
                status = 409
            except ValidationError as exc:
                errors_to_form(form, exc)
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


@login_required
def case_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid)
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
    ctx.update(_guided(case, detail))
    return render(request, "cases/detail.html", ctx)


def _guided(case: Any, detail: dict[str, Any]) -> dict[str, Any]:
    """The checklist of the case and the ONE next step (the primary button of the page)."""
    consent = services.consent_status(case)
    approvals = detail["approvals"]
    state = rules.CaseState(
        stage=case.stage,
        is_open=case.is_open,
        high_risk=case.risk == Risk.TINGGI,
        has_caseworker=any(a.ended_at is None for a in detail["assignments"]),
        has_victim=bool(detail["victims"]),
        has_incident=bool(detail["incidents"]),
        consent_ok=bool(consent) and all(v.allowed for v in consent),
        has_assessment=bool(detail["assessments"]),
        plan_requested=any(a.kind == ApprovalKind.PLAN and a.status == ApprovalStatus.REQUESTED for a in approvals),
        has_referral=bool(detail["referrals"]),
        termination_requested=any(a.kind == ApprovalKind.TERMINATION and a.status == ApprovalStatus.REQUESTED for a in approvals),
    )
    can = detail["can"]
    allowed = {
        key for key, ok in {
            "assign": can["assign"], "victim": can["edit"], "incident": can["edit"], "consent": can["assess"],
            "assessment": can["assess"], "to_plan": can["move"], "plan": can["plan"], "referral": can["refer"],
            "termination": can["move"],
        }.items() if ok
    }
    steps = rules.guided_steps(state) if case.is_open else []
    return {
        "steps": steps, "next": rules.next_step(steps, allowed), "allowed_steps": allowed, "consent_status": consent,
        "caseworkers": [a.user for a in detail["assignments"] if a.ended_at is None],
    }


@login_required
def case_pdf(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "pdf")
    detail = selectors.case_for_pdf(request.user, case, request=request)
    response = HttpResponse(exports.case_summary_pdf(case, detail), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kasus-{case.number.replace("/", "-")}.pdf"'
    return response


@login_required
def approval_request(request: HttpRequest, uid: Any, kind: str) -> HttpResponse:
    if kind not in ApprovalKind.values:
        raise Http404()
    case = case_for(request, uid, "plan" if kind == ApprovalKind.PLAN else "move")
    form = forms.ApprovalRequestForm(request.POST or None)
    if kind == ApprovalKind.PLAN:
        del form.fields["open_referrals_reason"]
    title = _("Ajukan rencana intervensi") if kind == ApprovalKind.PLAN else _("Ajukan terminasi")
    return form_action(
        request, case, form, lambda d: services.approval_request(actor=request.user, case=case, kind=kind, **d),
        title=title, submit=_("Ajukan persetujuan"), success=_("Permintaan persetujuan dikirim."),
    )


@login_required
@require_POST
def approval_decide(request: HttpRequest, uid: Any, approval_id: int) -> HttpResponse:
    case = case_for(request, uid)
    approval = selectors.approval_to_decide(request.user, case, approval_id)
    form = forms.DecideForm(request.POST)
    return form_action(
        request, case, form,
        lambda d: services.approval_decide(actor=request.user, approval=approval, approve=d["decision"] == "approve", note=d["note"]),
        title=_("Keputusan persetujuan"), submit=_("Simpan"), success=_("Keputusan disimpan."),
    )


@login_required
@require_POST
def case_move(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "move")
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
    case = case_for(request, uid, "reopen")
    form = forms.ReasonForm(request.POST or None)
    return form_action(
        request, case, form, lambda d: services.case_reopen(actor=request.user, case=case, reason=d["reason"]),
        title=_("Buka kembali kasus"), submit=_("Buka kembali"), success=_("Kasus dibuka kembali."),
    )


@login_required
def case_assign(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "assign")
    staff = list(selectors.org_staff(case))
    form = forms.AssignForm(request.POST or None, staff=[(u.pk, u.get_full_name() or u.username) for u in staff])
    by_id = {u.pk: u for u in staff}
    return form_action(
        request, case, form,
        lambda d: services.case_assign(actor=request.user, case=case, user=by_id[d["user"]], reason=d["reason"]),
        title=_("Tugaskan pendamping"), submit=_("Tugaskan"), success=_("Pendamping ditugaskan."),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, uid: Any) -> HttpResponse:
    """Upload a file to the case (stored encrypted by the files module)."""
    case = case_for(request, uid, "attach")
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
