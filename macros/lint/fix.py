"""scripts/lint --fix: apply each fixable check's repair, and keep it only if it is safe.

A repair is kept only when, after it, the file still parses, holds the same
comments, and every value reads as the same text as before (an unquoted
``no`` and the quoted "no" count as the same text: keeping what the editor
wrote is the point of quoting it). Anything else is refused and reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.data.document import FieldPath, YamlDocument
from macros.data.yaml_reader import parse_yaml
from macros.lint.base import Check, DataFile

_INLINE_COMMENT = re.compile(r"\s(#.*)\Z")


@dataclass
class FileFix:
    path: str
    text: str
    fixed_by: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def comments(text: str) -> Counter[str]:
    """Every comment in the file (whole-line and trailing), as a multiset."""
    found: Counter[str] = Counter()
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            found[stripped] += 1
        elif match := _INLINE_COMMENT.search(line):
            found[match.group(1).rstrip()] += 1
    return found


def as_written(doc: YamlDocument) -> Any:
    """The values as the editor wrote them: non-text scalars by their raw text.

    Trailing line breaks are dropped: the final line break of a file ends the
    last text block, and Markdown renders the text the same either way.
    """

    def walk(value: Any, path: FieldPath) -> Any:
        if isinstance(value, dict):
            return {key: walk(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*path, index)) for index, item in enumerate(value)]
        if isinstance(value, str):
            return value.rstrip("\n")
        return doc.raw.get(path, value)

    return walk(doc.value, ())


def fix_file(file: DataFile, checks: Sequence[Check]) -> FileFix:
    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError:
        return FileFix(file.path, "", refused=["(not UTF-8)"])
    result = FileFix(file.path, text)
    doc = file.doc
    if doc is None:
        return result  # broken YAML: the editor fixes it first (the schema check says where)
    for check in checks:
        if not check.fixable:
            continue
        repaired = check.fix(file.kind, result.text, doc)
        if repaired == result.text:
            continue
        again, _ = parse_yaml(repaired.encode("utf-8"), file.path)
        if (
            again is None
            or check.reading(as_written(again)) != check.reading(as_written(doc))
            or comments(repaired) != comments(result.text)
        ):
            result.refused.append(check.name)
            continue
        result.text, doc = repaired, again
        result.fixed_by.append(check.name)
    return result


def apply_fixes(files: Sequence[DataFile], checks: Sequence[Check], root: Path) -> list[FileFix]:
    """Fix every file in place; returns what changed (or was refused) per file."""
    done = []
    for check in checks:
        check.prepare(list(files))
    for file in files:
        result = fix_file(file, checks)
        if result.fixed_by:
            (root / file.path).write_bytes(result.text.encode("utf-8"))
        if result.fixed_by or result.refused:
            done.append(result)
    return done
