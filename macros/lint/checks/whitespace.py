"""Trailing whitespace, a missing final line break and a byte order mark."""

from __future__ import annotations

import re
from typing import ClassVar

from macros.data.document import YamlDocument
from macros.data.yaml_reader import parse_yaml
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.problems import Problem, Severity

_TRAILING = re.compile(r"[ \t]+\Z")
_BOM = "\ufeff"


def _same_values(text: str, doc: YamlDocument) -> bool:
    again, _ = parse_yaml(text.encode("utf-8"), doc.path)
    return again is not None and again.value == doc.value


class WhitespaceCheck(Check):
    name = "whitespace"
    description = (
        "no trailing whitespace, a line break at the end of every file, no byte order mark"
    )
    messages: ClassVar[dict[str, Message]] = {
        "trailing": Message(
            "trailing whitespace", "scripts/lint --fix removes it", Severity.WARNING, fixable=True
        ),
        "trailing-in-text": Message(
            "trailing whitespace inside a text block",
            "it is part of the text (two spaces make a line break in Markdown): remove it by "
            "hand unless you mean that",
            Severity.WARNING,
        ),
        "final-newline": Message(
            "the file does not end with a line break",
            "scripts/lint --fix adds it",
            Severity.WARNING,
            fixable=True,
        ),
        "byte-order-mark": Message(
            "the file starts with a byte order mark (U+FEFF), which some editors on Windows "
            "write and most cannot show; the site reads the file without it",
            "scripts/lint --fix removes it",
            Severity.WARNING,
            fixable=True,
        ),
    }

    def __init__(self) -> None:
        self._known: dict[str, tuple[object, tuple[Problem, ...]]] = {}

    def check(self, ctx: LintContext) -> list[Problem]:
        problems: list[Problem] = []
        for file in ctx.files:
            # A file's problems follow from its name and bytes: the preview checks again
            # only the files a save changed (the last result per file is kept).
            key = (file.kind, file.id, file.data)
            known = self._known.get(file.path)
            if known is None or known[0] != key:
                known = self._known[file.path] = (key, tuple(self.check_file(file)))
            problems += known[1]
        return problems

    def check_file(self, file: DataFile) -> list[Problem]:
        text = file.data.decode("utf-8", errors="replace")
        lines = text.split("\n")
        problems = []
        if text.startswith(_BOM):
            problems.append(self.problem("byte-order-mark", file, at=(1, 1)))
            text = text[len(_BOM) :]
        safe = set(self.safe_lines(text, file.doc)) if file.doc is not None else set()
        for number, line in enumerate(lines, start=1):
            match = _TRAILING.search(line.rstrip("\r"))
            if match:
                kind = "trailing" if number in safe or file.doc is None else "trailing-in-text"
                problems.append(self.problem(kind, file, at=(number, match.start() + 1)))
        if text and not text.endswith("\n"):
            problems.append(
                self.problem("final-newline", file, at=(len(lines), len(lines[-1]) + 1))
            )
        return problems

    @staticmethod
    def safe_lines(text: str, doc: YamlDocument) -> list[int]:
        """Line numbers whose trailing whitespace can go without changing any value."""
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if _TRAILING.search(line)]
        if not candidates:  # nothing to try: reading the file again was most of this check
            return []
        stripped = [
            _TRAILING.sub("", line) if i in candidates else line for i, line in enumerate(lines)
        ]
        if _same_values("\n".join(stripped), doc):
            return [i + 1 for i in candidates]
        safe = []
        for i in candidates:  # some are inside text: try each line on its own
            trial = list(lines)
            trial[i] = _TRAILING.sub("", trial[i])
            if _same_values("\n".join(trial), doc):
                safe.append(i + 1)
        return safe

    def fix(self, kind: str, text: str, doc: YamlDocument) -> str:
        text = text.removeprefix(_BOM)
        lines = text.split("\n")
        for number in self.safe_lines(text, doc):
            lines[number - 1] = _TRAILING.sub("", lines[number - 1])
        text = "\n".join(lines)
        return text if not text or text.endswith("\n") else text + "\n"


CHECK = WhitespaceCheck()
