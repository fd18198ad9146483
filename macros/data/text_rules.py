"""Checks on the Markdown that editors write in data fields.

Data text goes into the site's pages, so it must not be able to inject markup:
raw HTML, ``{: attribute}`` lists (they can set ``onclick``) and links with
schemes other than https are rejected here, with the exact position, rather
than silently escaped. Structure (headings) belongs to the templates. Citations
``[^source-id]`` are collected so the loader can check them against sources.

Every check skips code: fenced blocks and inline code spans keep Django and
Jinja samples such as ``{% csrf_token %}`` or ``<form>`` verbatim and legal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from macros import messages
from macros.data.schema import SITE_LINK_HINT, is_safe_link

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--|![A-Za-z][^>]*|\?[^>]*\?)>",
    re.S,
)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\}\n]*)[ ]*\}")
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(\S*?)>?(?:[ \t]|$)", re.M)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.M)
_SETEXT_UNDERLINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*(?=\n|$)")
_CITATION = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)


@dataclass(frozen=True)
class TextIssue:
    offset: int  # character offset in the field's text
    message: str
    hint: str


@dataclass(frozen=True)
class TextReport:
    issues: list[TextIssue]
    citations: list[tuple[int, str]]  # (offset, source id), in order


def blank_code(text: str) -> str:
    """The text with code blocks and spans replaced by spaces (offsets kept)."""
    if "`" not in text and "~~~" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def citations(text: str) -> list[tuple[int, str]]:
    """(offset, source id) for every [^id] outside code and not a definition."""
    if "[^" not in text:
        return []
    prose = blank_code(text)
    definitions = {m.start(1) - 2 for m in _FOOTNOTE_DEF.finditer(prose)}
    return [
        (m.start(), m.group(1)) for m in _CITATION.finditer(prose) if m.start() not in definitions
    ]


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
    if "<" in prose:
        _check_html(prose, issues)
    if "{" in prose:
        for match in _ATTR_LIST.finditer(prose):
            issues.append(
                TextIssue(
                    match.start(),
                    messages.text("attribute-list", braces=match.group(0)),
                    messages.hint("attribute-list"),
                )
            )
    if "](" in prose or "]:" in prose:
        for regex in (_INLINE_LINK, _REF_DEF):
            for match in regex.finditer(prose):
                url = match.group(1)
                if not is_safe_link(url, relative_ok=True):
                    issues.append(
                        TextIssue(match.start(1), messages.text("link", url=url), SITE_LINK_HINT)
                    )
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


def _check_html(prose: str, issues: list[TextIssue]) -> None:
    for match in _AUTOLINK.finditer(prose):
        if not is_safe_link(match.group(1), relative_ok=False):
            issues.append(
                TextIssue(
                    match.start(),
                    messages.text("link", url=match.group(1)),
                    messages.hint("link"),
                )
            )
    without_autolinks = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose)
    for match in _HTML.finditer(without_autolinks):
        issues.append(
            TextIssue(
                match.start(),
                messages.text("raw-html", html=match.group(0)[:40]),
                messages.hint("raw-html"),
            )
        )
