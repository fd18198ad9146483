from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.paths import project_root


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data/, to break one rule at a time."""
    shutil.copytree(project_root() / "data", tmp_path / "data")
    return tmp_path / "data"
