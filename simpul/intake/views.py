"""Pages: the public portal (no sign-in), field reports, and the officers' queue and triage."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from simpul import access
from simpul.cases import selectors as case_selectors
from simpul.intake import codes, conf, guard, selectors, services
from simpul.intake.forms import (
    QUEUE_SORTS,
    AttachForm,
    CloseForm,
    FieldReportForm,
    MergeForm,
    OfficerMessageForm,
    OfficerReportForm,
    OnDutyForm,
    PublicMessageForm,
    PublicReportForm,
    QueueFilterForm,
    ReferForm,
    ResponsePolicyForm,
    SetPinForm,
    StatusForm,
    TriageForm,
)
from simpul.intake.models import Report, Status
from simpul.intake.triage import RISK_FACTORS
from simpul.intake.triage import from_report as triage_from_report

_TOKEN_SALT = "simpul.intake.status"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 30 * 60

PUBLIC_STATUS_TEXT: dict[str, Any] = {
    Status.BARU: gettext_lazy("Laporan Anda sudah kami terima dan menunggu diperiksa petugas."),
    Status.DITRIASE: gettext_lazy("Petugas sudah memeriksa laporan Anda dan sedang menindaklanjutinya."),
    Status.DITERIMA: gettext_lazy("Laporan Anda sedang ditangani oleh layanan."),
    Status.DIGABUNG_KASUS: gettext_lazy("Laporan Anda sedang ditangani oleh layanan bersama laporan lain tentang kejadian yang sama."),
    Status.DIRUJUK: gettext_lazy("Laporan Anda diteruskan ke layanan yang lebih sesuai."),
    Status.DITUTUP: gettext_lazy("Laporan ini sudah selesai diperiksa dan ditutup. Bila Anda masih butuh bantuan, kirim pesan di bawah atau hubungi SAPA 129."),
    Status.DUPLIKAT: gettext_lazy("Laporan Anda digabung dengan laporan lain tentang kejadian yang sama dan tetap ditindaklanjuti."),
}


def _public_status_text(status: str) -> str:
    return str(PUBLIC_STATUS_TEXT.get(status, ""))


# --- public portal ------------------------------------------------------------------------------

def _token_for(report: Report) -> str:
    return signing.dumps({"r": report.uid.hex, "h": report.pin_hash[-16:]}, salt=_TOKEN_SALT)


def _report_from_token(token: str) -> Report | None:
    try:
        data = signing.loads(token or "", salt=_TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return selectors.report_for_token(data.get("r"), data.get("h"))


def _throttled(request: HttpRequest) -> HttpResponse:
    response = render(request, "intake/public_throttled.html", status=429)
    response["Retry-After"] = "600"
    return response


def _public_form_context(form: PublicReportForm) -> dict[str, Any]:
    return {"form": form, "pow_bits": conf.pow_bits()}


def _fresh_public_form() -> PublicReportForm:
    initial = {"idem": secrets.token_urlsafe(24)}
    if conf.pow_bits():
        initial["pow_challenge"] = guard.pow_challenge()
    return PublicReportForm(initial=initial)


@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "intake/public_form.html", _public_form_context(_fresh_public_form()))
    form = PublicReportForm(request.POST)
    if (request.POST.get("website") or "").strip():
        # A bot filled the honeypot: pretend success, store nothing.
        return _to_done(request, {"code": codes.display(codes.new_code()), "pin": codes.random_pin(), "token": "x"})
    if not form.is_valid():
        return render(request, "intake/public_form.html", _public_form_context(form), status=400)
    key = form.cleaned_data["idem"]
    if not selectors.public_submission_exists(key):
        bits = conf.pow_bits()
        cost = 1
        if bits and not guard.pow_valid(form.cleaned_data.get("pow_challenge", ""), form.cleaned_data.get("pow_nonce", ""), bits):
            cost = conf.pow_penalty()
        ip = guard.client_ip(request)
        window = conf.rate_window()
        if not guard.hit("report-ip", ip, limit=conf.rate_ip(), window=window, cost=cost):
            return _throttled(request)
        if not guard.hit("report-all", "*", limit=conf.rate_global(), window=window):
            return _throttled(request)
    result = services.report_submit_public(data=form.report_data(), idempotency_key=key)
    report = result.report
    if not result.created:
        # A replay of the same form (Back and "confirm resubmission", a double click): the same
        # report, but the PIN is never shown twice (whoever holds the replay is not necessarily
        # the reporter).
        return _to_done(request, {"code": report.display_code, "pin": None, "token": None, "again": True})
    return _to_done(request, {"code": report.display_code, "pin": result.pin, "token": _token_for(report)})


_DONE_KEY = "intake_done"


def _to_done(request: HttpRequest, shown: dict[str, Any]) -> HttpResponse:
    """Post-redirect-get: what the done page shows is held in the session until it is shown once."""
    request.session[_DONE_KEY] = shown
    return _see_other(reverse("intake:public_done"))


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


def public_done(request: HttpRequest) -> HttpResponse:
    """The "report sent" page: code and PIN shown once (popped from the session); a reload or a
    Back to it shows neither."""
    shown = request.session.pop(_DONE_KEY, None)
    if not shown:
        return render(request, "intake/public_done.html", {"gone": True})
    token = shown.get("token")
    return render(
        request,
        "intake/public_done.html",
        {
            "code": shown["code"],
            "pin": shown.get("pin"),
            "token": token,
            "set_pin_form": SetPinForm(initial={"token": token}) if shown.get("pin") and token else None,
            "again": shown.get("again", False),
        },
    )


@require_POST
def public_set_pin(request: HttpRequest) -> HttpResponse:
    form = SetPinForm(request.POST)
    report = _report_from_token(request.POST.get("token", ""))
    if report is None:
        return render(request, "intake/public_expired.html", status=400)
    if not form.is_valid():
        return render(request, "intake/public_done.html",
                      {"code": report.display_code, "pin": None, "set_pin_form": form, "pin_error": True}, status=400)
    services.pin_set(report=report, new_pin=form.cleaned_data["new_pin"])
    return render(request, "intake/public_pin_done.html", {"code": report.display_code})


def _status_page(request: HttpRequest, report: Report, *, message_form: PublicMessageForm | None = None, status: int = 200) -> HttpResponse:
    thread = selectors.public_status_thread(report)
    token = _token_for(report)
    return render(
        request,
        "intake/public_status.html",
        {
            "report": report,
            "code": report.display_code,
            "status_text": _public_status_text(report.status),
            "thread": thread,
            "message_form": message_form or PublicMessageForm(initial={"token": token}),
            "pin_form": SetPinForm(initial={"token": token}),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "intake/public_status_form.html", {"form": StatusForm()})
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/public_status_form.html", {"form": form}, status=400)
    try:
        report = selectors.public_lookup(code=form.cleaned_data["code"], pin=form.cleaned_data["pin"], ip=guard.client_ip(request))
    except selectors.Throttled:
        return _throttled(request)
    if report is None:
        form.add_error(None, _("Kode lacak atau PIN tidak cocok. Periksa lagi, lalu coba kembali."))
        return render(request, "intake/public_status_form.html", {"form": form}, status=400)
    return _status_page(request, report)


@require_POST
def public_message(request: HttpRequest) -> HttpResponse:
    form = PublicMessageForm(request.POST)
    report = _report_from_token(request.POST.get("token", ""))
    if report is None:
        return render(request, "intake/public_expired.html", status=400)
    if not form.is_valid():
        return _status_page(request, report, message_form=form, status=400)
    if not guard.hit("public-msg", guard.client_ip(request), limit=conf.rate_ip() * 3, window=conf.rate_window()):
        return _throttled(request)
    services.message_post_public(report=report, body=form.cleaned_data["body"])
    messages.success(request, _("Pesan Anda terkirim."))
    return _status_page(request, report)


def quick_exit(request: HttpRequest) -> HttpResponse:
    """The quick exit's old address: kept so old links still work, but no page links here any more
    (its path says "report"); the neutral page lives at core:neutral."""
    return redirect("core:neutral")


# --- field reports (relawan, Satgas) -----------------------------------------------------------

def _field_areas(user: Any) -> list[str]:
    from simpul.access.roles import FIELD_REPORTER_ROLES

    actor = access.actor_for(user)
    return sorted({s.region_code for s in actor.seats_with(*FIELD_REPORTER_ROLES) if s.region_code})


@login_required
@require_http_methods(["GET", "POST"])
def field_new(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "intake.field_report")
    areas = _field_areas(request.user)
    if request.method == "GET":
        form = FieldReportForm(initial={"idem": secrets.token_urlsafe(24)}, areas=areas)
        return render(request, "intake/field_form.html", {"form": form})
    form = FieldReportForm(request.POST, areas=areas)
    if not form.is_valid():
        return render(request, "intake/field_form.html", {"form": form}, status=400)
    report = services.report_field_submit(actor=request.user, data=form.report_data(), idempotency_key=form.cleaned_data["idem"])
    messages.success(request, _("Laporan terkirim. Kode: %(code)s") % {"code": report.display_code})
    return redirect("intake:field_list")


@login_required
def field_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "intake.field_report")
    page = Paginator(selectors.own_field_reports(request.user), 50).get_page(request.GET.get("hal"))
    rows = [{"report": r, "status_text": _public_status_text(r.status)} for r in page]
    return render(request, "intake/field_list.html", {"page": page, "rows": rows})


# --- officers ----------------------------------------------------------------------------------

@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The complaint queue: newest first unless sorted otherwise; filters, order and page in the URL."""
    access.check(request.user, "intake.queue")
    params = request.GET.copy()
    if params.get("semua") == "1" and not params.get("status"):
        params["status"] = "semua"  # the former "all reports" link
    form = QueueFilterForm(params, regions=selectors.queue_regions(request.user))
    filters = form.filters()
    order = QUEUE_SORTS.get(filters.get("urut") or "baru", QUEUE_SORTS["baru"])
    now = timezone.now()
    page = Paginator(selectors.queue_filtered(request.user, filters, order, now=now), 50).get_page(request.GET.get("hal"))
    rows = [{"report": r, "overdue": selectors.is_overdue(r, now)} for r in page]
    kept = params.copy()
    kept.pop("hal", None)
    kept.pop("semua", None)
    return render(
        request,
        "intake/queue.html",
        {
            "page": page,
            "rows": rows,
            "form": form,
            "query": kept.urlencode(),
            "filtered": any(v for k, v in filters.items() if k != "urut"),
            "can_configure": access.can(request.user, "intake.configure"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_new(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "intake.record")
    if request.method == "GET":
        form = OfficerReportForm(initial={"idem": secrets.token_urlsafe(24)})
        return render(request, "intake/officer_form.html", {"form": form, "new": True})
    form = OfficerReportForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/officer_form.html", {"form": form, "new": True}, status=400)
    try:
        report = services.report_record(actor=request.user, data=form.report_data(), idempotency_key=form.cleaned_data.get("idem") or "")
    except ValidationError as exc:
        _errors_to_form(form, exc)
        return render(request, "intake/officer_form.html", {"form": form, "new": True}, status=400)
    if access.can(request.user, "view", report):
        messages.success(request, _("Pengaduan %(code)s tercatat.") % {"code": report.display_code})
        return redirect("intake:detail", uid=report.uid)
    messages.success(request, _("Pengaduan %(code)s tercatat dan diteruskan ke %(org)s sesuai wilayah kejadian.")
                     % {"code": report.display_code, "org": report.organisation or "-"})
    return redirect("intake:queue")


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _detail_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    factors = {k: label for k, label, _lvl in RISK_FACTORS}
    events, merged = selectors.report_timeline(report)
    return {
        "report": report,
        "overdue": selectors.is_overdue(report),
        "thread": selectors.thread_for_officer(report),
        "events": events,
        "hints": selectors.duplicate_hints(request.user, report),
        "factors": [factors.get(k, k) for k in report.risk_checklist or []],
        "merged": merged,
        "message_form": OfficerMessageForm(),
        "refer_form": ReferForm(exclude_org=report.organisation_id),
        "close_form": CloseForm(),
        "merge_form": MergeForm(),
        "attach_form": AttachForm(),
    }


@login_required
def officer_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    report = selectors.report_for_officer(request.user, uid, request=request)
    return render(request, "intake/officer_detail.html", _detail_context(request, report))


@login_required
@require_http_methods(["GET", "POST"])
def officer_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    report = selectors.report_for_officer(request.user, uid, request=request)
    access.check(request.user, "edit", report)
    if request.method == "GET":
        form = OfficerReportForm(initial=OfficerReportForm.initial_for(report))
        return render(request, "intake/officer_form.html", {"form": form, "report": report})
    form = OfficerReportForm(request.POST)
    if form.is_valid():
        data = form.report_data()
        data.pop("received_at", None) if not form.cleaned_data.get("received_at") else None
        try:
            services.report_update(actor=request.user, report=report, changes=data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if access.can(request.user, "view", report):
                messages.success(request, _("Perubahan disimpan."))
                return redirect("intake:detail", uid=report.uid)
            messages.success(request, _("Disimpan dan diteruskan ke %(org)s sesuai wilayah kejadian.") % {"org": report.organisation})
            return redirect("intake:queue")
    return render(request, "intake/officer_form.html", {"form": form, "report": report}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def officer_triage(request: HttpRequest, uid: Any) -> HttpResponse:
    """Triage beside the report's story and facts (the look is audited as on the report page);
    what the report says pre-fills the checklist, marked "dari laporan"."""
    report = selectors.report_for_officer(request.user, uid, request=request)
    access.check(request.user, "triage", report)
    prefill, suggestion = triage_from_report(report)
    context: dict[str, Any] = {"report": report, "from_report": prefill, "suggestion": suggestion,
                               "factors": [label for k, label, _lvl in RISK_FACTORS if k in prefill]}
    if request.method == "GET":
        triaged = bool(report.risk)
        initial = {
            "jenis_kasus": report.jenis_kasus, "ampk_category": report.ampk_category,
            "checklist": report.risk_checklist if triaged else prefill,
            "risk_override": report.risk if report.risk and report.risk != report.risk_computed else "",
            "override_reason": report.risk_override_reason, "kewenangan": report.kewenangan or "kab_kota",
        }
        return render(request, "intake/officer_triage.html", {**context, "form": TriageForm(initial=initial, from_report=prefill)})
    form = TriageForm(request.POST, from_report=prefill)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            services.report_triage(
                actor=request.user, report=report, jenis_kasus=cd["jenis_kasus"], ampk_category=cd.get("ampk_category") or "",
                checklist=cd.get("checklist") or [], risk_override=cd.get("risk_override") or "",
                override_reason=cd.get("override_reason") or "", kewenangan=cd["kewenangan"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if access.can(request.user, "view", report):
                messages.success(request, _("Triase disimpan. Risiko: %(risk)s.") % {"risk": report.get_risk_display()})
                return redirect("intake:detail", uid=report.uid)
            messages.success(request, _("Triase disimpan; pengaduan diteruskan ke %(org)s.") % {"org": report.organisation})
            return redirect("intake:queue")
    return render(request, "intake/officer_triage.html", {**context, "form": form}, status=400)


# --- decisions: one view per decision (each form posts to its own URL) ---------------------------

Run = Callable[[Report, dict[str, Any]], "str | tuple[str, str]"]


def _decision(
    request: HttpRequest, uid: Any, action: str, run: Run, *, form_key: str = "", make_form: Callable[[Report], Any] | None = None
) -> HttpResponse:
    """Validate the decision's form (if any), run the decision, and show the result; on a refusal
    re-show the report page with the form as typed and the reasons (400)."""
    report = selectors.report_for_officer(request.user, uid, request=request, audit_view=False)
    access.check(request.user, "decide", report)
    form = make_form(report) if make_form is not None else None
    try:
        if form is not None and not form.is_valid():
            raise ValidationError(form.errors)
        outcome = run(report, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        return _decision_refused(request, report, action, exc, form_key, form)
    message, next_url = outcome if isinstance(outcome, tuple) else (outcome, "")
    messages.success(request, message)
    if next_url:
        return redirect(next_url)
    if access.can(request.user, "view", report):
        return redirect("intake:detail", uid=report.uid)
    return redirect("intake:queue")


def _decision_refused(request: HttpRequest, report: Report, action: str, exc: ValidationError, form_key: str, form: Any) -> HttpResponse:
    context = _detail_context(request, report)
    context["decision_error"] = exc.messages
    context["decision_action"] = action
    if form is not None:
        context[form_key] = form
        if hasattr(exc, "error_dict"):
            for field, errs in exc.message_dict.items():
                if field in form.fields and field not in form.errors:
                    form.add_error(field, errs)
    return render(request, "intake/officer_detail.html", context, status=400)


@login_required
@require_POST
def decide_accept(request: HttpRequest, uid: Any) -> HttpResponse:
    """Accept the report as a new case."""

    def run(report: Report, _data: dict[str, Any]) -> str | tuple[str, str]:
        case = services.report_accept_as_case(actor=request.user, report=report)
        if not access.can(request.user, "view", case):
            # An intake officer without a seat on cases: the number, and the report page.
            return _("Diterima sebagai kasus %(n)s.") % {"n": case.number}
        # The case page is the next place to work: it prompts to assign a caseworker.
        url = reverse("cases:detail", kwargs={"uid": case.uid})
        return format_html(_("Diterima sebagai kasus {link}."), link=format_html('<a href="{}">{}</a>', url, case.number)), url

    return _decision(request, uid, "terima", run)


@login_required
@require_POST
def decide_attach(request: HttpRequest, uid: Any) -> HttpResponse:
    """Attach the report to an existing case (by its number, among the cases the officer sees)."""

    def run(report: Report, data: dict[str, Any]) -> str:
        case = case_selectors.case_by_number(request.user, data["case_number"])
        if case is None:
            raise ValidationError({"case_number": _("Kasus dengan nomor ini tidak ditemukan di organisasi Anda.")})
        services.report_attach_to_case(actor=request.user, report=report, case=case)
        return _("Pengaduan digabung ke kasus %(n)s.") % {"n": case.number}

    return _decision(request, uid, "gabung-kasus", run, form_key="attach_form", make_form=lambda _r: AttachForm(request.POST))


@login_required
@require_POST
def decide_refer(request: HttpRequest, uid: Any) -> HttpResponse:
    """Refer the report to another organisation (to another UPTD PPA: a hand-over)."""

    def run(report: Report, data: dict[str, Any]) -> str:
        services.report_refer(actor=request.user, report=report, organisation=data["organisation"], reason=data["reason"])
        return _("Pengaduan dirujuk ke %(org)s.") % {"org": data["organisation"]}

    return _decision(
        request, uid, "rujuk", run, form_key="refer_form", make_form=lambda r: ReferForm(request.POST, exclude_org=r.organisation_id)
    )


@login_required
@require_POST
def decide_close(request: HttpRequest, uid: Any) -> HttpResponse:
    """Close the report: not a case."""

    def run(report: Report, data: dict[str, Any]) -> str:
        services.report_close(actor=request.user, report=report, reason=data["reason"])
        return _("Pengaduan ditutup (bukan kasus).")

    return _decision(request, uid, "tutup", run, form_key="close_form", make_form=lambda _r: CloseForm(request.POST))


@login_required
@require_POST
def decide_merge(request: HttpRequest, uid: Any) -> HttpResponse:
    """Merge a duplicate into another report of the queue (by tracking code)."""

    def run(report: Report, data: dict[str, Any]) -> str:
        into = selectors.report_in_queue(request.user, data["code"])
        if into is None:
            raise ValidationError({"code": _("Pengaduan dengan kode ini tidak ditemukan di antrean Anda.")})
        services.report_merge(actor=request.user, report=report, into=into)
        return _("Pengaduan digabung dengan %(code)s.") % {"code": into.display_code}

    return _decision(request, uid, "gabung", run, form_key="merge_form", make_form=lambda _r: MergeForm(request.POST))


@login_required
@require_POST
def officer_message(request: HttpRequest, uid: Any) -> HttpResponse:
    report = selectors.report_for_officer(request.user, uid, request=request, audit_view=False)
    access.check(request.user, "message", report)
    form = OfficerMessageForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, report)
        context["message_form"] = form
        return render(request, "intake/officer_detail.html", context, status=400)
    services.message_post_officer(actor=request.user, report=report, body=form.cleaned_data["body"], internal=form.cleaned_data["internal"])
    messages.success(request, _("Catatan disimpan.") if form.cleaned_data["internal"] else _("Pesan dikirim ke pelapor."))
    return redirect(reverse("intake:detail", kwargs={"uid": report.uid}) + "#pesan")


# --- settings: response clock and duty roster of the officer's organisation -----------------------


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "intake.configure")
    orgs = selectors.configurable_organisations(request.user)
    org = next((o for o in orgs if str(o.pk) == request.GET.get("org", "")), orgs[0])
    policy = selectors.response_policy_values(org)
    officers = selectors.officers_of(org)
    policy_form = ResponsePolicyForm(initial=policy)
    duty_form = OnDutyForm(initial={"users": [str(u) for u in selectors.on_duty_ids(org)]}, officers=officers)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("bagian") == "jaga":
                duty_form = OnDutyForm(request.POST, officers=officers)
                if duty_form.is_valid():
                    services.on_duty_set(actor=request.user, organisation=org, user_ids=[int(u) for u in duty_form.cleaned_data["users"]])
                    messages.success(request, _("Jadwal petugas jaga disimpan."))
                    return redirect(f"{reverse('intake:settings')}?org={org.pk}")
            else:
                policy_form = ResponsePolicyForm(request.POST)
                if policy_form.is_valid():
                    services.response_policy_set(actor=request.user, organisation=org, **policy_form.cleaned_data)
                    messages.success(request, _("Batas waktu respons disimpan."))
                    return redirect(f"{reverse('intake:settings')}?org={org.pk}")
        except ValidationError as exc:
            target = duty_form if request.POST.get("bagian") == "jaga" else policy_form
            for field, errs in exc.message_dict.items():
                for err in errs:
                    target.add_error(field if field in target.fields else None, err)
        status = 400
    return render(
        request,
        "intake/settings.html",
        {"org": org, "orgs": orgs, "policy_form": policy_form, "duty_form": duty_form},
        status=status,
    )
