"""The lint's view of the data folder: the loader's per-file results, read once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.data.loader import load
from macros.lint.base import LintContext


def build_context(
    data_dir: Path, root: Path, *, today: dt.date, max_age_days: int, docs_dir: Path | None
) -> LintContext:
    result = load(data_dir, root)
    return LintContext(
        data_dir,
        root,
        docs_dir,
        today,
        max_age_days,
        list(result.files),
        result.problems,
        result.dataset,
    )
