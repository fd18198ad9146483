"""Problems found in editors' data, and how they are reported.

A problem always names the file, line and column (1-based, as editors count),
the field path inside the file, what was wrong and, where one fits, how to fix
it. Problems are collected, never raised one at a time, so an editor sees every
mistake in one run.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as shown to editors: relative to the project, forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # e.g. "frameworks.flask.verdict"; "" for the file itself
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    # The message's catalogue code, e.g. "quoting.yaml-1.1" (lint checks set it); not
    # part of equality or order, so one problem found by two checks is still one.
    code: str = dataclasses.field(default="", compare=False)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        return printable(self._text())

    def _text(self) -> str:
        text = f"{self.location}: "
        if self.severity is Severity.WARNING:
            text += "warning: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[offset]``, as a problem is placed."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def printable(text: str) -> str:
    """Text safe for a terminal or CI log: control and invisible characters escaped.

    A file name or a value with ``\x1b[2J`` (clear the screen) or a
    right-to-left override would otherwise act on the terminal or hide text
    (issue 11). Line breaks and tabs stay as they are.
    """
    if text.isascii() and (text.isprintable() or not _CONTROL.search(text)):
        return text
    return _CONTROL.sub(_escape, text)


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return (
        f"\\x{code:02x}"
        if code <= 0xFF
        else (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    )


class DataError(Exception):
    """Raised when data has errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_report(problems: Iterable[Problem]) -> str:
    """Group problems by file, each file with its count, and a total line."""
    ordered = sorted(problems)
    if not ordered:
        return "No problems found."
    lines: list[str] = []
    by_file: dict[str, list[Problem]] = {}
    for problem in ordered:
        by_file.setdefault(problem.path, []).append(problem)
    for path, found in by_file.items():
        lines.append(f"{path} ({count_text(found)})")
        lines.extend(f"  {p}" for p in found)
    lines.append(f"Found {count_text(ordered)} in {len(by_file)} file{'s' * (len(by_file) != 1)}.")
    return "\n".join(lines)


def counts_text(n_errors: int, n_warnings: int, joiner: str = ", ") -> str:
    """'2 errors, 1 warning'; 'no problems' when there are none."""
    parts = [
        f"{n} {word}{'s' * (n != 1)}"
        for n, word in ((n_errors, "error"), (n_warnings, "warning"))
        if n
    ]
    return joiner.join(parts) or "no problems"


def count_text(problems: Sequence[Problem]) -> str:
    n_errors = len(errors(problems))
    return counts_text(n_errors, len(problems) - n_errors)
