"""Table cells rendered to HTML once, not once per page.

Pair pages repeat each framework's cells in every pair it belongs to: with
40 frameworks each cell appears on 39 pages. Converting a cell's inline
Markdown here, cached by its text, and writing tables as plain HTML keeps the
cost per page flat as frameworks are added (scripts/bench_scale.py).

Citations cannot be numbered until the whole page is known, so a cell keeps a
placeholder that :func:`number_citations` turns into the footnote reference
the footnotes extension would have written. Cells that link to the site's own
pages ('/faq.md#x') are left to MkDocs, which resolves and checks those links.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
from markupsafe import escape

from macros.data.text_rules import citations, replace_citations

_START, _END = "\x1e", "\x1f"  # cannot occur in validated data or templates
_PLACEHOLDER = re.compile(f"{_START}([a-z0-9-]+){_END}")
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]]")
_MARKDOWN = markdown.Markdown()  # core inline syntax: code, emphasis, links


@lru_cache(maxsize=65536)
def cell_html(text: str) -> str | None:
    """The cell's HTML, or None when MkDocs must render it (site links)."""
    if not _INLINE_SYNTAX.search(text):
        return str(escape(text))
    if "](/" in text or "](#" in text:
        return None
    marked = replace_citations(text, lambda source: f"{_START}{source}{_END}")
    html = _MARKDOWN.reset().convert(marked)
    return html.removeprefix("<p>").removesuffix("</p>")


def cited_in_order(page: str) -> list[str]:
    """Source ids in order of first citation: Markdown [^id] and placeholders."""
    found = [(offset, source) for offset, source in citations(page)]
    found += [(m.start(), m.group(1)) for m in _PLACEHOLDER.finditer(page)]
    return list(dict.fromkeys(source for _, source in sorted(found)))


def number_citations(page: str, order: list[str]) -> str:
    """Replace placeholders with footnote references numbered as ``order``.

    The footnotes extension numbers definitions in the order the page lists
    them (the renderer lists them in ``order``). The first reference to a
    source that no Markdown cites gets the id the back-link points to.
    """
    in_markdown = {source for _, source in citations(page)}
    anchored: set[str] = set()

    def reference(match: re.Match[str]) -> str:
        source = match.group(1)
        anchor = ""
        if source not in in_markdown and source not in anchored:
            anchored.add(source)
            anchor = f' id="fnref:{source}"'
        number = order.index(source) + 1
        return f'<sup{anchor}><a class="footnote-ref" href="#fn:{source}">{number}</a></sup>'

    return _PLACEHOLDER.sub(reference, page)
