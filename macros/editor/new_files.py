"""Where a scaffold's new data file goes: its id checked, never over an existing file,
and the next free `order` (macros.scaffold)."""

from __future__ import annotations

from pathlib import Path

from macros import messages
from macros.data.document import display_path
from macros.data.layout import FOLDERS, ID_MAX_LENGTH, ID_PATTERN
from macros.data.yaml_reader import read_yaml
from macros.safety.grammar import file_id_issues


class ScaffoldError(Exception):
    """The file cannot be created; the message says why and what to do."""


def existing_ids(data_dir: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (data_dir / folder).glob("*.yml"))


def orders(data_dir: Path, folder: str) -> list[int]:
    found = []
    for path in (data_dir / folder).glob("*.yml"):
        doc, _ = read_yaml(path, path.name)
        value = doc.value if doc is not None and isinstance(doc.value, dict) else {}
        if isinstance(value.get("order"), int) and not isinstance(value.get("order"), bool):
            found.append(value["order"])
    return found


def check_new(data_dir: Path, folder: str, file_id: str) -> Path:
    if file_id.isascii() and not ID_PATTERN.fullmatch(file_id):
        raise ScaffoldError(
            f"'{file_id}' is not a valid id: use lower-case letters, digits and "
            "single hyphens, starting with a letter (e.g. 'real-time')"
        )
    for issue in file_id_issues(file_id, ID_PATTERN, ID_MAX_LENGTH):
        code, values = issue.code, issue.values
        raise ScaffoldError(f"{messages.text(code, **values)} ({messages.hint(code, **values)})")
    if folder not in FOLDERS:  # pragma: no cover - callers pass a known folder
        raise ValueError(folder)
    path = data_dir / folder / f"{file_id}.yml"
    if path.exists():
        raise ScaffoldError(
            f"{display_path(path, data_dir.parent)} already exists: edit it, "
            "or choose another id (nothing was written)"
        )
    return path


def next_order(orders: list[int]) -> int:
    """After the last one, on the next multiple of 10, leaving a gap."""
    return (max(orders, default=0) // 10 + 1) * 10
