"""What the benchmarks share: loopback servers, Chromium's flags, MkDocs runs, an nginx prefix.

Benchmarks import nothing from tests/: these are small copies of the test
harness's tools (tests/harness/), kept apart so the two can change
independently. Servers bind 127.0.0.1 on a free port and stop by PID.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY_DIR = ROOT / "deploy"
TEMPLATE = DEPLOY_DIR / "nginx.conf"
SNIPPETS = DEPLOY_DIR / "nginx"
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Debian's Chromium (never a downloaded browser). Without the background-network
# flags it tries to reach Google's hosts, which this machine's network refuses.
CHROMIUM = "/usr/bin/chromium"
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
    config: Path, dest: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build; returns the finished process (check returncode)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
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
def mkdocs_serve(config: Path, log: Path, timeout: float = 60.0) -> Iterator[str]:
    """`mkdocs serve --livereload` on 127.0.0.1 at a free port, output to ``log``.

    Yields the base URL; the server is stopped by its PID on the way out.
    """
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
                "-f",
                str(config),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=BUILD_ENV,
        )
    try:
        wait_for_port(port, process, timeout)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)


PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")

_MAIN = """\
# Test harness around the shipped server block; nothing here is for production.
daemon off;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    include mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    {access_log};
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include flask-vs-django.conf;
}}
"""


def render_server_block(template: str, values: dict[str, str]) -> str:
    """Fill ``${NAME}`` placeholders as envsubst would; every one must be given."""
    missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise ValueError(f"no value for {', '.join(missing)} in {TEMPLATE.name}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def mime_types() -> Path:
    for candidate in (Path("/etc/nginx/mime.types"), Path("/usr/local/nginx/conf/mime.types")):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("nginx's mime.types was not found (is nginx installed?)")


def write_config(
    prefix: Path, site_dir: Path, port: int, *, workers: int = 1, access_log: bool = True
) -> Path:
    """Lay out a private nginx prefix serving ``site_dir``; returns the main config.

    The server block and header snippets are copied unchanged but for the two
    placeholders.
    """
    conf = prefix / "conf"
    for folder in (conf / "snippets", prefix / "logs", prefix / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SNIPPETS, conf / "snippets" / "flask-vs-django", dirs_exist_ok=True)
    shutil.copyfile(mime_types(), conf / "mime.types")
    block = render_server_block(
        TEMPLATE.read_text(encoding="utf-8"),
        {"SITE_ROOT": str(site_dir.resolve()), "LISTEN": f"127.0.0.1:{port}"},
    )
    (conf / "flask-vs-django.conf").write_text(block, encoding="utf-8")
    log = f"access_log {prefix}/logs/access.log" if access_log else "access_log off"
    main = conf / "nginx.conf"
    main.write_text(_MAIN.format(prefix=prefix, workers=workers, access_log=log), encoding="utf-8")
    prefix.chmod(0o755)
    _check_readable(site_dir.resolve())
    return main


def _check_readable(site_dir: Path) -> None:
    """Fail early, not with 403s: root's nginx reads files as an unprivileged worker."""
    if os.geteuid() != 0:
        return
    for folder in (site_dir, *site_dir.parents):
        if not folder.stat().st_mode & stat.S_IXOTH:
            raise PermissionError(
                f"{folder} is not searchable by others: nginx's workers "
                "cannot read the site (chmod o+rx, or build elsewhere)"
            )


def command(nginx: str, prefix: Path, main: Path) -> list[str]:
    """The foreground nginx command; ``-e`` keeps even early errors in the prefix."""
    return [nginx, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "logs" / "error.log")]
