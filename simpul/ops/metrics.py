"""Prometheus metrics for the operator (docs/operations.md).

What is measured never identifies anyone: requests are labelled by the URL pattern's *name*
(``cases:detail``), never by the path (which carries ids), by method and by status class.

Several gunicorn workers: set ``PROMETHEUS_MULTIPROC_DIR`` (``simpul serve`` does, under var/) and
each worker writes its counters there; the endpoint merges them. One process: plain registry.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter("simpul_http_requests_total", "HTTP requests answered", ["route", "method", "status"])
LATENCY = Histogram(
    "simpul_http_request_seconds", "Time to answer an HTTP request", ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    if match.view_name:
        return match.view_name
    return "api" if request.path.startswith("/api/") else "unnamed"


class MetricsMiddleware:
    """Counts requests and their latency by route name, method and status class."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        REQUESTS.labels(route, request.method or "", f"{response.status_code // 100}xx").inc()
        LATENCY.labels(route).observe(time.perf_counter() - started)
        return response


class StateCollector:
    """Read at scrape time: the task queue's depth and age, whether the database answers."""

    def collect(self):  # type: ignore[no-untyped-def]
        up = GaugeMetricFamily("simpul_database_up", "1 when the database answers")
        depth = GaugeMetricFamily("simpul_task_queue_depth", "Tasks waiting to run", labels=["queue"])
        age = GaugeMetricFamily("simpul_task_queue_oldest_seconds", "Age of the oldest waiting task", labels=["queue"])
        failed = GaugeMetricFamily("simpul_tasks_failed_total", "Tasks that ended in failure (all time)")
        try:
            from django.db.models import Count, Min
            from django_tasks_db.models import DBTaskResult

            now = timezone.now()
            rows = DBTaskResult.objects.ready().values("queue_name").annotate(n=Count("id"), oldest=Min("enqueued_at"))
            for row in rows:
                depth.add_metric([row["queue_name"]], row["n"])
                age.add_metric([row["queue_name"]], max((now - row["oldest"]).total_seconds(), 0.0))
            failed.add_metric([], DBTaskResult.objects.failed().count())
            with connection.cursor() as cur:
                cur.execute("SELECT 1")
            up.add_metric([], 1)
        except Exception:  # noqa: BLE001 - a scrape must answer even when the database does not
            up.add_metric([], 0)
        yield from (up, depth, age, failed)


def render() -> tuple[bytes, str]:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
    state = CollectorRegistry()
    state.register(StateCollector())  # type: ignore[arg-type]
    return generate_latest(registry) + generate_latest(state), CONTENT_TYPE_LATEST
