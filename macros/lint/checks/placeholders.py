"""Placeholder text and values (from scripts/new-*) that must not be published."""

from __future__ import annotations

from typing import ClassVar

from macros.data import placeholders
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem, Severity


class PlaceholdersCheck(Check):
    name = "placeholders"
    description = (
        "no placeholder ('TODO:', 0.0.0, 1970-01-01, todo- ids, the status or weight todo) "
        "is left to publish"
    )
    messages: ClassVar[dict[str, Message]] = {
        "text": Message(placeholders.TEXT_MESSAGE, placeholders.HINT, Severity.WARNING),
        "value": Message(placeholders.VALUE_MESSAGE, placeholders.SENTINEL_HINT, Severity.WARNING),
        "id": Message(placeholders.ID_MESSAGE, placeholders.ID_HINT, Severity.WARNING),
        "status": Message(placeholders.STATUS_MESSAGE, placeholders.STATUS_HINT, Severity.WARNING),
        "weight": Message(placeholders.WEIGHT_MESSAGE, placeholders.WEIGHT_HINT, Severity.WARNING),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        # The loader reports the same warnings (so strict builds fail); the
        # schema check leaves them to this one.
        return [
            p
            for f in ctx.files
            if f.doc is not None
            for p in placeholders.placeholder_problems(f.doc)
        ]


CHECK = PlaceholdersCheck()
