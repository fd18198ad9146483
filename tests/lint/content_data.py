"""A copy of the real data for the content checks' tests, and one edit at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.lint.base import Check
from macros.lint.context import build_context

TODAY = dt.date(2026, 12, 7)


def problems(data: Path, check: Check) -> list[str]:
    ctx = build_context(data, data.parent, today=TODAY, max_age_days=365, docs_dir=None)
    return [str(p) for p in sorted(check.check(ctx))]


def edit(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` (found once) by ``new``; the 1-based line and column where it starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    start = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, start) + 1
    return line, start - text.rfind("\n", 0, start)
