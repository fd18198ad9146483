"""One parsed data file: plain Python values, and the line and column each came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ScalarSpan:
    line: int  # 1-based, of the scalar's first character (or of '|'/'>' for blocks)
    column: int
    end_line: int
    style: str  # '' plain, "'" or '"' quoted, '|' literal, '>' folded


@dataclass
class YamlDocument:
    """One parsed data file: plain Python values plus where each came from."""

    path: str
    value: Any
    lines: list[str]
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    raw: dict[FieldPath, str] = field(default_factory=dict)
    spans: dict[FieldPath, ScalarSpan] = field(default_factory=dict)

    def mark(self, path: FieldPath) -> tuple[int, int]:
        """The position of a value, or of its nearest enclosing value."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def key_mark(self, path: FieldPath) -> tuple[int, int]:
        return self.key_marks.get(path) or self.mark(path)

    def locate(self, path: FieldPath, offset: int) -> tuple[int, int]:
        """The file position of character ``offset`` of the string at ``path``."""
        span = self.spans.get(path)
        value = value_at(self.value, path)
        if span is None or not isinstance(value, str):
            return self.mark(path)
        before = value[:offset]
        row = before.count("\n")
        col_in_row = offset - (before.rfind("\n") + 1)
        if span.style == "|":
            line = span.line + 1 + row
            indent = _block_indent(self.lines, span.line)
            return line, indent + col_in_row + 1
        if row == 0 and span.style in ("", "'", '"') and span.line == span.end_line:
            quote = 1 if span.style else 0
            return span.line, span.column + quote + col_in_row
        return span.line, span.column


def value_at(value: Any, path: FieldPath) -> Any:
    """The value at ``path``, or None where the path leads nowhere."""
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _block_indent(lines: list[str], header_line: int) -> int:
    for text in lines[header_line:]:
        if text.strip():
            return len(text) - len(text.lstrip(" "))
    return 0


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def field_name(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, str) and not part.isprintable():  # a key with a line break
            part = part.encode("unicode_escape").decode("ascii")
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(value: Any, raw: str | None) -> str:
    """What an editor wrote, in their words ("the yes/no value no")."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the yes/no value {raw}"
    if isinstance(value, int | float):
        return f"the number {raw}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys to values"


def paths_in_order(value: Any) -> dict[FieldPath, int]:
    """Every path in ``value`` with its position in a depth-first reading (as written)."""
    order: dict[FieldPath, int] = {}

    def visit(value: Any, path: FieldPath) -> None:
        order[path] = len(order)
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))

    visit(value, ())
    return order


def text_values(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value inside ``value``, with its field path, in document order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_values(item, (*path, index))
