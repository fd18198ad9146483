"""Reviews and source checks that have grown old (a report: builds stay reproducible)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from macros.data.document import FieldPath
from macros.data.placeholders import PLACEHOLDER_DATE
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.problems import Problem, Severity


class StaleCheck(Check):
    name = "stale"
    description = (
        "dimensions reviewed and sources checked within the last --max-age days "
        "(default 365), counted from --today"
    )
    messages: ClassVar[dict[str, Message]] = {
        "reviewed": Message(
            "last reviewed {age} days ago ({date}); the limit is {limit} days",
            "check the dimension against its sources, then set last_reviewed to the date you did",
            Severity.WARNING,
        ),
        "checked": Message(
            "source '{source}' was last checked {age} days ago ({date}); the limit is {limit} days",
            "open the page, check that it still supports the claims citing it, then update checked",
            Severity.WARNING,
        ),
        "future": Message("{date} is after today ({today})", "check the year", Severity.WARNING),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        problems = []
        for file in ctx.of_kind("dimension.schema.json"):
            problems += self.age(ctx, file, ("last_reviewed",), "reviewed")
        sources = ctx.single("sources.schema.json")
        for source_id in sources.value if sources else {}:
            assert sources is not None
            problems += self.age(ctx, sources, (source_id, "checked"), "checked", source=source_id)
        return problems

    def age(
        self, ctx: LintContext, file: DataFile, path: FieldPath, kind: str, **values: Any
    ) -> list[Problem]:
        raw: Any = file.value
        for part in path:
            raw = raw.get(part) if isinstance(raw, dict) else None
        if not isinstance(raw, str) or raw == PLACEHOLDER_DATE:
            return []  # the schema and placeholder checks report these
        try:
            date = dt.date.fromisoformat(raw)
        except ValueError:
            return []
        days = (ctx.today - date).days
        if days < 0:
            return [self.problem("future", file, path, date=raw, today=ctx.today.isoformat())]
        if days > ctx.max_age_days:
            return [
                self.problem(kind, file, path, age=days, date=raw, limit=ctx.max_age_days, **values)
            ]
        return []


CHECK = StaleCheck()
