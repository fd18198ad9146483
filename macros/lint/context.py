"""Read the data folder once for every check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.data.loader import FOLDERS, SINGLE_FILES, data_files, load_dataset
from macros.data.yaml_reader import display_path, parse_yaml
from macros.lint.base import DataFile, LintContext


def classify(data_dir: Path, path: Path) -> tuple[str | None, str | None]:
    """(schema file name, id) of a data file; (None, None) for files the site ignores."""
    parts = path.relative_to(data_dir).parts
    if path.suffix != ".yml":
        return None, None
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return SINGLE_FILES[parts[0]][0], None
    if len(parts) == 2 and parts[0] in FOLDERS:
        return FOLDERS[parts[0]], path.stem
    return None, None


def read_files(data_dir: Path, root: Path) -> list[DataFile]:
    files = []
    for path in data_files(data_dir):
        kind, file_id = classify(data_dir, path)
        if kind is None:
            continue  # the schema check reports files the site does not know
        try:
            data = path.read_bytes()
        except OSError:
            continue
        shown = display_path(path, root)
        doc, _ = parse_yaml(data, shown)
        files.append(DataFile(shown, kind, file_id, data, doc))
    return files


def build_context(
    data_dir: Path, root: Path, *, today: dt.date, max_age_days: int, docs_dir: Path | None
) -> LintContext:
    dataset, problems = load_dataset(data_dir, root)
    return LintContext(
        data_dir, root, docs_dir, today, max_age_days, read_files(data_dir, root), problems, dataset
    )
