"""The prose the content checks read: paragraphs of Markdown fields, and the figures in them.

Code (spans and fenced blocks) is blanked first, so a version in a code sample
is no claim. Offsets stay those of the field's text, so a problem lands on its
line and column (YamlDocument.locate).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from macros.data.document import FieldPath
from macros.data.layout import DataFile
from macros.data.text_rules import blank_code
from macros.lint.texts import markdown_fields

# Files whose Markdown is not the site's prose about the frameworks: a source's
# `supports` quotes its page (that is where figures come from).
NOT_PROSE = frozenset({"sources.schema.json", "packages.schema.json"})
# One-line fields that ask or label rather than claim (a question, a row's label).
NOT_CLAIMS = frozenset(
    {"q", "label", "title", "case", "when", "question", "in_one_line", "description", "licence"}
)
# Statements about this site's own review need no outside source.
OWN_REVIEW = re.compile(r"checked on\s+\d{4}-\d{2}-\d{2}")
# A number that needs a source: a year, a percentage or a dotted version.
# (Each pattern starts by looking ahead at its first character: every alternative starts
# with a digit or a month's capital, and the regex engine then skips other characters
# at once; without it the figures check took 8 times as long.)
CLAIM = re.compile(r"(?=\d)(?:\b(?:1[89]\d\d|20\d\d)\b|\d+(?:\.\d+)?\s?%|\b\d+\.\d+(?:\.\d+)?\b)")
MONTHS = list(calendar.month_name)[1:]
# A figure a reader can check in a source: a date, percentage, version, large
# number, month or year.
FIGURE = re.compile(
    r"(?=[0-9JFMASOND])(?:"
    r"\b\d{4}-\d\d-\d\d\b"
    r"|\d+(?:\.\d+)?%"
    r"|(?<![\d.])\d+\.\d+(?:\.\d+)?(?![\d]|\.\d)"
    r"|\b\d{1,3}(?:,\d{3})+\b"
    r"|\b(?:" + "|".join(MONTHS) + r") (?:19|20)\d\d\b"
    r"|(?<![\d.-])(?:19|20)\d\d(?!\d|\.\d|-\d)"
    r")"
)
_BREAK = re.compile(r"\n\s*\n")


def prose_fields(files: list[DataFile]) -> Iterator[tuple[DataFile, FieldPath, str]]:
    """(file, path, text) of every Markdown field that makes claims."""
    for file in files:
        if file.kind in NOT_PROSE:
            continue
        for path, text in markdown_fields(file):
            if path and path[-1] in NOT_CLAIMS:
                continue
            yield file, path, text


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) of the text with code blanked and own-review dates removed."""
    prose = blank_code(text)
    start = 0
    for match in [*_BREAK.finditer(prose), None]:
        end = match.start() if match else len(prose)
        paragraph = prose[start:end]
        if paragraph.strip():
            # Same length: offsets of what follows stay right.
            yield start, OWN_REVIEW.sub(lambda m: " " * len(m.group(0)), paragraph)
        if match:
            start = match.end()


def content_rules(files: list[DataFile]) -> dict[str, object]:
    """data/site.yml's content_rules: which content checks apply ({} when none)."""
    for file in files:
        if file.kind == "site.schema.json":
            rules = file.value.get("content_rules")
            return rules if isinstance(rules, dict) else {}
    return {}


def figures_need_sources(files: list[DataFile]) -> bool:
    return content_rules(files).get("figures_need_sources") is True
