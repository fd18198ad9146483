"""One finding of the safety checks: where, about what, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # a data file or a file of the built site, as shown to people
    line: int  # 1-based; 0 for the whole file
    column: int  # 1-based
    subject: str  # a field path ("frameworks.flask.verdict") or an element ("<script>")
    message: str  # what is wrong and how to fix it

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        subject = f"{self.subject}: " if self.subject else ""
        return f"{self.location}: {subject}{self.message}"
