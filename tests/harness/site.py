"""The test side of the harness: the shared pieces (harness.site), fixture projects,
and tools a test needs (skipped when missing, failed when CI requires them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from harness.site import (
    BUILD_ENV,
    CHROMIUM,
    CHROMIUM_ARGS,
    HEADLESS_SHELL,
    ROOT,
    free_port,
    mkdocs_build,
    mkdocs_serve,
    run_script,
    static_server,
    stop,
    wait_for_port,
)

__all__ = [
    "BUILD_ENV",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "FIXTURES",
    "HEADLESS_SHELL",
    "ROOT",
    "free_port",
    "mkdocs_build",
    "mkdocs_serve",
    "require_tool",
    "run_script",
    "static_server",
    "stop",
    "wait_for_port",
]

FIXTURES = ROOT / "tests" / "fixtures"


def require_tool(path_or_name: str, env_flag: str) -> str:
    """The tool's path; skip when it is missing, but fail if CI requires it."""
    found = shutil.which(path_or_name) or (path_or_name if Path(path_or_name).exists() else None)
    if found:
        return found
    message = f"{path_or_name} is not installed (.ci/run installs it)"
    if os.environ.get(env_flag):
        pytest.fail(message)
    pytest.skip(message)
