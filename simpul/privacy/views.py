"""Pages of the privacy officer (kepala / manajer_kasus) and the front desk. Thin: every
write goes through services, every read of protected data through selectors."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms as dj_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.accounts.models import Organisation, User
from simpul.accounts.selectors import organisations_where
from simpul.core.formerrors import errors_to_form
from simpul.people.models import Person
from simpul.people.nik import mask_nik
from simpul.people.services import initials
from simpul.privacy import exports, forms, notice, selectors, services
from simpul.privacy.models import (
    Breach,
    Consent,
    LegalHold,
    Purpose,
    RequestKind,
    SubjectRequest,
)
from simpul.privacy.policies import DESK, OFFICERS

PAGE_SIZE = 50


def _org(request: HttpRequest, *roles: str) -> Organisation:
    """The organisation the user acts for (the first where they hold one of ``roles``)."""
    org = organisations_where(request.user, *roles).first()
    if org is None:
        raise access.AccessDenied()
    return org


def _person_label(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"id": person.pk, "uid": person.uid, "initials": initials(person.full_name), "nik": mask_nik(person.nik), "pseudonymised": person.pseudonymised_at}


def _deadline(due: Any, now: Any) -> dict[str, Any]:
    seconds = int((due - now).total_seconds())
    hours, rem = divmod(abs(seconds), 3600)
    return {"overdue": seconds < 0, "hours": hours, "minutes": rem // 60}


# --------------------------------------------------------------------------- home


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.manage")
    now = timezone.now()
    open_requests = selectors.requests_for(request.user, status="open")
    context = {
        "open_count": open_requests.count(),
        "overdue_count": open_requests.filter(due_at__lt=now).count(),
        "hold_count": selectors.holds_for_user(request.user).count(),
        "breach_open": selectors.breaches_for(request.user).filter(status__in=["suspected", "confirmed"]).count(),
        "retention_years": services.retention_years(),
    }
    return render(request, "privacy/home.html", context)


# --------------------------------------------------------------------------- requests


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.request_receive")
    status = request.GET.get("status", "open")
    if status not in ("open", "closed", "all"):
        status = "open"
    qs = selectors.requests_for(request.user, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"req": r, "overdue": selectors.is_overdue(r, now), "clock": _deadline(r.due_at, now)} for r in page]
    return render(request, "privacy/request_list.html", {"rows": rows, "page": page, "status": status})


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.request_receive")
    org = _org(request, *OFFICERS, *DESK)
    form = forms.RequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                req = services.request_create(
                    actor=request.user, organisation=org, kind=d["kind"], received_at=d["received_at"],
                    requester_relation=d["requester_relation"], notes=d["notes"], purposes=d["purposes"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Permintaan dicatat. Batas waktu: %(due)s.") % {"due": timezone.localtime(req.due_at).strftime("%d-%m-%Y %H:%M")})
                return redirect("privacy:request_detail", uid=req.uid)
        status = 400
    return render(request, "privacy/request_form.html", {"form": form, "org": org}, status=status)


def _request_for(request: HttpRequest, uid: uuid.UUID, *, act: bool = False) -> SubjectRequest:
    req = access.get_or_404(request.user, SubjectRequest.objects.select_related("organisation", "person", "handled_by"), "view", uid=uid)
    if act:
        access.check(request.user, "act", req)
    return req


def _detail(request: HttpRequest, req: SubjectRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    can_act = access.can(request.user, "act", req)
    now = timezone.now()
    context: dict[str, Any] = {
        "req": req,
        "can_act": can_act,
        "overdue": selectors.is_overdue(req, now),
        "clock": _deadline(req.due_at, now),
        "kinds": RequestKind,
        "purpose_choices": Purpose.choices,
        "search_form": extra.pop("search_form", None) or forms.PersonSearchForm(),
        "refuse_form": extra.pop("refuse_form", None) or forms.RefuseForm(),
        "purposes_form": extra.pop("purposes_form", None) or forms.PurposesForm(initial={"purposes": req.purposes}),
        **extra,
    }
    if can_act:
        context["notes"] = req.notes
        context["person"] = _person_label(req.person)
        shown = ["notes"] if req.notes else []
        if req.person is not None:
            context["consents"] = list(selectors.consents_of(request.user, req.person))
            context["restrictions"] = list(selectors.restrictions_of(request.user, req.person))
            context["holds"] = services.holds_for(req.person)
            shown += ["full_name", "nik"]
        selectors.audit_view(request.user, req, shown, request=request, person_id=req.person_id, masked=["full_name", "nik"])
    return render(request, "privacy/request_detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    return _detail(request, _request_for(request, uid))


@require_POST
@login_required
def request_find(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    """Find the data subject by exact NIK/phone/email/name (blind indexes; POST so nothing
    identifying reaches a URL or a log)."""
    req = _request_for(request, uid, act=True)
    form = forms.PersonSearchForm(request.POST)
    if not form.is_valid():
        return _detail(request, req, status=400, search_form=form)
    found = selectors.person_search(request.user, **{k: v or "" for k, v in form.cleaned_data.items()})
    candidates = [_person_label(p) for p in found]
    selectors.audit_view(request.user, req, ["full_name", "nik"] if found else [], request=request, person_ids=[p.pk for p in found], masked=["full_name", "nik"])
    return _detail(request, req, search_form=form, candidates=candidates, searched=True)


# One view per action on a request (POST only; each redirects back to the request, or re-shows
# it with the errors).


def _done(request: HttpRequest, req: SubjectRequest, message: str = "") -> HttpResponse:
    if message:
        messages.success(request, message)
    return redirect("privacy:request_detail", uid=req.uid)


def _failed(request: HttpRequest, req: SubjectRequest, exc: ValidationError) -> HttpResponse:
    return _detail(request, req, status=400, action_errors=exc.messages)


@require_POST
@login_required
def request_identify(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    person = selectors.person_by_uid(request.user, request.POST.get("person", ""))
    try:
        services.request_identify(actor=request.user, req=req, person=person)
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("Subjek data ditetapkan."))


@require_POST
@login_required
def request_start(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    try:
        services.request_start(actor=request.user, req=req)
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req)


@require_POST
@login_required
def request_complete(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    try:
        services.request_complete(actor=request.user, req=req)
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("Permintaan ditandai selesai."))


@require_POST
@login_required
def request_refuse(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    form = forms.RefuseForm(request.POST)
    if not form.is_valid():
        return _detail(request, req, status=400, refuse_form=form)
    try:
        services.request_refuse(actor=request.user, req=req, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("Permintaan ditolak dengan alasan yang dicatat."))


def _purposes(request: HttpRequest, req: SubjectRequest) -> tuple[dict[str, Any], Person] | HttpResponse:
    """The chosen purposes of a restriction or withdrawal and the request's person, or the page
    re-shown with the errors."""
    form = forms.PurposesForm(request.POST)
    if not form.is_valid():
        return _detail(request, req, status=400, purposes_form=form)
    if req.person is None:
        return _failed(request, req, ValidationError(_("Tentukan dulu orang yang dimaksud.")))
    return form.cleaned_data, req.person


@require_POST
@login_required
def request_restrict(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    chosen = _purposes(request, req)
    if isinstance(chosen, HttpResponse):
        return chosen
    data, person = chosen
    try:
        services.restriction_set(actor=request.user, person=person, organisation=req.organisation, purposes=data["purposes"], request=req)
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("Pemrosesan dibatasi untuk tujuan yang dipilih."))


@require_POST
@login_required
def request_withdraw(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    chosen = _purposes(request, req)
    if isinstance(chosen, HttpResponse):
        return chosen
    data, _person = chosen
    try:
        n = services.request_withdraw_consents(actor=request.user, req=req, purposes=data["purposes"], reason=data["reason"])
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("%(n)d persetujuan ditarik.") % {"n": n})


@require_POST
@login_required
def request_lift(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    restriction = selectors.restriction_of_request(request.user, req, request.POST.get("restriction", ""))
    try:
        services.restriction_lift(actor=request.user, restriction=restriction)
    except ValidationError as exc:
        return _failed(request, req, exc)
    return _done(request, req, _("Pembatasan dicabut."))


@require_POST
@login_required
def request_export(request: HttpRequest, uid: uuid.UUID, fmt: str) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    if fmt not in ("xlsx", "pdf"):
        raise Http404()
    try:
        export = services.access_export(actor=request.user, req=req, fmt=fmt)
    except ValidationError as exc:
        return _detail(request, req, status=400, action_errors=exc.messages)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
def request_erase(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    if req.person is None:
        messages.error(request, _("Tentukan dulu orang yang dimaksud."))
        return redirect("privacy:request_detail", uid=req.uid)
    holds = services.holds_for(req.person)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            errors.append(_("Centang konfirmasi untuk menghapus."))
            status = 400
        else:
            try:
                services.person_erase(actor=request.user, person=req.person, req=req)
            except ValidationError as exc:
                errors.extend(exc.messages)
                status = 400
            else:
                messages.success(request, _("Data identitas telah dihapus/dipseudonimkan di semua modul. Statistik tetap menghitung orang ini."))
                return redirect("privacy:request_detail", uid=req.uid)
    return render(request, "privacy/request_erase.html", {"req": req, "person": _person_label(req.person), "holds": holds, "errors": errors}, status=status)


@login_required
def request_correct(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    req = _request_for(request, uid, act=True)
    person = req.person
    if person is None:
        messages.error(request, _("Tentukan dulu orang yang dimaksud."))
        return redirect("privacy:request_detail", uid=req.uid)
    fields = list(services.CORRECTABLE_FIELDS)
    initial = {f: getattr(person, f) for f in fields}
    form = forms.CorrectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = {f: (form.cleaned_data[f] or None) for f in fields}
            try:
                changed = services.person_correct(actor=request.user, req=req, changes=changes)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Diperbaiki: %(f)s.") % {"f": ", ".join(str(form.fields[f].label) for f in changed)})
                return redirect("privacy:request_detail", uid=req.uid)
        status = 400
    else:
        selectors.audit_view(request.user, person, fields, request=request, request_uid=str(req.uid))
    return render(request, "privacy/request_correct.html", {"req": req, "form": form}, status=status)


# --------------------------------------------------------------------------- consent


def _person_for(request: HttpRequest, person_uid: uuid.UUID) -> Person:
    access.check(request.user, "privacy.manage")
    try:
        return selectors.persons_visible(request.user).get(uid=person_uid)
    except Person.DoesNotExist:
        raise Http404() from None


@login_required
def person_consents(request: HttpRequest, person_uid: uuid.UUID) -> HttpResponse:
    person = _person_for(request, person_uid)
    form = forms.ConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.consent_record(
                    actor=request.user, person=person, organisation=person.organisation or _org(request, *OFFICERS),
                    purpose=d["purpose"], basis=d["basis"], given_by=d["given_by"], guardian_name=d["guardian_name"],
                    how=d["how"], witness_name=d["witness_name"], given_at=d["given_at"],
                    form_attachment_uid=d["form_attachment_uid"], note=d["note"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Persetujuan/dasar hukum dicatat."))
                return redirect("privacy:person_consents", person_uid=person.uid)
        status = 400
    consents = list(selectors.consents_of(request.user, person))
    answers = {p: services.consent_check(person, p) for p in Purpose.values}
    shown = {f for c in consents for f in ("guardian_name", "witness_name", "note", "withdrawal_reason") if getattr(c, f)}
    selectors.audit_view(request.user, person, sorted(shown | {"full_name", "nik"}), request=request, consents=[c.pk for c in consents], masked=["full_name", "nik"])
    return render(
        request,
        "privacy/person_consents.html",
        {"person": _person_label(person), "consents": consents, "form": form, "answers": [(Purpose(p).label, a) for p, a in answers.items()], "withdraw_form": forms.WithdrawForm()},
        status=status,
    )


@require_POST
@login_required
def consent_withdraw(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    consent = access.get_or_404(request.user, Consent.objects.select_related("person"), "withdraw", uid=uid)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.consent_withdraw(actor=request.user, consent=consent, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Persetujuan ditarik."))
    return redirect("privacy:person_consents", person_uid=consent.person.uid)


# --------------------------------------------------------------------------- legal holds


@login_required
def hold_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.manage")
    form = forms.HoldForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.legal_hold_set(
                    actor=request.user, object_type=d["object_type"], object_id=d["object_id"],
                    organisation=_org(request, *OFFICERS), reason=d["reason"], label=d["label"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Penahanan hukum dipasang."))
                return redirect("privacy:hold_list")
        status = 400
    holds = list(selectors.holds_for_user(request.user))
    return render(request, "privacy/hold_list.html", {"holds": holds, "form": form}, status=status)


@require_POST
@login_required
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    hold = access.get_or_404(request.user, LegalHold, "release", pk=pk)
    try:
        services.legal_hold_release(actor=request.user, hold=hold)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Penahanan hukum dilepas."))
    return redirect("privacy:hold_list")


# --------------------------------------------------------------------------- breaches


def _suspect(form: dj_forms.Form, org_ids: frozenset[int]) -> Any:
    username = (getattr(form, "cleaned_data", {}).get("suspect_username") or "").strip().lower()
    if not username:
        return None
    user = User.objects.filter(username=username, memberships__organisation_id__in=org_ids).distinct().first()
    if user is None:
        form.add_error("suspect_username", _("Pengguna ini tidak ditemukan di organisasi Anda."))
    return user


@login_required
def breach_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.manage")
    page = Paginator(selectors.breaches_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"b": b, "clock": _deadline(services.breach_deadline(b), now)} for b in page]
    return render(request, "privacy/breach_list.html", {"rows": rows, "page": page})


@login_required
def breach_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "privacy.breach_record")
    org = _org(request, *OFFICERS)
    form = forms.BreachForm(request.POST or None)
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        suspect = _suspect(form, frozenset({org.pk}))
        if valid and not form.errors:
            d = form.cleaned_data
            try:
                breach = services.breach_record(
                    actor=request.user, organisation=org, description=d["description"], discovered_at=d["discovered_at"],
                    suspected_start=d["suspected_start"], suspected_end=d["suspected_end"], suspect_user=suspect, steps_taken=d["steps_taken"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Dugaan kebocoran dicatat. Tenggat pemberitahuan 3x24 jam berjalan."))
                return redirect("privacy:breach_detail", uid=breach.uid)
        status = 400
    return render(request, "privacy/breach_form.html", {"form": form}, status=status)


def _local_input(value: Any) -> Any:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else None


@login_required
def breach_detail(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    breach = access.get_or_404(request.user, Breach.objects.select_related("organisation", "reported_by", "suspect_user"), "view", uid=uid)
    initial = {
        "status": breach.status,
        "suspected_start": _local_input(breach.suspected_start),
        "suspected_end": _local_input(breach.suspected_end),
        "suspect_username": breach.suspect_user.username if breach.suspect_user else "",
        "steps_taken": breach.steps_taken or "",
        "notified_subjects_at": _local_input(breach.notified_subjects_at),
        "notified_authority_at": _local_input(breach.notified_authority_at),
    }
    form = forms.BreachUpdateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        suspect = _suspect(form, frozenset({breach.organisation_id}))
        if valid and not form.errors:
            d = form.cleaned_data
            try:
                services.breach_update(
                    actor=request.user, breach=breach, status=d["status"], suspected_start=d["suspected_start"],
                    suspected_end=d["suspected_end"], suspect_user=suspect, steps_taken=(d["steps_taken"] or "").strip() or None,
                    notified_subjects_at=d["notified_subjects_at"], notified_authority_at=d["notified_authority_at"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Catatan kebocoran diperbarui."))
                return redirect("privacy:breach_detail", uid=breach.uid)
        status = 400
    affected = selectors.breach_affected(breach)
    rows = notice.affected_rows(affected.person_ids)
    now = timezone.now()
    selectors.audit_view(request.user, breach, ["description", "steps_taken", "full_name", "nik"], request=request, person_ids=[r["id"] for r in rows], masked=["full_name", "nik"])
    return render(
        request,
        "privacy/breach_detail.html",
        {
            "breach": breach,
            "form": form,
            "affected": affected,
            "rows": rows,
            "more": max(0, len(affected.person_ids) - len(rows)),
            "categories": notice.categories_text(affected),
            "deadline": services.breach_deadline(breach),
            "clock": _deadline(services.breach_deadline(breach), now),
            "notified": bool(breach.notified_subjects_at and breach.notified_authority_at),
        },
        status=status,
    )


@login_required
def breach_notice(request: HttpRequest, uid: uuid.UUID, fmt: str) -> HttpResponse:
    breach = access.get_or_404(request.user, Breach.objects.select_related("organisation"), "view", uid=uid)
    if fmt not in ("txt", "pdf"):
        raise Http404()
    affected = selectors.breach_affected(breach)
    officer = request.user.get_full_name() or request.user.get_username()  # type: ignore[union-attr]
    text = notice.breach_notice_text(breach, affected, contact=f"{officer}, {breach.organisation.name}")
    selectors.audit_view(request.user, breach, ["description", "steps_taken"], request=request, export=fmt)
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "txt":
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(exports.text_pdf(_("Pemberitahuan kegagalan pelindungan data pribadi"), text), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pemberitahuan-pasal46-{str(breach.uid)[:8]}-{stamp}.{fmt}"'
    return response
