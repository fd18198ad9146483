"""Layer 1: the input grammar for URLs, one-line fields and Markdown fields.

Pure functions over one field's text; each issue has a message code from
the data layer's catalogue (``macros.messages``), its values, and the
character offset in the text, so the data layer reports it at
``path:line:col: field:`` like every other problem.

The Markdown rules judge what Python-Markdown *accepts*, not what looks like
HTML: ``<`` followed by a letter, ``/``, ``!`` or ``?`` starts raw HTML for it
(``<img/src/onerror=...>`` has no space after the tag name), reference and
abbreviation definitions count inside blockquotes and list items, and a lone
``{`` can be completed by a template's own ``{ #id }``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from macros.safety.characters import describe, how_to_fix, unsafe_characters

# RFC 3986: unreserved, reserved (minus the quote) and '%' for escapes.
_URL_CHAR = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]")
_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}"
)
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# Python-Markdown's raw HTML starts with '<' and a letter, '/', '!' or '?'.
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")
_AUTOLINK = re.compile(r"<(https://[^\s<>]*)>")
# [label]: ... anywhere (blockquotes, list items, indented): not a footnote [^x]:
_REF_DEF = re.compile(r"(?<![\]!\\])\[(?!\^)([^\]\n]+)\]:")
_ABBR_DEF = re.compile(r"\*\[([^\]\n]*)\]:")
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\(\s*<?([^\s)>]*)|\[[^\]\n]*\])?")
_BRACE = re.compile(r"[{}]")
_ATTR_LIST = re.compile(r"\{:?[ ]*[#.A-Za-z_][^{}\n]*\}")

# Names Windows keeps for devices, with any extension: a file or folder so named cannot
# be checked out there ("con.yml" included).
WINDOWS_DEVICE_NAMES = frozenset(
    [
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    ]
)

FUTURE_SLACK = dt.timedelta(days=1)  # a date "today" in any time zone is never in the future


@dataclass(frozen=True)
class GrammarIssue:
    offset: int
    code: str  # a key of macros.messages.CORE
    values: dict[str, Any] = field(default_factory=dict)


def _char_name(char: str) -> str:
    names = {
        '"': "a double quote",
        "'": "a single quote",
        "<": "an angle bracket",
        ">": "an angle bracket",
        "{": "a curly brace",
        "}": "a curly brace",
        " ": "a space",
        "\\": "a backslash",
        "`": "a backtick",
        "^": "a caret",
        "|": "a vertical bar",
    }
    if char in names:
        return f"{names[char]} ({char})"
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    return describe(char)


def url_issues(url: str, *, relative_ok: bool) -> list[GrammarIssue]:
    """A URL: RFC 3986 characters only, https:// with a host name, or a site path."""
    for offset, char in enumerate(url):
        if not _URL_CHAR.fullmatch(char):
            return [GrammarIssue(offset, "url-character", {"url": url, "char": _char_name(char)})]
    bad_escape = _PERCENT.search(url)
    if bad_escape:
        return [GrammarIssue(bad_escape.start(), "url-character", {"url": url, "char": "'%'"})]
    if url.startswith("https://"):
        authority = url[len("https://") :].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        host, _, port = authority.partition(":")
        if "@" in authority or not _HOST.fullmatch(host) or (port and not port.isdigit()):
            return [GrammarIssue(0, "url-host", {"url": url})]
        return []
    if relative_ok and url.startswith("/") and not url.startswith("//"):
        return []
    return [GrammarIssue(0, "url-scheme", {"url": url})]


def one_line_issues(text: str) -> list[GrammarIssue]:
    """Control characters, bidi controls, zero-width characters, tabs, line breaks."""
    return [
        GrammarIssue(
            found.offset,
            "invisible-character",
            {"char": found.name, "column": found.offset + 1, "fix": found.fix},
        )
        for found in unsafe_characters(text)
    ]


def block_character_issues(text: str) -> list[GrammarIssue]:
    """The same, for block Markdown: line breaks and tabs (code indentation) are fine."""
    return [
        GrammarIssue(
            found.offset,
            "invisible-character-block",
            {"char": found.name, "fix": how_to_fix(found.char)},
        )
        for found in unsafe_characters(text, allow_tab=True, allow_newline=True)
    ]


