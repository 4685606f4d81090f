"""Schemathesis over the whole OpenAPI document (/api/v1/openapi.json), in process (WSGI).

Every operation gets positive and negative examples (a small budget: ``SIMPUL_FUZZ_EXAMPLES``,
default 25 per operation and mode), sent with a token holding every scope. Asserts: no response
is a 500, and every response conforms to the document (status code documented, content type,
body schema). Issue 12, part 4.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from simpul.api.models import SCOPES
from simpul.api.tokens import token_create

EXAMPLES = int(os.environ.get("SIMPUL_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app(settings: Any) -> Any:
    """The real WSGI application on the test database: the per-request connection clean-up is
    switched off (as Django's test client does) so requests see the test's transaction."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SIMPUL_WEBHOOK_SECRET = "uji-rahasia-webhook-" + "x" * 20  # noqa: S105 - a test secret
    # (read with the test client first: it reconnects the clean-up after each request)
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        app = get_wsgi_application()
        app.document = document
        yield app
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.django_db
def test_openapi_fuzz_no_500_and_responses_conform(demo: dict[str, Any], wsgi_app: Any) -> None:
    document = wsgi_app.document
    schema = schemathesis.openapi.from_dict(document)
    schema.app = wsgi_app
    _token, raw = token_create(user=demo["user"]["kepala.hss"], scopes=list(SCOPES), days=1)
    # identity: the WSGI transport hands the body over as it is (HTML/JSON are gzipped when asked)
    headers = {"Authorization": f"Bearer {raw}", "Accept-Encoding": "identity"}
    figures = {"requests": 0, "server_errors": 0, "operations": 0}
    failures: list[str] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        figures["operations"] += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                                 suppress_health_check=list(HealthCheck), phases=[hypothesis.Phase.generate])
            @hypothesis.given(case=strategy)
            def run(case: Any) -> None:
                response = case.call(headers=headers)
                figures["requests"] += 1
                if response.status_code >= 500:
                    figures["server_errors"] += 1
                try:
                    case.validate_response(response, checks=CHECKS)
                except (Exception, BaseExceptionGroup) as exc:  # collect, so one run reports every operation
                    failures.append(f"{case.operation.label} {type(exc).__name__}: {str(exc)[:600]}")

            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # an operation without inputs has no invalid input
    seconds = time.monotonic() - started
    print(f"\nschemathesis: {figures['operations']} operations, {figures['requests']} requests, "
          f"{figures['server_errors']} responses >= 500, {seconds:.1f} s")
    assert figures["server_errors"] == 0, failures
    assert not failures, "\n".join(failures[:20])
