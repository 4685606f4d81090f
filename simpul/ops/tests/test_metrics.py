"""The operator's Prometheus endpoint: token only, route names not paths, task queue depth."""

from __future__ import annotations

from typing import Any

from django.test import Client

from simpul.testing import signed_in_client


def _scrape(client: Client, token: str = "metrik-rahasia-uji") -> Any:  # noqa: S107 - a test token
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_metrics_need_the_token(settings: Any, demo: dict[str, Any]) -> None:
    settings.SIMPUL_METRICS_TOKEN = ""
    assert _scrape(Client()).status_code == 404  # not configured: no endpoint
    settings.SIMPUL_METRICS_TOKEN = "metrik-rahasia-uji"
    assert Client().get("/metrics").status_code == 404
    assert _scrape(Client(), "salah").status_code == 404
    # A signed-in user, even the head of an office, has no way in without the token.
    assert signed_in_client("kepala.hss").get("/metrics").status_code == 404
    response = _scrape(Client())
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")


def test_requests_are_counted_by_route_name_never_by_path(settings: Any, demo: dict[str, Any]) -> None:
    settings.SIMPUL_METRICS_TOKEN = "metrik-rahasia-uji"
    client = Client()
    client.get("/healthz")
    client.get("/lapor/")
    body = _scrape(client).content.decode()
    assert 'simpul_http_requests_total{method="GET",route="core:healthz",status="2xx"}' in body
    assert 'route="intake:' in body
    assert "/lapor/" not in body  # paths (which carry ids elsewhere) are never labels
    assert "simpul_http_request_seconds_bucket" in body
    assert "simpul_database_up 1.0" in body


def test_task_queue_depth_and_age(settings: Any, demo: dict[str, Any]) -> None:
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.SIMPUL_METRICS_TOKEN = "metrik-rahasia-uji"
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="simpul.example.task", backend_name="default",
        queue_name="default", run_after=timezone.now() - dt.timedelta(minutes=1),
        exception_class_path="", traceback="",
    )
    DBTaskResult.objects.filter(id=waiting.id).update(enqueued_at=timezone.now() - dt.timedelta(minutes=10))
    body = _scrape(Client()).content.decode()
    assert 'simpul_task_queue_depth{queue="default"} 1.0' in body
    age = float(body.split('simpul_task_queue_oldest_seconds{queue="default"} ')[1].split()[0])
    assert 590 <= age <= 700
