"""Texts that compare the frameworks with words that count them wrongly (issue 19).

"Both", "neither" or "the two" in a topic's summary were right while the
site compared two frameworks; with a third they quietly leave it out. The
check reads only the texts that speak for every framework at once (the
fields in ``COMPARING``) and warns when a counting word there implies another
number of frameworks than the data has.

Limits: it reads words, not meaning. A correlative pair that names its own
two items ("both reads and writes", "either a queue or a cron job",
"neither X nor Y") is taken to be about those items and left alone. An
answer whose question names exactly two frameworks ("moving from Flask to
Django") is about those two. Any other "both" in these texts is reported,
even when it means two features: reword it (e.g. "reads as well as writes").
Texts about one framework (its profile, verdicts, texts) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from macros.data.document import FieldPath, value_at
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.problems import Problem, Severity

# Fields, per kind of file, whose text compares the frameworks as a whole.
COMPARING: dict[str, tuple[FieldPath, ...]] = {
    "dimension.schema.json": (("summary",), ("in_one_line",)),
    "site.schema.json": (
        ("intro",),
        ("verdict",),
        ("short_answer",),
        ("description",),
        ("call_to_action", "text"),
    ),
}
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER = "|".join(_NUMBERS)
# Each alternative names what it counts; the groups say how it counts.
_COUNTING = re.compile(
    rf"\b(?P<both>both)\b"
    rf"|\b(?P<either>n?either)\b"
    rf"|\bthe other (?P<other>{_NUMBER})\b"
    rf"|\b(?:the|all|these|those|each of the) (?P<group>{_NUMBER})\b"
    rf"|\b(?P<plain>{_NUMBER}) frameworks\b",
    re.IGNORECASE,
)
# A correlative pair that names its own items before the clause ends.
_PAIRED = {"both": " and ", "either": " or ", "neither": " nor "}
_CLAUSE_END = re.compile(r"[.;:!?,()]|\n\s*\n")  # a blank line ends a paragraph


def counted(text: str) -> Iterator[tuple[int, str, int]]:
    """(offset, words, frameworks they imply) for each counting word in ``text``."""
    for match in _COUNTING.finditer(text):
        word = match.group(0)
        if match.group("both") or match.group("either"):
            rest = text[match.end() :]
            end = _CLAUSE_END.search(rest)
            clause = " " + " ".join(rest[: end.start() if end else len(rest)].split()) + " "
            if word.lower() == "either" and not clause.strip():
                continue  # "..., either." is the adverb "as well"
            if _PAIRED[word.lower()] in clause.lower() and len(clause.split()) <= 12:
                continue  # "both X and Y": the pair names its own items
            yield match.start(), word, 2
        elif match.group("other"):
            yield match.start(), word, _NUMBERS.index(match.group("other").lower()) + 3
        else:
            number = match.group("group") or match.group("plain")
            yield match.start(), word, _NUMBERS.index(number.lower()) + 2


def _questions(file: DataFile) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    listed = file.value.get("faq" if file.kind == "dimension.schema.json" else "questions")
    for index, question in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(question, dict):
            yield ("faq" if file.kind == "dimension.schema.json" else "questions", index), question


class CountWordsCheck(Check):
    name = "count-words"
    description = (
        "texts that compare every framework (topic summaries and one-line summaries, the "
        "site's intro, verdict and short answer, FAQ answers) count them right: no 'both', "
        "'neither' or 'the two' while the data has three or more"
    )
    messages: ClassVar[dict[str, Message]] = {
        "count": Message(
            "'{words}' speaks of {said} frameworks, but the data compares {count}",
            "reword it to hold for any number, e.g. 'every framework', 'all of them', 'none of "
            "them', or name the frameworks it means; see EDITING.md, 'Words that count'",
            Severity.WARNING,
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        count = len(ctx.framework_ids)
        names = [
            str(f.value["name"]).lower()
            for f in ctx.of_kind("framework.schema.json")
            if isinstance(f.value.get("name"), str)
        ]
        problems: list[Problem] = []
        for file in ctx.files:
            for path in COMPARING.get(file.kind, ()):
                problems += self.text_problems(file, path, count)
            for path, question in _questions(file):
                asked = str(question.get("q", "")).lower()
                if sum(re.search(rf"\b{re.escape(n)}\b", asked) is not None for n in names) == 2:
                    continue  # a question about two named frameworks
                for field in ("q", "a"):
                    problems += self.text_problems(file, (*path, field), count)
        return problems

    def text_problems(self, file: DataFile, path: FieldPath, count: int) -> list[Problem]:
        value = value_at(file.value, path)
        if not isinstance(value, str) or file.doc is None:
            return []
        return [
            self.problem(
                "count",
                file,
                path,
                at=file.doc.locate(path, offset),
                words=words,
                said=said,
                count=count,
            )
            for offset, words, said in counted(value)
            if said != count
        ]


CHECK = CountWordsCheck()
