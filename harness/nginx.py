"""Run deploy/nginx.conf as shipped, on loopback, for the tests and the benchmark.

nginx runs in the foreground (``daemon off``) with its own prefix, pid, logs
and temp folders, so it needs no root and touches nothing under /etc or /var.
The caller starts the command, waits for the port and stops it by PID.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

from harness.site import ROOT

DEPLOY_DIR = ROOT / "deploy"

TEMPLATE = DEPLOY_DIR / "nginx.conf"
SNIPPETS = DEPLOY_DIR / "nginx"
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
