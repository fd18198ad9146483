"""Every framework is covered: in every dimension (or listed as unknown) and the decision helper.

The loader runs the same check (macros.data.coverage), so scripts/validate, the
preview and `make build` report a framework left out, not only scripts/lint.
"""

from __future__ import annotations

from typing import ClassVar

from macros.data.coverage import MESSAGES, coverage_problems
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem


class CoverageCheck(Check):
    name = "coverage"
    description = (
        "every framework has an entry and a table value in every dimension, "
        "and a weight and a reason in every criterion of the decision helper"
    )
    messages: ClassVar[dict[str, Message]] = MESSAGES

    def check(self, ctx: LintContext) -> list[Problem]:
        return coverage_problems(ctx.files)


CHECK = CoverageCheck()
