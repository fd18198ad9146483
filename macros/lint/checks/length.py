"""Each framework's text on a topic says enough: at least MIN_WORDS words of prose."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from macros.data.placeholders import MARKER
from macros.data.text_rules import blank_code
from macros.lint.base import Check, LintContext, Message
from macros.lint.prose import content_rules
from macros.problems import Problem


@lru_cache(maxsize=4096)  # the preview counts the same texts on every save
def word_count(text: str) -> int:
    """Words of prose: code samples and spans do not count."""
    return len(re.findall(r"\w+", blank_code(text)))


class LengthCheck(Check):
    name = "length"
    description = (
        "each framework's text in a dimension has at least content_rules.min_words "
        "(data/site.yml) words of prose"
    )
    messages: ClassVar[dict[str, Message]] = {
        "short": Message(
            "{framework}'s text has {words} words; a framework's text needs at least {minimum}",
            "say what {framework} offers for this topic, how it works and where it stops, "
            "each fact with its source (code samples do not count)",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        minimum = content_rules(ctx.files).get("min_words")
        if not isinstance(minimum, int) or isinstance(minimum, bool):
            return []  # off unless data/site.yml's content_rules asks
        problems = []
        for file in ctx.of_kind("dimension.schema.json"):
            takes = file.value.get("frameworks")
            for framework, take in (takes if isinstance(takes, dict) else {}).items():
                text = take.get("text") if isinstance(take, dict) else None
                if not isinstance(text, str) or MARKER in blank_code(text):
                    continue  # the schema, or the placeholders check, reports it
                words = word_count(text)
                if words < minimum:
                    path = ("frameworks", framework, "text")
                    problems.append(
                        self.problem(
                            "short",
                            file,
                            path,
                            key=True,
                            framework=framework,
                            words=words,
                            minimum=minimum,
                        )
                    )
        return problems


CHECK = LengthCheck()
