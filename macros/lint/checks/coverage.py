"""Every framework is covered in every dimension, or listed there as unknown."""

from __future__ import annotations

from typing import Any, ClassVar

from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem


class CoverageCheck(Check):
    name = "coverage"
    description = "every framework has an entry and a table value in every dimension"
    messages: ClassVar[dict[str, Message]] = {
        "missing": Message(
            "framework '{framework}' has no entry",
            "add '{framework}:' under frameworks, or list it under 'unknown:' if this "
            "dimension does not cover it yet",
        ),
        "missing-cell": Message(
            "row '{row}' has no value for framework '{framework}'",
            "add '{framework}:' under values, or list the framework under 'unknown:'",
        ),
        "unknown-but-covered": Message(
            "framework '{framework}' is listed under unknown but has an entry",
            "remove it from 'unknown:' now that the dimension covers it",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        problems = []
        frameworks = ctx.framework_ids
        for file in ctx.of_kind("dimension.schema.json"):
            value = file.value
            takes = value.get("frameworks")
            unknown = _list(value.get("unknown"))
            if not isinstance(takes, dict):
                continue  # the schema check reports it
            for framework in frameworks:
                if framework not in takes and framework not in unknown:
                    problems.append(
                        self.problem(
                            "missing", file, ("frameworks",), key=True, framework=framework
                        )
                    )
            for index, framework in enumerate(unknown):
                if framework in takes:
                    problems.append(
                        self.problem(
                            "unknown-but-covered", file, ("unknown", index), framework=framework
                        )
                    )
            rows = _list(value.get("table"))
            for index, row in enumerate(rows):
                cells = row.get("values") if isinstance(row, dict) else None
                if not isinstance(cells, dict):
                    continue
                for framework in frameworks:
                    if framework not in cells and framework not in unknown:
                        problems.append(
                            self.problem(
                                "missing-cell",
                                file,
                                ("table", index, "values"),
                                key=True,
                                row=row.get("id", index),
                                framework=framework,
                            )
                        )
        return problems


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


CHECK = CoverageCheck()
