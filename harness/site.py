"""What tests and benchmarks share: strict MkDocs builds, loopback servers, Chromium's flags.

Servers bind 127.0.0.1 on a free port and stop by PID. Nothing here imports
pytest: tests/harness/ adds the test side (fixture projects, required tools).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Debian's Chromium (never a downloaded browser). Without the background-network
# flags it tries to reach Google's hosts, which this machine's network refuses.
CHROMIUM = "/usr/bin/chromium"
# The tests drive Debian's headless shell (package chromium-headless-shell): the same
# Blink and V8 without the browser's own layers, as Playwright runs headless tests by
# default. It loads the site's 26 pages with about a third less CPU (4.1 s against
# 6.1 s), and the browser tier is most of the suite's CPU. The benchmarks measure what
# a reader's browser does, and Lighthouse needs the full one: they keep CHROMIUM.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def mkdocs_build(
    config: Path,
    dest: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    strict: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a MkDocs build, strict unless told (a preview-like build shows placeholders
    instead of stopping on them); returns the finished process (check returncode)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *(["--strict"] if strict else []),
            "-f",
            str(config),
            "-d",
            str(dest),
            *extra,
        ],
        capture_output=True,
        text=True,
        env={**BUILD_ENV, **(env or {})},
        check=False,
    )


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """One of the editors' commands (scripts/NAME) as an editor runs it; check returncode."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    port: int, process: subprocess.Popen[bytes] | None = None, timeout: float = 20.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server we started, by its PID, and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running(command: list[str], port: int, timeout: float = 20.0, **popen: object) -> Iterator[str]:
    """Start ``command`` (a server that binds 127.0.0.1:``port``), yield its base URL once
    the port answers, and stop it by its PID on the way out."""
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.DEVNULL)
    process = subprocess.Popen(command, **popen)  # type: ignore[call-overload]
    try:
        wait_for_port(port, process, timeout)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at a free port; yields the base URL."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    with running([*command, "--directory", str(directory)], port) as url:
        yield url


@contextmanager
def mkdocs_serve(config: Path, log: Path, timeout: float = 60.0) -> Iterator[str]:
    """`mkdocs serve --livereload` on 127.0.0.1 at a free port, output to ``log``.

    Yields the base URL; the server is stopped by its PID on the way out.
    """
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    command += ["--dev-addr", f"127.0.0.1:{port}", "-f", str(config)]
    with (
        log.open("wb") as out,
        running(command, port, timeout, stdout=out, stderr=subprocess.STDOUT, env=BUILD_ENV) as url,
    ):
        yield url
