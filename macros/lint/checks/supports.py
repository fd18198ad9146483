"""A source says what the site relies on, and points at the version the text describes."""

from __future__ import annotations

import re
from typing import ClassVar

from macros.data.placeholders import PLACEHOLDER_ID
from macros.lint.base import Check, LintContext, Message
from macros.lint.prose import figures_need_sources
from macros.problems import Problem

MIN_SUPPORTS_WORDS = 5
# Addresses that follow the newest release instead of the one the text describes:
# (pattern, what it is). Release notes of a version still in development are the
# one exception for Django's dev docs.
LOOSE = (
    (re.compile(r"^https://pypi\.org/project/[^/]+/?\Z"), "a package's page with no release"),
    (re.compile(r"palletsprojects\.com/en/stable"), "the 'stable' documentation"),
    (re.compile(r"docs\.djangoproject\.com/en/dev/(?!releases/)"), "the development documentation"),
    (re.compile(r"github\.com/(?:pallets/flask|django/django)/blob/main/"), "a file on 'main'"),
)


class SupportsCheck(Check):
    name = "supports"
    description = (
        "each source's supports line says what the page says (five words or more, not its "
        "title, no citation), and its address names the version the text describes"
    )
    messages: ClassVar[dict[str, Message]] = {
        "thin": Message(
            "supports has {words} words: expected at least {minimum}",
            "write what the page says that the site relies on, as a short quote or an exact "
            "paraphrase",
        ),
        "title": Message(
            "supports repeats the title",
            "write what the page says that the site relies on, not what it is called",
        ),
        "cites": Message(
            "supports cites a source: a footnote cannot cite",
            "remove the [^...]: the footnote is itself the source",
        ),
        "loose": Message(
            "'{url}' is {what}: the page changes with each release",
            "link the version the text describes (e.g. pypi.org/project/NAME/VERSION/, "
            "/en/6.1/, /en/3.1.x/, a tag instead of main)",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        if not figures_need_sources(ctx.files):  # off unless data/site.yml's content_rules asks
            return []
        file = ctx.single("sources.schema.json")
        if file is None:
            return []
        problems = []
        for source_id, source in file.value.items():
            if not isinstance(source, dict) or PLACEHOLDER_ID.fullmatch(str(source_id)):
                continue  # a placeholder source: the placeholders check reports it
            supports, title, url = (source.get(k) for k in ("supports", "title", "url"))
            if isinstance(supports, str):
                path = (source_id, "supports")
                words = len(supports.split())
                if words < MIN_SUPPORTS_WORDS:
                    problems.append(
                        self.problem("thin", file, path, words=words, minimum=MIN_SUPPORTS_WORDS)
                    )
                if supports.strip() == str(title).strip():
                    problems.append(self.problem("title", file, path))
                if "[^" in supports:
                    problems.append(self.problem("cites", file, path))
            if isinstance(url, str):
                for pattern, what in LOOSE:
                    if pattern.search(url):
                        problems.append(
                            self.problem("loose", file, (source_id, "url"), url=url, what=what)
                        )
        return problems


CHECK = SupportsCheck()
