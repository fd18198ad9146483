"""A folder made once per test run and shared by pytest-xdist's workers.

Each worker has a temp folder of its own under the run's; the first worker to
ask makes the folder under the run's folder while holding a lock file there, the
others wait on the lock and reuse it. Without xdist it is one build per session,
as before. What is made this way is read-only for the tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.publish.lock import wait_lock


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run sees (the session's own without xdist)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``run_folder/name``, made by ``make(folder)`` the first time any worker asks."""
    shared = run_folder(factory)
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        wait_lock(lock.fileno())  # the build lock's own wait: flock, or msvcrt on Windows
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)  # an assertion here fails this worker; the next one tries again
            done.touch()
    return folder
