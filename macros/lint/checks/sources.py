"""Every source in data/sources.yml is cited somewhere (an error when content_rules ask)."""

from __future__ import annotations

from typing import ClassVar

from macros.data.text_rules import citations
from macros.lint.base import Check, LintContext, Message
from macros.lint.prose import figures_need_sources
from macros.lint.texts import markdown_fields, references
from macros.problems import Problem, Severity


class SourcesCheck(Check):
    name = "sources"
    description = "every source in data/sources.yml is cited at least once"
    messages: ClassVar[dict[str, Message]] = {
        "unused": Message(
            "source '{source}' is never cited",
            "cite it with [^{source}] where it supports a claim, or remove it",
            Severity.WARNING,
        ),
        "uncited": Message(
            "source '{source}' is never cited",
            "cite it with [^{source}] where it supports a claim, or remove it "
            "(data/site.yml's content_rules ask that every source be cited)",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        sources = ctx.single("sources.schema.json")
        if sources is None:
            return []
        cited: set[str] = set()
        for file in ctx.files:
            cited.update(r.value for r in references(file) if r.kind == "source")
            for _path, text in markdown_fields(file):
                cited.update(source_id for _offset, source_id in citations(text))
        kind = "uncited" if figures_need_sources(ctx.files) else "unused"
        return [
            self.problem(kind, sources, (source_id,), key=True, source=source_id)
            for source_id in sources.value
            if source_id not in cited
        ]


CHECK = SourcesCheck()
