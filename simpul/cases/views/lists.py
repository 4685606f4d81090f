"""Case lists and the export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.cases import exports, forms, selectors
from simpul.cases.views.common import PAGE_SIZES


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "cases.list")
    queue = request.GET.get("antrian") or selectors.default_queue(request.user)
    if queue not in selectors.QUEUES:
        queue = "team"
    filters = selectors.Filters.from_query(request.GET)
    filtering = any(k in request.GET for k in forms.FilterForm.base_fields)
    filter_form = forms.FilterForm(request.GET if filtering else None, caseworkers=selectors.caseworker_choices(request.user))
    sort = request.GET.get("urut", "reported")
    sort = sort if sort in selectors.SORTS else "reported"
    qs = selectors.case_queryset(request.user, queue=queue, filters=filters)
    try:
        size = int(request.GET.get("per", 25))
    except ValueError:
        size = 25
    size = size if size in PAGE_SIZES else 25
    page = Paginator(selectors.order_cases(qs, sort), size).get_page(request.GET.get("hal"))
    rows = selectors.list_rows(page.object_list)  # type: ignore[arg-type]
    selectors.audit_list_view(request.user, rows, request=request)
    query = request.GET.copy()
    query.pop("hal", None)
    query["antrian"] = queue
    unsorted = query.copy()
    unsorted.pop("urut", None)
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
            "unsorted": unsorted.urlencode(),
            "sort": sort,
            "sorts": [("reported", _("Lapor terbaru")), ("-reported", _("Lapor terlama")), ("risk", _("Risiko tertinggi")), ("stage", _("Tahap")), ("due", _("Tenggat terdekat"))],
            "can_open": access.can(request.user, "case.open_direct", None),
            "can_export": access.can(request.user, "cases.export"),
        },
    )


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "cases.export")
    queue = request.GET.get("antrian", "team")
    filters = selectors.Filters.from_query(request.GET)
    rows = selectors.export_rows(request.user, queue=queue, filters=filters, request=request)
    response = HttpResponse(exports.cases_xlsx(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="kasus-{timezone.localdate().isoformat()}.xlsx"'
    return response
