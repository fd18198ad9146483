"""check-freshness --fix: write the index's answers into data/packages.yml, in place.

Only the three scalars of each entry change (``version``, ``released``,
``checked``); every other byte of the file stays as the editor wrote it:
comments, order, blank lines, quoting. Each scalar is found by the line and
column the project's YAML reader recorded (:attr:`YamlDocument.spans`), checked
to hold exactly the text the reader parsed, and replaced in the same style. The
edited file is read and validated again before it replaces the old one, so a
fix never leaves a file the site cannot build from.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.data.document import FieldPath, YamlDocument
from macros.data.schema import validate
from macros.data.yaml_reader import parse_yaml


class FixError(Exception):
    """The file is not laid out as the fix expects; nothing was written."""


@dataclass(frozen=True)
class Update:
    id: str
    version: str
    released: date


def updated_text(doc: YamlDocument, text: str, updates: Sequence[Update], today: date) -> str:
    """``text`` (the file ``doc`` was read from) with each update written in place."""
    lines = text.splitlines(keepends=True)
    for update in updates:
        values = {
            "version": update.version,
            "released": update.released.isoformat(),
            "checked": today.isoformat(),
        }
        for key, new in values.items():
            _replace(doc, lines, (update.id, key), new)
    return "".join(lines)


def _replace(doc: YamlDocument, lines: list[str], path: FieldPath, new: str) -> None:
    span = doc.spans.get(path)
    where = f"{doc.path}:{'.'.join(map(str, path))}"
    if span is None or span.line != span.end_line or span.style in ("|", ">"):
        raise FixError(f"{where}: expected a value on one line")
    old = doc.value[path[0]][path[1]]
    quote = span.style if span.style in ("'", '"') else ""
    token, wanted = f"{quote}{old}{quote}", f"{quote}{new}{quote}"
    line = lines[span.line - 1]
    start = span.column - 1
    if line[start : start + len(token)] != token:
        raise FixError(f"{where}: expected {token} at line {span.line}, column {span.column}")
    lines[span.line - 1] = line[:start] + wanted + line[start + len(token) :]


def write_updates(path: Path, shown: str, updates: Sequence[Update], today: date) -> None:
    """Apply ``updates`` to the packages file at ``path``; raise FixError, writing nothing,
    if the result would not read back as valid data with the new values."""
    raw = path.read_bytes()
    doc, problems = parse_yaml(raw, shown)
    if doc is None or problems:
        raise FixError(f"{shown} does not read cleanly: fix it first")
    text = updated_text(doc, raw.decode("utf-8"), updates, today)
    again, problems = parse_yaml(text.encode("utf-8"), shown)
    if again is None or problems or validate(again, "packages.schema.json").problems:
        raise FixError(f"{shown}: the fixed file would not validate; nothing was written")
    for update in updates:
        entry = again.value[update.id]
        if (entry["version"], entry["released"]) != (update.version, str(update.released)):
            raise FixError(f"{shown}: {update.id} did not take the new values")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.chmod(temporary, path.stat().st_mode & 0o777)
    os.replace(temporary, path)
