"""The content rules, as the build applies them: the lint's checks, run in-process.

What they return is what `make build` refuses: every problem of the loader
(its warnings are placeholders and frameworks not reviewed) and every error of
the checks. Warnings of the checks (an old review) never fail a build, so they
never fail these tests either.

The content tests call these instead of re-implementing the rules, so a data
change that passes `make build` passes them too (issue 24). ``content_problems``
takes any data folder: the shipped one, or a copy with a framework added.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.data.loader import load
from macros.lint.base import LintContext
from macros.lint.registry import CHECKS, by_name
from macros.lint.runner import run_checks
from macros.problems import Severity

# Every check of the lint: the build runs them all (macros.lint.site_problems) and
# refuses their errors, so the content tests do the same.
CONTENT_CHECKS = tuple(check.name for check in CHECKS)
TODAY = dt.date(2026, 12, 7)  # age warnings never fail a build; a fixed day keeps tests stable


def content_problems(data_dir: Path, *checks: str) -> list[str]:
    """Every problem of the loader and the named checks (all content checks by default)."""
    loaded, found = _run(data_dir.resolve())
    wanted = set(checks or CONTENT_CHECKS)
    problems = list(loaded)
    for name, text in found:
        if name in wanted and text not in problems:
            problems.append(text)
    return problems


def forget(data_dir: Path) -> None:
    """Drop the cached results for a folder whose files were changed."""
    _CACHE.pop(data_dir.resolve(), None)


_CACHE: dict[Path, tuple[list[str], list[tuple[str, str]]]] = {}


def _run(data_dir: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The loader's problems, and (check, problem) for every content check: once per folder."""
    if data_dir in _CACHE:
        return _CACHE[data_dir]
    result = load(data_dir, data_dir.parent, data_dir.parent / "content")
    ctx = LintContext(
        data_dir,
        data_dir.parent,
        data_dir.parent / "content",
        TODAY,
        365,
        list(result.files),
        list(result.problems),
        result.dataset,
    )
    found = []
    for checked in run_checks(ctx, by_name(list(CONTENT_CHECKS))):
        assert checked.crash is None, checked.crash
        found += [
            (checked.check.name, str(p)) for p in checked.problems if p.severity is Severity.ERROR
        ]
    _CACHE[data_dir] = ([str(p) for p in result.problems], found)
    return _CACHE[data_dir]


def framework_ids(data_dir: Path) -> list[str]:
    return sorted(p.stem for p in (data_dir / "frameworks").glob("*.yml"))


def dimension_ids(data_dir: Path) -> list[str]:
    return sorted(p.stem for p in (data_dir / "dimensions").glob("*.yml"))
