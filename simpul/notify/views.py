from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from simpul import access
from simpul.notify import selectors, services
from simpul.notify.kinds import Kind
from simpul.notify.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "notify.own")
    page = Paginator(selectors.inbox(request.user), 30).get_page(request.GET.get("hal"))
    return render(request, "notify/list.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read, then go where it leads (a page that checks access again)."""
    notification = access.get_or_404(request.user, Notification, "view", pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    target = notification.path
    if request.POST.get("saja") == "baca" or not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("notify:list")
    return redirect(target)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    messages.success(request, _("%(n)s pemberitahuan ditandai sudah dibaca.") % {"n": count})
    return redirect("notify:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "notify.own")
    if request.method == "POST":
        choices = {k: (request.POST.get(f"{k}-app") == "1", request.POST.get(f"{k}-email") == "1") for k in Kind.values}
        services.preferences_set(actor=request.user, choices=choices)
        messages.success(request, _("Pengaturan pemberitahuan disimpan."))
        return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {"rows": selectors.preferences(request.user)})
