"""A paragraph that states a figure (a year, a percentage, a version) cites a source."""

from __future__ import annotations

from typing import ClassVar

from macros.lint.base import Check, LintContext, Message
from macros.lint.prose import CLAIM, figures_need_sources, paragraphs, prose_fields
from macros.problems import Problem


class CitationsCheck(Check):
    name = "citations"
    description = (
        "every paragraph (and one-line verdict, cell or reason) that states a year, "
        "a percentage or a version cites a source with [^source-id]"
    )
    messages: ClassVar[dict[str, Message]] = {
        "uncited": Message(
            "'{figure}' is a figure, but nothing here cites a source",
            "put [^source-id] right after the claim (the source's supports line must say "
            "{figure}), or leave the figure out",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        if not figures_need_sources(ctx.files):  # off unless data/site.yml's content_rules asks
            return []
        problems = []
        for file, path, text in prose_fields(ctx.files):
            for offset, paragraph in paragraphs(text):
                claim = CLAIM.search(paragraph)
                if claim is None or "[^" in paragraph:
                    continue
                at = file.doc.locate(path, offset + claim.start()) if file.doc else None
                problems.append(self.problem("uncited", file, path, at=at, figure=claim.group(0)))
        return problems


CHECK = CitationsCheck()