def markdown_issues(prose: str) -> list[GrammarIssue]:
    """Issues in Markdown whose code is already blanked out (offsets kept).

    Raw HTML in every form, attribute lists and lone braces, reference and
    abbreviation definitions anywhere, images not from the site's assets/.
    """
    issues: list[GrammarIssue] = []
    if "<" in prose:
        autolinks = {m.start() for m in _AUTOLINK.finditer(prose)}
        for match in _RAW_HTML.finditer(prose):
            if match.start() in autolinks:
                continue
            end = prose.find(">", match.start())
            if end == -1:  # no tag without a '>': Python-Markdown shows it as text
                continue
            shown = prose[match.start() : min(end + 1, match.start() + 40)]
            issues.append(GrammarIssue(match.start(), "raw-html", {"html": shown.split("\n")[0]}))
    if "{" in prose or "}" in prose:
        complete = [(m.start(), m.end()) for m in _ATTR_LIST.finditer(prose)]
        for start, end in complete:
            issues.append(GrammarIssue(start, "attribute-list", {"braces": prose[start:end]}))
        for match in _BRACE.finditer(prose):
            if not any(start <= match.start() < end for start, end in complete):
                issues.append(GrammarIssue(match.start(), "lone-brace", {"brace": match.group(0)}))
    if "]:" in prose:
        abbreviations = set()
        for match in _ABBR_DEF.finditer(prose):
            abbreviations.add(match.start() + 1)
            issues.append(GrammarIssue(match.start(), "abbreviation", {"term": match.group(1)}))
        for match in _REF_DEF.finditer(prose):
            if match.start() not in abbreviations:
                issues.append(
                    GrammarIssue(match.start(), "reference-definition", {"label": match.group(1)})
                )
    if "![" in prose:
        for match in _IMAGE.finditer(prose):
            url = match.group(1) or ""
            if not _own_asset(url):
                issues.append(GrammarIssue(match.start(), "image", {"url": url or match.group(0)}))
    return sorted(issues, key=lambda issue: issue.offset)


def _own_asset(url: str) -> bool:
    parts = url.split("?")[0].split("#")[0].split("/")
    return (
        url.startswith("/assets/")
        and ".." not in parts
        and "\\" not in url
        and not url_issues(url, relative_ok=True)
    )


def date_issues(value: dt.date, today: dt.date | None = None) -> list[GrammarIssue]:
    """A review or check date after today is a typo (or a claim nobody made yet)."""
    today = today or dt.date.today()
    if value > today + FUTURE_SLACK:
        return [
            GrammarIssue(0, "future-date", {"date": value.isoformat(), "today": today.isoformat()})
        ]
    return []


def file_id_issues(file_id: str, pattern: re.Pattern[str], limit: int) -> list[GrammarIssue]:
    """An id that becomes a file and folder name (frameworks, dimensions).

    ``pattern`` and ``limit`` are the schema's id rule (common.schema.json): a
    letter that only looks Latin is named with its code point, an id too long
    for a file system's names (pair pages join two) or a Windows device name
    is refused before any page is written.
    """
    foreign = next((c for c in file_id if not c.isascii()), None)
    if foreign is not None:
        return [
            GrammarIssue(
                file_id.index(foreign),
                "id-look-alike",
                {"id": file_id, "char": code_point(foreign)},
            )
        ]
    if not pattern.fullmatch(file_id):
        return [GrammarIssue(0, "invalid-file-id", {"id": file_id})]
    if len(file_id) > limit:
        return [
            GrammarIssue(
                limit,
                "id-too-long",
                {"id": file_id[:limit] + "...", "length": len(file_id), "limit": limit},
            )
        ]
    if file_id in WINDOWS_DEVICE_NAMES:
        return [GrammarIssue(0, "windows-device-name", {"id": file_id})]
    return []


def code_point(char: str) -> str:
    """``'U+0430 CYRILLIC SMALL LETTER A'``: what a look-alike really is."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()
