"""The loader's own checks: schema, references, text rules (as scripts/validate)."""

from __future__ import annotations

from typing import ClassVar

from macros.lint.base import Check, LintContext, Message
from macros.lint.checks import coverage, placeholders, quoting
from macros.problems import Problem


class SchemaCheck(Check):
    name = "schema"
    description = (
        "the data files against the JSON Schemas, references and text rules "
        "(the same as scripts/validate and the build)"
    )
    # The loader's own messages: EDITING.md lists them under "Error messages".
    messages: ClassVar[dict[str, Message]] = {}

    def check(self, ctx: LintContext) -> list[Problem]:
        # Problems a more specific check reports (with a fix or a better hint) are left to it.
        owned = set(placeholders.CHECK.check(ctx)) | set(coverage.CHECK.check(ctx))
        spots = {(p.path, p.line, p.column) for p in quoting.CHECK.check(ctx)}
        return [
            p
            for p in ctx.loader_problems
            if p not in owned and (p.path, p.line, p.column) not in spots
        ]


CHECK = SchemaCheck()
