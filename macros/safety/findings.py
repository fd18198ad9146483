"""One finding of the safety checks: where, about what, what is wrong and how to fix it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from macros import messages


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # a data file or a file of the built site, as shown to people
    line: int  # 1-based; 0 for the whole file
    column: int  # 1-based
    subject: str  # a field path ("frameworks.flask.verdict") or an element ("<script>")
    message: str  # what is wrong
    hint: str = ""  # how to fix it
    # The file the built page comes from ("content/notes.md"), when it is known.
    source: str = ""
    # The catalogue code (macros.messages.CORE); not part of equality or order.
    code: str = dataclasses.field(default="", compare=False)

    @classmethod
    def of(
        cls, code: str, path: str, line: int, column: int, subject: str, **values: Any
    ) -> Finding:
        """A finding worded by catalogue entry ``code``."""
        return cls(
            path,
            line,
            column,
            subject,
            messages.text(code, **values),
            messages.hint(code, **values),
            code=code,
        )

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        subject = f"{self.subject}: " if self.subject else ""
        text = f"{self.location}: {subject}{self.message}"
        if self.source:
            text += "; " + messages.text("site-page-source", source=self.source)
        return f"{text} ({self.hint})" if self.hint else text
