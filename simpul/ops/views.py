"""The operator's metrics endpoint: `GET /metrics` with `Authorization: Bearer <SIMPUL_METRICS_TOKEN>`.

Without the setting the endpoint does not exist (404); a wrong or missing token is 404 too, so
the endpoint is not discoverable. No session, no cookie: Prometheus scrapes with the token."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from simpul.ops import metrics


def _authorised(request: HttpRequest) -> bool:
    token = getattr(settings, "SIMPUL_METRICS_TOKEN", "")
    if not token:
        return False
    header = str(request.META.get("HTTP_AUTHORIZATION", ""))
    given = header[7:] if header.startswith("Bearer ") else ""
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


@require_GET
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        raise Http404
    body, content_type = metrics.render()
    return HttpResponse(body, content_type=content_type)
