"""Pages of outbound webhooks for an organisation's admin: endpoints (secret shown once), the
delivery log per endpoint, the dead-letter list with "coba lagi sekarang"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from simpul import access
from simpul.webhooks import selectors, services
from simpul.webhooks.events import EVENT_TYPES
from simpul.webhooks.forms import EndpointForm
from simpul.webhooks.models import Delivery, Endpoint


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "webhooks.manage")
    orgs = selectors.organisations(request.user)
    form = EndpointForm(request.POST or None, organisations=orgs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            org = d.get("organisation") or orgs.first()
            try:
                if org is None:
                    raise access.AccessDenied()
                endpoint, secret = services.endpoint_create(actor=request.user, organisation=org, url=d["url"],
                                                            event_types=list(d["event_types"]), description=d.get("description") or "")
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                # The secret is shown on this answer only (never stored in plain, never shown again).
                response = render(request, "webhooks/created.html", {"endpoint": endpoint, "secret": secret})
                response["Cache-Control"] = "no-store"
                return response
        status = 400
    rows = list(selectors.endpoints(request.user))
    labels = {k: str(v) for k, v in EVENT_TYPES.items()}
    for e in rows:
        e.type_labels = [labels.get(t, t) for t in e.event_types]  # type: ignore[attr-defined]
    return render(request, "webhooks/list.html", {"rows": rows, "form": form}, status=status)


@login_required
def endpoint_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    endpoint = access.get_or_404(request.user, Endpoint.objects.select_related("organisation").defer("secret"), "view", uid=uid)
    deliveries = selectors.recent_deliveries(endpoint)
    log = selectors.attempts_of(deliveries)
    rows = [(d, log.get(d.pk, [])) for d in deliveries]
    return render(request, "webhooks/detail.html", {"endpoint": endpoint, "rows": rows})


@login_required
@require_POST
def endpoint_active(request: HttpRequest, uid: Any) -> HttpResponse:
    endpoint = access.get_or_404(request.user, Endpoint.objects.defer("secret"), "edit", uid=uid)
    active = request.POST.get("aktif") == "1"
    services.endpoint_set_active(actor=request.user, endpoint=endpoint, active=active)
    messages.success(request, _("Endpoint diaktifkan.") if active else _("Endpoint dinonaktifkan."))
    return redirect("webhooks:detail", uid=endpoint.uid)


@login_required
@require_POST
def endpoint_delete(request: HttpRequest, uid: Any) -> HttpResponse:
    endpoint = access.get_or_404(request.user, Endpoint.objects.defer("secret"), "edit", uid=uid)
    services.endpoint_delete(actor=request.user, endpoint=endpoint)
    messages.success(request, _("Endpoint dihapus."))
    return redirect("webhooks:list")


@login_required
def dead_letters(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "webhooks.manage")
    return render(request, "webhooks/dead.html", {"rows": selectors.dead_letters(request.user)})


@login_required
@require_POST
def delivery_retry(request: HttpRequest, uid: Any) -> HttpResponse:
    delivery = access.get_or_404(request.user, Delivery.objects.select_related("endpoint"), "edit", uid=uid)
    try:
        delivery = services.delivery_retry_now(actor=request.user, delivery=delivery)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        delivery.refresh_from_db()
        if delivery.status == "delivered":
            messages.success(request, _("Kiriman berhasil dikirim ulang."))
        else:
            messages.info(request, _("Kiriman dijadwalkan untuk dikirim ulang."))
    if request.POST.get("dari") == "gagal":
        return redirect("webhooks:dead")
    return redirect("webhooks:detail", uid=delivery.endpoint.uid)
