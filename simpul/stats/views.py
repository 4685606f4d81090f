"""Statistics pages: dashboards by jurisdiction, exports, PDF reports, public open data. Thin."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.audit.services import record
from simpul.regions.models import Region
from simpul.stats import exports, public, rules, selectors
from simpul.stats.models import ReportJob, ReportJobStatus, ReportKind
from simpul.stats.policies import stats_regions
from simpul.stats.queries import Period, Scope, period_choices


def _basis(request: HttpRequest) -> str:
    b = request.GET.get("dasar", rules.DEFAULT_BASIS)
    return b if b in rules.BASES else rules.DEFAULT_BASIS


def _scope_label(scope: Scope) -> str:
    if not scope.code:
        return _("Nasional")
    name = Region.objects.filter(code=scope.code).values_list("name", flat=True).first()
    return f"{name or scope.code} ({scope.code})"


def _context(request: HttpRequest) -> tuple[Scope, Period, str, dict[str, Any]]:
    access.check(request.user, "stats.view")
    scope = selectors.resolve_scope(request.user, request.GET.get("wilayah"))
    period = Period.parse(request.GET)
    basis = _basis(request)
    ctx = selectors.dashboard(request.user, scope=scope, period=period, basis=basis)
    return scope, period, basis, ctx


def _crumbs(scope: Scope, user: Any) -> list[dict[str, str]]:
    from simpul.regions.codes import ancestors_of

    codes = ancestors_of(scope.code) if scope.code else []
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    out = []
    for code in codes:
        if access.can(user, "stats.view", code):
            out.append({"code": code, "name": names.get(code, code)})
    return out


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, period, basis, ctx = _context(request)
    today = timezone.localdate()
    query = request.GET.copy()
    record(
        "stats.view",
        actor=request.user,
        object_type="stats",
        object_id=scope.code or "nasional",
        extra={"period": period.label, "basis": basis},
        request=request,
    )
    return render(
        request,
        "stats/dashboard.html",
        {
            **ctx,
            "scope": scope,
            "scope_label": _scope_label(scope),
            "crumbs": _crumbs(scope, request.user),
            "period": period,
            "basis": basis,
            "basis_label": rules.BASES[basis],
            "bases": rules.BASES.items(),
            "period_options": period_choices(today, period),
            "years": list(range(today.year, today.year - 8, -1)),
            "months": list(range(1, 13)),
            "scopes": [
                {"code": c or "nasional", "label": c or _("Nasional")}
                for c in stats_regions(access.actor_for(request.user))
            ],
            "query": query.urlencode(),
            "chart_json": selectors.chart_data(ctx),
            "can_report": scope.code is not None and scope.level <= 2,
            "report_kinds": ReportKind.choices,
        },
    )


@login_required
def table_csv(request: HttpRequest) -> HttpResponse:
    scope, period, basis, ctx = _context(request)
    key = request.GET.get("tabel", "")
    sheets = dict(selectors.export_rows(ctx, _scope_label(scope), period, basis))
    if key not in sheets:
        raise Http404()
    record(
        "stats.export",
        actor=request.user,
        object_type="stats",
        object_id=scope.code or "nasional",
        extra={"table": key, "format": "csv"},
        request=request,
    )
    resp = HttpResponse(exports.to_csv(sheets[key]), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="statistik-{key}-{scope.code or "nasional"}.csv"'
    return resp


@login_required
def tables_xlsx(request: HttpRequest) -> HttpResponse:
    scope, period, basis, ctx = _context(request)
    record(
        "stats.export",
        actor=request.user,
        object_type="stats",
        object_id=scope.code or "nasional",
        extra={"format": "xlsx"},
        request=request,
    )
    resp = HttpResponse(
        exports.to_xlsx(selectors.export_rows(ctx, _scope_label(scope), period, basis)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="statistik-{scope.code or "nasional"}.xlsx"'
    return resp


@login_required
def simfoni(request: HttpRequest) -> HttpResponse:
    scope, period, basis, ctx = _context(request)
    fmt = request.GET.get("format", "xlsx")
    header = [_("Rekap Simfoni PPA"), _scope_label(scope), period.label, str(rules.BASES[basis])]
    rows = exports.simfoni_recap(ctx["counts"], header)
    record(
        "stats.export",
        actor=request.user,
        object_type="stats",
        object_id=scope.code or "nasional",
        extra={"format": "simfoni-" + fmt},
        request=request,
    )
    name = f"rekap-simfoni-{scope.code or 'nasional'}-{period.start.isoformat()}"
    if fmt == "csv":
        resp = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return resp
    resp = HttpResponse(
        exports.to_xlsx([("Simfoni", rows)]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return resp


# --- PDF reports ------------------------------------------------------------------------------


def _own_job(request: HttpRequest, uid: Any) -> ReportJob:
    job = ReportJob.objects.filter(uid=uid, requested_by_id=request.user.pk).first()
    if job is None or not access.can(request.user, "stats.report", job.region_code):
        raise Http404()
    return job


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "stats.view")
    from simpul.stats.report_jobs import report_request

    try:
        year = int(request.POST.get("tahun") or 0)
        month = int(request.POST.get("bulan") or 0) or None
    except ValueError:
        year, month = 0, None
    region = (request.POST.get("wilayah") or "").strip()
    if region and not access.can(request.user, "stats.view", region):
        raise Http404()
    if not (2000 <= year <= timezone.localdate().year):
        return HttpResponse(_("Tahun tidak valid."), status=400)
    try:
        job = report_request(
            actor=request.user, kind=request.POST.get("jenis", ""), region_code=region, year=year, month=month
        )
    except ValidationError as exc:
        return HttpResponse("; ".join(exc.messages), status=400)
    return redirect("stats:report_detail", uid=job.uid)


@login_required
def report_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    access.check(request.user, "stats.view")
    job = _own_job(request, uid)
    template = "stats/_report_progress.html" if request.headers.get("HX-Request") else "stats/report.html"
    return render(
        request, template, {"job": job, "done": job.status in (ReportJobStatus.DONE, ReportJobStatus.FAILED)}
    )


@login_required
def report_download(request: HttpRequest, uid: Any) -> HttpResponse:
    access.check(request.user, "stats.view")
    job = _own_job(request, uid)
    if job.status != ReportJobStatus.DONE or not job.pdf:
        raise Http404()
    record("stats.report_download", actor=request.user, obj=job, request=request)
    resp = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    suffix = f"-{job.month:02d}" if job.month else ""
    resp["Content-Disposition"] = f'attachment; filename="laporan-{job.region_code}-{job.year}{suffix}.pdf"'
    return resp


# --- Public open data (no sign-in) ---------------------------------------------------------------


def public_page(request: HttpRequest) -> HttpResponse:
    """Rendered once per data version and language, then served from the cache."""
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    # Only the tables are cached (no user, no CSRF token in them); the page around them is per request.
    key = public.cache_key() + ":html"
    body = cache.get(key)
    if body is None:
        body = render_to_string("stats/_public_body.html", {"data": public.public_data()})
        cache.set(key, body, public.CACHE_SECONDS)
    return render(
        request,
        "stats/public.html",
        # body is our own template's output (auto-escaped), cached as text
        {"body": mark_safe(body), "title": _("Data terbuka kekerasan terhadap perempuan dan anak")},  # noqa: S308
    )


def public_csv(request: HttpRequest) -> HttpResponse:
    resp = HttpResponse(
        exports.to_csv(public.as_csv_rows(public.public_data())), content_type="text/csv; charset=utf-8"
    )
    resp["Content-Disposition"] = 'attachment; filename="simpul-data-terbuka.csv"'
    return resp


def public_json(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        json.loads(json.dumps(public.public_data(), default=str)), json_dumps_params={"ensure_ascii": False}
    )


def _today() -> dt.date:
    return timezone.localdate()
