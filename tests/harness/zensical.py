"""Zensical, the second engine: a strict, offline build of a staged tree (`comparison stage`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


def offline(command: list[str]) -> list[str]:
    """The command in a network namespace of its own, when this machine allows one."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], check=False).returncode == 0:
        return [unshare, "-rn", *command]
    return command


def zensical_build(config: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """`zensical build --strict --clean -f config`, offline; the finished process and its time."""
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        pytest.fail(
            "zensical is not installed: it is pinned in the docs-engine group "
            "(make .venv/.installed)"
        )
    # Without a namespace, a request through the usual clients fails at a closed port.
    closed = {name: "http://127.0.0.1:9" for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")}
    started = time.perf_counter()
    result = subprocess.run(
        offline([str(zensical), "build", "--strict", "--clean", "-f", str(config)]),
        capture_output=True,
        text=True,
        env={**os.environ, **closed, "NO_PROXY": "", "NO_COLOR": "1"},
        check=False,
    )
    return result, time.perf_counter() - started
