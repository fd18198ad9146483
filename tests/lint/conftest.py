"""A fresh copy of the minimal fixture project per test, and a way to lint it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.lint.context import build_context
from macros.lint.registry import by_name
from macros.lint.runner import run_checks
from macros.paths import project_root
from tests.harness.site import FIXTURES

TODAY = dt.date(2026, 11, 24)
Lint = Callable[..., list[str]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def lint(project: Path) -> Lint:
    """Run one check on the project; the problems as editors read them."""

    def run(name: str, today: dt.date = TODAY, max_age: int = 365) -> list[str]:
        ctx = build_context(
            project / "data",
            project,
            today=today,
            max_age_days=max_age,
            docs_dir=project / "content",
        )
        [result] = run_checks(ctx, by_name([name]))
        assert result.crash is None, result.crash
        return [str(problem) for problem in result.problems]

    return run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data/, to break one rule at a time."""
    shutil.copytree(project_root() / "data", tmp_path / "data")
    return tmp_path / "data"
