from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from simpul import access


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Beranda: what waits for me (counts and links from every module's work providers), and
    for supervisors the caseload panel (simpul/core/work.py)."""
    from simpul.core import work

    actor = access.actor_for(request.user)
    items = work.items_for(actor)
    return render(
        request,
        "core/home.html",
        {"seats": seat_labels(actor), "items": items, "waiting": sum(i.count for i in items), "panels": work.panels_for(actor)},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """One search box for staff: case number, tracking code, NIK, phone or name; results come
    from every module's search provider, scoped by access; audited without the query text.
    The query is POSTed: a NIK or a name never lands in the address bar, the browser history
    or a log line of a shared office PC; the page is not cached."""
    from simpul.core import search as registry

    access.check(request.user, "search.use")
    text = request.POST.get("q", "") if request.method == "POST" else ""
    query, hits = registry.run(request.user, text, request=request) if text.strip() else (registry.classify(""), [])
    return render(request, "core/search.html", {"q": query.text, "query": query, "hits": hits, "searched": bool(text.strip()), "max_hits": registry.MAX_HITS})


def seat_labels(actor: access.Actor) -> list[tuple[str, str]]:
    """(role label, organisation name) for each of the actor's memberships."""
    from simpul.access.roles import Role
    from simpul.accounts.models import Organisation

    names = dict(Organisation.objects.filter(pk__in=actor.org_ids()).values_list("pk", "name"))
    return [(str(Role(s.role).label), names.get(s.org_id, "")) for s in actor.seats]


def index(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "core/index.html")


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness plus database reachability."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database error means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: database reachable, migrations applied, region codes loaded."""
    from django.db.migrations.executor import MigrationExecutor

    problems: list[str] = []
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            problems.append("migrations pending")
        from simpul.regions.models import Region

        if not Region.objects.filter(level=1).exists():
            problems.append("region codes not loaded")
    except Exception:  # noqa: BLE001
        problems.append("database unreachable")
    status = 503 if problems else 200
    return JsonResponse({"status": "ok" if not problems else "not ready", "problems": problems}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Formulir kedaluwarsa"), "message": _("Halaman ini terlalu lama terbuka atau cookie diblokir. Muat ulang halaman lalu kirim lagi.")},
        status=403,
    )


def error_400(request: HttpRequest, exception: Any = None) -> HttpResponse:
    message = _("Permintaan tidak dapat diproses.")
    if isinstance(exception, MultiPartParserError):
        # e.g. a file name longer than Django's multipart header limit (about 1,000 characters)
        message = _("Formulir tidak dapat dibaca. Bila Anda mengunggah berkas, nama berkasnya mungkin terlalu panjang: "
                    "ganti namanya menjadi lebih pendek (di bawah 200 huruf), lalu kembali dan unggah lagi.")
    return render(request, "core/error.html", {"title": _("Permintaan tidak sah"), "message": message}, status=400)


def error_403(request: HttpRequest, exception: Any = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("Anda tidak berwenang membuka halaman ini.")
    return render(request, "core/error.html", {"title": _("Akses ditolak"), "message": message}, status=403)


def error_404(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "core/error.html", {"title": _("Tidak ditemukan"), "message": _("Halaman atau data ini tidak ada, atau Anda tidak berwenang melihatnya.")}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"title": _("Terjadi kesalahan"), "message": _("Maaf, terjadi kesalahan pada server. Data yang Anda kirim tidak disimpan sebagian; silakan coba lagi.")}, status=500)
