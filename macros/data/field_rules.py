"""Rules for one field's text: links (layer 1 of issue 11) and invisible characters.

Kept apart from the schema walker so each stays readable; the walker and the
Markdown text rules both use them.
"""

from __future__ import annotations

import re

from macros import messages
from macros.data.document import FieldPath, YamlDocument
from macros.problems import Problem
from macros.safety.grammar import block_character_issues, one_line_issues, url_issues

_SITE_LINK = re.compile(r"(/[A-Za-z0-9_./-]*\.md)?(#[A-Za-z0-9_-]+)?")
SITE_LINK_HINT = "use an https:// address, or a page of this site as '/comparison.md#anchor'"


def is_safe_link(url: str, relative_ok: bool) -> bool:
    """https:// addresses; with ``relative_ok`` also this site's pages.

    Site links are written from the site root to the Markdown file
    ('/faq.md#async') so MkDocs can check that the page and anchor exist.
    """
    if url.startswith("https://"):
        return not url_issues(url, relative_ok=False)
    return relative_ok and bool(url) and bool(_SITE_LINK.fullmatch(url)) and ".." not in url


def link_problem(url: str, relative_ok: bool) -> tuple[str, str] | None:
    """(message, hint) for a link that is not allowed; None when it is.

    Names the offending character or the missing host when that is what is
    wrong (RFC 3986 characters only: no quotes, angle brackets, braces, spaces).
    """
    if is_safe_link(url, relative_ok):
        return None
    for issue in url_issues(url, relative_ok=False):  # a character, a host or the scheme
        site_link = issue.code == "url-scheme" and relative_ok
        hint = SITE_LINK_HINT if site_link else messages.hint(issue.code)
        return messages.text(issue.code, **issue.values), hint
    return messages.text("link", url=url), SITE_LINK_HINT if relative_ok else messages.hint("link")


def character_problems(
    doc: YamlDocument, path: FieldPath, field: str, value: str, block: bool
) -> list[Problem]:
    """Invisible and control characters in one value, each at its line and column.

    Block Markdown keeps tabs and line breaks; a line break in a one-line field
    is left to its pattern ("must be one line").
    """
    problems = []
    for issue in (block_character_issues if block else one_line_issues)(value):
        if issue.values["char"].startswith("a line break"):
            continue
        line, column = doc.locate(path, issue.offset)
        values = {**issue.values, "column": column}
        problems.append(
            Problem(
                doc.path,
                line,
                column,
                field,
                messages.text(issue.code, **values),
                messages.hint(issue.code, **values),
            )
        )
    return problems
