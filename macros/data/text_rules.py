"""Checks on the Markdown that editors write in data fields.

Data text goes into the site's pages, so it must not be able to inject markup:
raw HTML in every form Python-Markdown accepts, ``{: attribute}`` lists and
lone braces (they can set ``onclick``), reference and abbreviation
definitions, images from anywhere but /assets/, and links that are not https
or site links are rejected here (layer 1 of issue 11, the grammar in
:mod:`macros.safety.grammar`), with the exact position, rather than silently
escaped. Structure (headings) belongs to the templates. Citations
``[^source-id]`` are collected so the loader can check them against sources.

Every check skips code: fenced blocks and inline code spans keep Django and
Jinja samples such as ``{% csrf_token %}`` or ``<form>`` verbatim and legal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from macros import messages
from macros.data.field_rules import is_safe_link, link_problem
from macros.safety.grammar import markdown_issues

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.M)
_SETEXT_UNDERLINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*(?=\n|\Z)")
_CITATION = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
# A fact reference, {pkg:flask.version} (macros.data.facts): the one use of braces
# in prose. Anything of this shape counts, so a typo is reported as an unknown
# fact with a suggestion rather than as a stray brace.
REFERENCE = re.compile(r"\{(pkg|fw):([^{}\s]*)\}")


@dataclass(frozen=True)
class TextIssue:
    offset: int  # character offset in the field's text
    message: str
    hint: str


@dataclass(frozen=True)
class TextReport:
    issues: list[TextIssue]
    citations: list[tuple[int, str]]  # (offset, source id), in order


# Every check and the renderer ask for the same texts' code blanked and citations found
# (a build asked 7,000 times for 600 distinct texts, whole pages among them): each text's
# answer is kept. Both are pure functions of the text.
_MEMO = 4096


@lru_cache(maxsize=_MEMO)
def blank_code(text: str) -> str:
    """The text with code blocks and spans replaced by spaces (offsets kept)."""
    if "`" not in text and "~~~" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def blank_references(prose: str) -> str:
    """The text with fact references replaced by spaces (offsets kept)."""
    if "{" not in prose:
        return prose
    return REFERENCE.sub(lambda m: " " * len(m.group(0)), prose)


def citations(text: str) -> list[tuple[int, str]]:
    """(offset, source id) for every [^id] outside code and not a definition."""
    if "[^" not in text:
        return []
    return list(_citations(text))


@lru_cache(maxsize=_MEMO)
def _citations(text: str) -> tuple[tuple[int, str], ...]:
    prose = blank_code(text)
    definitions = {m.start(1) - 2 for m in _FOOTNOTE_DEF.finditer(prose)}
    return tuple(
        (m.start(), m.group(1)) for m in _CITATION.finditer(prose) if m.start() not in definitions
    )


def replace_citations(text: str, replacement: Callable[[str], str]) -> str:
    """Each [^id] outside code replaced by ``replacement(id)``; code keeps its own."""
    for offset, source in reversed(citations(text)):
        text = text[:offset] + replacement(source) + text[offset + len(source) + 3 :]
    return text


def strip_citations(text: str) -> str:
    return replace_citations(text, lambda _source: "")


def check_text(text: str, kind: str) -> list[TextIssue]:
    """Problems in one Markdown field; ``kind`` is "inline" or "block"."""
    return analyse(text, kind).issues


def analyse(text: str, kind: str) -> TextReport:
    """Check one Markdown field and collect its citations, in one pass."""
    prose = blank_code(text)
    issues: list[TextIssue] = []
    cited: list[tuple[int, str]] = []
    # Each check runs only when its telltale character is present: most text has none.
    rules_text = _check_autolinks(prose, issues) if "<" in prose else prose
    rules_text = blank_references(rules_text)  # checked against the facts by the loader
    if any(char in rules_text for char in "<{}]"):
        for found in markdown_issues(rules_text):
            issues.append(
                TextIssue(
                    found.offset,
                    messages.text(found.code, **found.values),
                    messages.hint(found.code, **found.values),
                )
            )
    if "](" in prose:
        for match in _INLINE_LINK.finditer(prose):
            problem = link_problem(match.group(1), relative_ok=True)
            if problem:
                issues.append(TextIssue(match.start(1), *problem))
    if "[^" in prose:
        definitions = set()
        for match in _FOOTNOTE_DEF.finditer(prose):
            definitions.add(match.start(1) - 2)
            issues.append(
                TextIssue(
                    match.start(1) - 2,
                    messages.text("footnote-definition", id=match.group(1)),
                    messages.hint("footnote-definition", id=match.group(1)),
                )
            )
        cited = [
            (m.start(), m.group(1))
            for m in _CITATION.finditer(prose)
            if m.start() not in definitions
        ]
    if kind == "block":
        starts = [m.start() for m in _HEADING.finditer(prose)] if "#" in prose else []
        for match in _SETEXT_UNDERLINE.finditer(prose):
            above = prose[prose.rfind("\n", 0, match.start()) + 1 : match.start()]
            if above.strip():  # text directly above an underline makes it a heading
                starts.append(match.start() - len(above))
        for start in starts:
            issues.append(
                TextIssue(
                    start,
                    messages.text("heading"),
                    messages.hint("heading"),
                )
            )
    return TextReport(sorted(issues, key=lambda issue: issue.offset), cited)


def _check_autolinks(prose: str, issues: list[TextIssue]) -> str:
    """Check <scheme:...> autolinks; the text with them blanked for the other rules."""
    for match in _AUTOLINK.finditer(prose):
        if not is_safe_link(match.group(1), relative_ok=False):
            issues.append(
                TextIssue(
                    match.start(),
                    messages.text("link", url=match.group(1)),
                    messages.hint("link"),
                )
            )
    return _AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose)
