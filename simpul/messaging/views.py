from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from simpul.core.formerrors import errors_to_form
from simpul.intake import guard
from simpul.intake import selectors as intake_selectors
from simpul.messaging import policy, selectors, services
from simpul.messaging.forms import NONE, PreferenceForm, SendForm


@login_required
@require_http_methods(["GET", "POST"])
def report_messages(request: HttpRequest, uid: str) -> HttpResponse:
    """An officer's "send via WhatsApp/SMS": the reporter's choices, a neutral template (or full
    text when the reporter allowed it) and what was sent before."""
    report = selectors.report_for_messaging(request.user, uid)
    refused, contact = "", None
    try:
        contact = policy.contact_for(report)
    except policy.NotAllowed as exc:
        refused = services.refusal(exc.reason)
    form = SendForm(request.POST or None, full_text=bool(contact and contact.full_text))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_queue(actor=request.user, report=report, template=form.cleaned_data["template"],
                                       text=form.cleaned_data.get("text", ""))
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Pesan masuk antrean. Pesan dikirim pada waktu aman yang dipilih pelapor."))
                return redirect("messaging:report", uid=report.uid)
        status = 400
    return render(request, "messaging/report.html", {
        "report": report, "form": form, "contact": contact, "refused": refused, "outbound": selectors.outbound_for(request.user, report),
    }, status=status)


def _no_store(response: HttpResponse) -> HttpResponse:
    """A shared phone must not keep the tracking code in its cache (as every /lapor page)."""
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def public_preference(request: HttpRequest) -> HttpResponse:
    """The reporter's own choices about messages, with their tracking code and PIN."""
    return _no_store(_public_preference(request))


def _public_preference(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "messaging/preference.html", {"form": PreferenceForm()})
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        return render(request, "messaging/preference.html", {"form": form}, status=400)
    try:
        report = intake_selectors.public_lookup(code=form.cleaned_data["code"], pin=form.cleaned_data["pin"], ip=guard.client_ip(request))
    except intake_selectors.Throttled:
        form.add_error(None, _("Terlalu banyak percobaan. Tunggu beberapa menit, lalu coba lagi."))
        return render(request, "messaging/preference.html", {"form": form}, status=429)
    if report is None:
        form.add_error(None, _("Kode lacak atau PIN tidak cocok. Periksa lagi, lalu coba kembali."))
        return render(request, "messaging/preference.html", {"form": form}, status=400)
    cd = form.cleaned_data
    opted_out = cd["channel"] == NONE
    services.preference_set(report=report, channel="" if opted_out else cd["channel"], opted_out=opted_out,
                            status_updates=cd["status_updates"] and not opted_out, full_text=cd["full_text"] and not opted_out)
    return render(request, "messaging/preference_done.html", {})
