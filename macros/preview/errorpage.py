"""What the preview's error page shows: every problem with the lines around it.

The template (``templates/errors.md.j2``) only lays out what this module
prepares: problems grouped by file, each with an excerpt of the file where the
offending line is flagged and the spot (from the column to the end of the token
there) is marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from macros.problems import Problem, Severity, count_text
from macros.safety.files import safe_to_read

CONTEXT_LINES = 2  # shown before and after the offending line
# The token that starts at the problem's column: a citation "[^id]", or a
# word, key or value up to white space or flow punctuation.
_TOKEN = re.compile(r"\[\^?[^\]\s]*\]?|[^\s,\]}]+")


@dataclass(frozen=True)
class ExcerptLine:
    number: int
    text: str  # the whole line, for lines other than the offending one
    before: str = ""  # for the offending line: text before the marked spot,
    marked: str = ""  # the spot itself,
    after: str = ""  # and the rest
    target: bool = False


@dataclass(frozen=True)
class ShownProblem:
    problem: Problem
    anchor: str  # the element id, e.g. "problem-3"
    excerpt: tuple[ExcerptLine, ...]
    caret: str  # spaces then '^' under the spot, aligned with the excerpt's text

    @property
    def is_error(self) -> bool:
        return self.problem.severity is Severity.ERROR


@dataclass(frozen=True)
class FileProblems:
    path: str
    problems: tuple[ShownProblem, ...]

    @property
    def counts(self) -> str:
        return count_text([p.problem for p in self.problems])


def excerpt(lines: Sequence[str], line: int, column: int) -> tuple[tuple[ExcerptLine, ...], str]:
    """The lines around ``line`` (1-based) with the spot at ``column`` split out."""
    if not 1 <= line <= len(lines):
        return (), ""
    shown = []
    for number in range(max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES) + 1):
        text = lines[number - 1].rstrip("\n")
        if number != line:
            shown.append(ExcerptLine(number, text))
            continue
        start = min(max(column, 1) - 1, len(text))
        token = _TOKEN.match(text, start)
        end = token.end() if token else min(start + 1, len(text))
        shown.append(
            ExcerptLine(number, text, text[:start], text[start:end] or " ", text[end:], target=True)
        )
    marked = next(item for item in shown if item.target)
    # Tabs stay tabs so the caret lines up however wide the page draws them.
    padding = "".join("\t" if char == "\t" else " " for char in marked.before)
    caret = padding + "^" * max(1, len(marked.marked))
    return tuple(shown), caret


def group(problems: Sequence[Problem], lines: dict[str, list[str]]) -> list[FileProblems]:
    """Problems by file, in report order, each with its excerpt."""
    by_file: dict[str, list[ShownProblem]] = {}
    for number, problem in enumerate(sorted(problems), start=1):
        shown, caret = excerpt(lines.get(problem.path, []), problem.line, problem.column)
        by_file.setdefault(problem.path, []).append(
            ShownProblem(problem, f"problem-{number}", shown, caret)
        )
    return [FileProblems(path, tuple(found)) for path, found in by_file.items()]


def read_lines(path: Path, data_dir: Path | None = None) -> list[str]:
    """A file's lines numbered as the YAML reader numbers them ([] if unreadable).

    With ``data_dir``, only a regular file inside it, reached without a link,
    is read: the page never quotes /etc/passwd through a link (issue 11).
    """
    if data_dir is not None and not safe_to_read(path, data_dir):
        return []
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
