"""The code samples' runs belong to the samples' own environment (samples/.venv).

In the site tool's environment (no Django, Flask or FastAPI installed) the tests
marked ``samples_env`` are deselected, not skipped: ``make test`` runs them
afterwards with ``make samples``, which fails in CI when it cannot.
"""

from __future__ import annotations

import importlib.util

import pytest

STACKS_INSTALLED = importlib.util.find_spec("django") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if STACKS_INSTALLED:
        return
    left = [item for item in items if item.get_closest_marker("samples_env") is not None]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [item for item in items if item.get_closest_marker("samples_env") is None]
