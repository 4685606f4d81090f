"""A real HTTP receiver on 127.0.0.1 in a thread, scripted per request: a status code, or
"sleep" (answers after the sender's timeout)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    script: list[int | str]
    received: list[Received] = field(default_factory=list)


@contextmanager
def receiver(script: list[int | str], sleep: float = 2.5) -> Iterator[Receiver]:
    state = Receiver(url="", script=list(script))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            action = state.script.pop(0) if state.script else 200
            if action == "sleep":
                time.sleep(sleep)
                action = 200
            self.send_response(int(action))
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok " + b"x" * 1000)  # long: only an excerpt may be kept

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
