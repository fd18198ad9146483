"""The lint's view of the data folder, from the one check pipeline (macros.pipeline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.lint.base import LintContext
from macros.pipeline import check_project
from macros.project import project_from_config


def build_context(
    data_dir: Path, root: Path, *, today: dt.date, max_age_days: int, docs_dir: Path | None
) -> LintContext:
    """What the lint's checks look at: the files as read, the data checks' problems and,
    when the data loads, the rendered pages (no check is run)."""
    project = project_from_config(
        root / "mkdocs.yml",
        data_dir=data_dir,
        root=root,
        docs_dir=docs_dir,
        today=today,
        max_age_days=max_age_days,
    )
    return check_project(project, checks=()).context
