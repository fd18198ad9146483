"""Fixtures for the publishing tests: one fresh build, served by the shipped nginx config."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import nginx
from macros.publish.build import build_site
from tests.harness.site import ROOT, free_port, require_tool, stop, wait_for_port


@pytest.fixture(scope="session")
def published_site() -> Iterator[Path]:
    """The real site built as ``scripts/build`` does (with .gz files and _headers).

    Built outside pytest's private temp folder: nginx's workers, unprivileged
    when the tests run as root, must be able to read it.
    """
    scratch = Path(tempfile.mkdtemp(prefix="published-"))
    scratch.chmod(0o755)
    try:
        site = scratch / "site"
        assert build_site(ROOT / "mkdocs.yml", site) == 0, "the real site did not build"
        yield site
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(scope="session")
def nginx_url(published_site: Path) -> Iterator[str]:
    """deploy/nginx.conf serving the fresh build on 127.0.0.1; stopped by PID afterwards."""
    binary = require_tool("nginx", "REQUIRE_NGINX")
    prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = free_port()
    main = nginx.write_config(prefix, published_site, port)
    log = prefix / "logs" / "error.log"
    checked = subprocess.run(
        [*nginx.command(binary, prefix, main), "-t"], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        nginx.command(binary, prefix, main), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        try:
            wait_for_port(port, process)
        except (RuntimeError, TimeoutError) as exc:
            raise AssertionError(f"{exc}\n{log.read_text(errors='replace')}") from None
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        shutil.rmtree(prefix, ignore_errors=True)
