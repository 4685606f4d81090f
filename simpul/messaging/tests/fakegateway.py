"""A local fake messaging gateway for the tests: a real HTTP server on 127.0.0.1 in a thread.

It speaks both contracts (WhatsApp Cloud API ``/{phone-number-id}/messages`` and the generic SMS
JSON POST), remembers every request, and deduplicates by the ``Idempotency-Key`` header as a
real idempotent gateway would: ``delivered`` holds what reached a phone (once per key), while
``requests`` holds every attempt. ``script`` is a list of behaviours for the next requests:
"ok", "500", "429", "400", "timeout" (answer after the client gave up, but accept the message),
"drop" (close the connection without an answer), "slow" (answer after ``delay``, for a client
that waits longer)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeGateway:
    def __init__(self, *, idempotent: bool = True, delay: float = 1.0) -> None:
        self.idempotent = idempotent
        self.delay = delay
        self.script: list[str] = []
        self.requests: list[dict[str, Any]] = []
        self.delivered: list[dict[str, Any]] = []
        self._ids: dict[str, str] = {}
        self._lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                key = self.headers.get("Idempotency-Key", "")
                with gateway._lock:
                    action = gateway.script.pop(0) if gateway.script else "ok"
                    gateway.requests.append({"path": self.path, "body": body, "key": key, "auth": self.headers.get("Authorization"), "action": action})
                if action in ("500", "429", "400"):
                    self.send_response(int(action))
                    self.end_headers()
                    self.wfile.write(b'{"error": "fake"}')
                    return
                if action == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                with gateway._lock:
                    if key in gateway._ids and gateway.idempotent:
                        provider_id = gateway._ids[key]
                    else:
                        provider_id = f"prov-{len(gateway.delivered) + 1}"
                        gateway._ids[key] = provider_id
                        gateway.delivered.append({"path": self.path, "body": body, "key": key})
                if action in ("timeout", "slow"):
                    time.sleep(gateway.delay)
                answer = {"messages": [{"id": provider_id}]} if "/messages" in self.path else {"id": provider_id}
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(json.dumps(answer).encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeGateway:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
