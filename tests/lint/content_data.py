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


def set_verdict(data: Path, dimension: str, framework: str, verdict: str) -> tuple[int, int]:
    """Write the framework's verdict in a dimension (whatever it says now); the line and the
    column where the verdict's text starts."""
    path = data / f"dimensions/{dimension}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {framework}:\n")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("    verdict:"))
    lines[index] = f'    verdict: "{verdict}"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, len('    verdict: "') + 1


def add_source(data: Path, source_id: str, url: str, supports: str) -> int:
    """Append a source (ids starting 'zz-' sort last); the line of its supports."""
    path = data / "sources.yml"
    text = path.read_text(encoding="utf-8")
    entry = (
        f"\n{source_id}:\n  title: A page for the test\n  url: {url}\n"
        f"  publisher: Test\n  checked: 2026-11-30\n  supports: {supports}\n"
    )
    path.write_text(text + entry, encoding="utf-8")
    return text.count("\n") + entry.count("\n")
