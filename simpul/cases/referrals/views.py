"""Referral pages. Sending team: send, read what was sent and its status, letter, cancel.
Receiving partner: inbox, the shared view, response, actions, services, completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.cases import exports, forms
from simpul.cases.models import Referral, ReferralStatus
from simpul.cases.referrals import selectors, services
from simpul.cases.services.consent import consent_status
from simpul.cases.services.delivery import service_add
from simpul.cases.views.common import case_for, errors_to_form, form_action

# --- Sending team ----------------------------------------------------------------------------------


@login_required
def referral_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "refer")
    targets = list(services.referral_targets(case))
    by_id = {o.pk: o for o in targets}
    form = forms.ReferralForm(
        request.POST or None,
        targets=[(o.pk, f"{o} ({o.get_type_display()})") for o in targets],
        initial={"due_date": timezone.localdate() + dt.timedelta(days=3), "shared_sets": ["identitas_korban", "kronologi"]},
    )
    consent = selectors.victims_consented(case)
    if consent:  # no fallback basis to choose when every victim consented
        del form.fields["override_basis"], form.fields["override_reason"]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                ref = services.referral_create(actor=request.user, case=case, **{**d, "to_org": by_id[d["to_org"]]})
            except ValidationError as exc:
                errors_to_form(form, exc)
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
        {
            "form": form, "case": case, "title": _("Rujuk kasus"), "submit": _("Kirim rujukan"), "consent": consent,
            "is_referral": True, "status": consent_status(case), "can_consent": access.can(request.user, "assess", case),
        },
        status=status,
    )


@login_required
def referral_sent(request: HttpRequest, uid: Any) -> HttpResponse:
    """What the case team sent and what became of it (whoever may see the sending case)."""
    sent = selectors.referral_sent_view(request.user, uid, request=request)
    ref = sent.referral
    return render(
        request,
        "cases/referral_sent.html",
        {"sent": sent, "ref": ref, "can_cancel": ref.is_open and access.can(request.user, "cancel", ref)},
    )


@login_required
def referral_letter(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_letter(request.user, uid, request=request)
    response = HttpResponse(exports.referral_letter_pdf(ref), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-rujukan-{ref.case.number.replace("/", "-")}.pdf"'
    return response


@login_required
def referral_cancel(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_sender(request.user, uid, "cancel")
    form = forms.ReasonForm(request.POST or None)
    return form_action(
        request, ref.case, form, lambda d: services.referral_cancel(actor=request.user, referral=ref, reason=d["reason"]),
        title=_("Batalkan rujukan"), submit=_("Batalkan"), success=_("Rujukan dibatalkan."),
    )


# --- Receiving partner -------------------------------------------------------------------------------


@login_required
def referral_inbox(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "referrals.inbox")
    status = request.GET.get("status", "")
    overdue = request.GET.get("terlambat") in ("1", "on")
    sort = request.GET.get("urut", "sent")
    sort = sort if sort in selectors.INBOX_SORTS else "sent"
    today = timezone.localdate()
    qs = selectors.referral_inbox(request.user, status=status, overdue=overdue, sort=sort, today=today)
    page = Paginator(qs, 25).get_page(request.GET.get("hal"))
    query = request.GET.copy()
    query.pop("hal", None)
    unsorted = query.copy()
    unsorted.pop("urut", None)
    return render(
        request, "cases/inbox.html",
        {
            "refs": list(page.object_list), "page": page, "today": today, "status": status, "statuses": ReferralStatus.choices,
            "overdue": overdue, "sort": sort, "query": query.urlencode(), "unsorted": unsorted.urlencode(),
            "sorts": [("sent", _("Terbaru dikirim")), ("-sent", _("Terlama dikirim")), ("due", _("Tenggat terdekat"))],
        },
    )


@login_required
def referral_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_partner(request.user, uid, "view_shared")
    shared = selectors.referral_shared(request.user, ref, request=request)
    actions, delivered = selectors.partner_log(ref)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "ref": ref,
            "shared": shared,
            "actions": actions,
            "services": delivered,
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
            errors_to_form(form, exc)
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
    ref = selectors.referral_for_partner(request.user, uid)
    return _referral_form_action(
        request, ref, forms.RespondForm(request.POST),
        lambda d: services.referral_respond(actor=request.user, referral=ref, accept=d["decision"] == "accept", reason=d["reason"]),
        _("Tanggapi rujukan"), _("Tanggapan disimpan."),
    )


@login_required
@require_POST
def referral_action(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_partner(request.user, uid)
    return _referral_form_action(
        request, ref, forms.ActionForm(request.POST),
        lambda d: services.referral_action_add(actor=request.user, referral=ref, **d),
        _("Catat tindakan"), _("Tindakan dicatat."),
    )


@login_required
@require_POST
def referral_service(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_partner(request.user, uid)
    return _referral_form_action(
        request, ref, forms.ServiceForm(request.POST),
        lambda d: service_add(actor=request.user, case=ref.case, referral=ref, **d),
        _("Catat layanan"), _("Layanan dicatat."),
    )


@login_required
@require_POST
def referral_complete(request: HttpRequest, uid: Any) -> HttpResponse:
    ref = selectors.referral_for_partner(request.user, uid)
    return _referral_form_action(
        request, ref, forms.CompleteForm(request.POST),
        lambda d: services.referral_complete(actor=request.user, referral=ref, outcome=d["outcome"]),
        _("Selesaikan rujukan"), _("Rujukan diselesaikan."),
    )
