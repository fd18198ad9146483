"""Fake web servers on 127.0.0.1 (a free port) for the checks that go online.

:func:`serve` answers from a table of paths; :func:`pypi_project` writes one
project as PyPI's JSON API would. The server runs in a thread of the test and
stops with ``shutdown()`` when the ``with`` block ends; it records each path it
was asked for and the User-Agent it was sent.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def html(body: str, status: int = 200) -> Answer:
    page = f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
    return Answer(status, page.encode(), {"Content-Type": "text/html; charset=utf-8"})


def redirect(location: str, status: int = 301) -> Answer:
    return Answer(status, b"", {"Location": location})


def as_json(value: Any, status: int = 200) -> Answer:
    return Answer(status, json.dumps(value).encode(), {"Content-Type": "application/json"})


def pypi_project(
    version: str, uploaded: str, older: dict[str, str] | None = None, python: str = ""
) -> dict[str, Any]:
    """A JSON API answer: the latest version plus older releases (version -> upload day)."""
    releases = {
        v: [
            {
                "upload_time_iso_8601": f"{day}T10:00:00.000000Z",
                "yanked": False,
                "requires_python": python if v == version else "",
            }
        ]
        for v, day in {**(older or {}), version: uploaded}.items()
    }
    return {
        "info": {"version": version, "requires_python": python},
        "releases": releases,
        "urls": releases[version],
    }


@dataclass
class Server:
    base: str
    routes: dict[str, Answer]
    asked: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)


@contextmanager
def serve(routes: dict[str, Answer]) -> Iterator[Server]:
    """Serve ``routes`` (path -> answer; anything else is a 404) until the block ends."""
    server_state = Server("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server_state.asked.append(self.path)
            server_state.agents.add(self.headers.get("User-Agent", ""))
            answer = server_state.routes.get(self.path) or html("<p>Not Found</p>", 404)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value.replace("{base}", server_state.base))
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args: Any) -> None:
            pass

    class Threaded(ThreadingHTTPServer):
        request_queue_size = 64  # the checks ask several at a time

    httpd = Threaded(("127.0.0.1", 0), Handler)
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def pypi_routes(projects: dict[str, dict[str, Any]]) -> dict[str, Answer]:
    """Routes of a fake JSON API under /pypi for ``projects`` (id -> answer)."""
    return {f"/pypi/{name}/json": as_json(project) for name, project in projects.items()}
