"""Tables as finished HTML: cells rendered once, tables kept out of Markdown's way.

Everything the pre-rendered-table speed-up needs is here: the cells, the
filters the table templates use, lifting finished tables out of a page's
Markdown and putting them back after conversion, and relative links for the
HTML written here (which MkDocs does not rewrite).

Cells are rendered to HTML once, not once per page.

Pair pages repeat each framework's cells in every pair it belongs to: with
40 frameworks each cell appears on 39 pages. Converting a cell's inline
Markdown here, cached by its text, and writing tables as plain HTML keeps the
cost per page flat as frameworks are added (scripts/bench/bench_scale.py).

Citations cannot be numbered until the whole page is known, so a cell keeps a
placeholder that :func:`number_citations` turns into the footnote reference
the footnotes extension would have written. Cells that link to the site's own
pages ('/faq.md#x') are left to MkDocs, which resolves and checks those links.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence

from markupsafe import escape

from macros.data.model import Framework, TableRow
from macros.data.text_rules import citations, replace_citations
from macros.render.footnote_backlinks import backlink_label
from macros.render.markdown import MarkdownFactory

BACKLINKS = "macros.render.footnote_backlinks"  # the extension that names back-links

_START, _END = "\x1e", "\x1f"  # cannot occur in validated data or templates
_PLACEHOLDER = re.compile(f"{_START}([a-z0-9-]+){_END}")
# Characters that Markdown or the site's usual extensions act on: without
# any, a cell is its own (escaped) HTML. '&' and '<' too: an entity such as
# '&copy;' must render as it does in the text around the table.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]{}&<]")


def cell_html(text: str, site: MarkdownFactory) -> str | None:
    """The cell's HTML, or None when MkDocs must render it (site links).

    Converted by the site's Markdown factory, so a cell renders as the text
    around it; cached on the factory per distinct text.
    """
    try:
        return site.cells[text]
    except KeyError:
        pass
    found: str | None
    if site.plain_is_literal and not _INLINE_SYNTAX.search(text):
        found = str(escape(text))
    elif "](/" in text or "](#" in text:
        found = None
    else:
        marked = replace_citations(text, lambda source: f"{_START}{source}{_END}")
        found = code_break_points(site.inline_html(marked))
    site.cells[text] = found
    return found


_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
_TAG = re.compile(r"(<[^>]*>)")
# After '_' or '.' between letters or digits: select_<wbr>related, django.<wbr>contrib.
_BREAK_AFTER = re.compile(r"(?<=[A-Za-z0-9][_.])(?=[A-Za-z0-9])")


def code_break_points(html: str) -> str:
    """``html`` with ``<wbr>`` after each '_' and '.' inside identifiers in inline code.

    A narrow table column then wraps 'select_related()' as 'select_/related()'
    instead of mid-word ('select_relat/ed'); the stylesheet forbids any other
    break in code (issue 24). Only text is touched, never a tag's attributes;
    copied text and the search index are the same (``<wbr>`` holds no text).
    """

    def in_code(match: re.Match[str]) -> str:
        parts = _TAG.split(match.group(2))
        inner = "".join(p if p.startswith("<") else _BREAK_AFTER.sub("<wbr>", p) for p in parts)
        return f"{match.group(1)}{inner}{match.group(3)}"

    return _CODE.sub(in_code, html) if "<code" in html else html


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


def cell(
    value: str, site: MarkdownFactory, tag: str = "td", attrs: str = "", prefix: str = ""
) -> str:
    """A table cell as HTML, pre-rendered once (:func:`cell_html`) where it can be.

    ``prefix`` is finished HTML put before the text (a status label).
    """
    html = cell_html(value, site)
    if html is None:
        return f'<{tag}{attrs} markdown="span">{prefix}{value}</{tag}>'
    return f"<{tag}{attrs}>{prefix}{html}</{tag}>"


def needs_markdown(values: Iterable[str], site: MarkdownFactory) -> str:
    """' markdown' when any cell must go through MkDocs' Markdown, else ''."""
    return " markdown" if any(cell_html(v, site) is None for v in values) else ""


def table_markdown(
    rows: Iterable[TableRow],
    site: MarkdownFactory,
    frameworks: Sequence[Framework],
    link_rows: bool,
) -> str:
    """``needs_markdown`` for a feature table; linked labels are site links."""
    if link_rows:
        return " markdown"
    return needs_markdown((row.values.get(fw.id, "—") for row in rows for fw in frameworks), site)


_ARTICLE_LINK = re.compile(r"\]\(/index\.md#([a-z0-9-]+)\)")


def topic_links(markdown: str, dimension_ids: Iterable[str]) -> str:
    """Links into the former single-page article go to the topic's own page.

    Data text written for the old layout links to '/index.md#security' or
    '/index.md#security-django'; each dimension now has its page, so such a
    link becomes '/security.md' or '/security.md#security-django'. Other
    anchors of the home page ('#verdict') stay as they are.
    """
    ids = sorted(dimension_ids, key=len, reverse=True)  # 'a-b' before 'a'

    def move(match: re.Match[str]) -> str:
        anchor = match.group(1)
        for dim in ids:
            if anchor == dim:
                return f"](/{dim}.md)"
            if anchor.startswith(dim + "-"):
                return f"](/{dim}.md#{anchor})"
        return match.group(0)

    return _ARTICLE_LINK.sub(move, markdown)


def page_dir(src_uri: str, directory_urls: bool) -> str:
    """The URL path a page is served at, relative to the site root."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(target: str, source: str, directory_urls: bool = True) -> str:
    """Link from page ``source`` to ``target`` (both Markdown paths, '#' allowed).

    The same rule MkDocs applies to '/page.md' links, for the HTML this module
    writes itself (pair pages' question lists), which MkDocs does not rewrite.
    """
    path, _, anchor = target.partition("#")
    to = page_dir(path, directory_urls)
    here = page_dir(source, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(to or ".", base or ".")
    if to.endswith("/") or not to:
        rel = "./" if rel == "." else f"{rel}/"
    return rel + (f"#{anchor}" if anchor else "")


# --- finished tables lifted out of the Markdown ---------------------------------------------


def fragment_marker(index: int) -> str:
    return f"<!-- comparison-fragment-{index} -->"


# A table whose cells were all rendered already (no `markdown` attribute), a
# list of sources written here (finished_footnotes) or a pair page's list of
# questions (links written by relative_url): Python-Markdown would only parse
# it tag by tag to pass it through unchanged (the questions were a quarter of
# a pair page's conversion).
_FINISHED_TABLE = re.compile(
    r'^<div class="comparison-table">\n<table\b.*?</table>\n</div>$'
    r'|^<div class="footnote">\n<hr />\n<ol>\n.*?\n</ol>\n</div>$'
    r'|^<ul class="pair-questions">\n.*?\n</ul>$',
    re.M | re.S,
)


_ID = re.compile(r'\sid="([^"]+)"')


def lift_fragments(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Move finished HTML tables out of the Markdown, leaving markers."""
    fragments: list[str] = []

    def lift(match: re.Match[str]) -> str:
        block = match.group(0)
        if " markdown" in block:  # cells that still need Markdown
            return block
        fragments.append(block)
        return fragment_marker(len(fragments) - 1)

    return _FINISHED_TABLE.sub(lift, markdown), tuple(fragments)


def fragment_ids(fragments: Sequence[str]) -> set[str]:
    """Element ids in lifted fragments (anchors that links may point to)."""
    return {found for fragment in fragments for found in _ID.findall(fragment)}


def restore_fragments(html: str, fragments: Sequence[str]) -> str:
    for index, fragment in enumerate(fragments):
        html = html.replace(fragment_marker(index), fragment, 1)
    return html


# --- the list of sources, for a page whose citations are all in finished HTML -------------

FOOTNOTES_PLACE = "///Footnotes Go Here///"  # the footnotes extension's marker for its list
_DEFINITION = re.compile(r"^\[\^([a-z0-9-]+)\]: (.+)\n?", re.M)


def finished_footnotes(markdown_text: str, site: MarkdownFactory) -> str:
    """The footnote definitions in ``markdown_text`` as the HTML the footnotes extension
    and macros.render.footnote_backlinks write, put where the list goes.

    For a page that cites only in finished HTML (a pair page: citations in its
    tables, each cited once, numbered by :func:`number_citations`): with 40
    frameworks, converting the same sources' Markdown on 780 pair pages was a
    fifth of the build. Each text is converted once (the site's Markdown
    factory caches it). ``markdown_text`` comes back unchanged when a source
    links into the site (MkDocs resolves such links), when the site changes the
    footnotes extension's settings, or when the back-link names are not on.
    """
    if (
        site.configs.get("footnotes")
        or "footnotes" not in site.extensions
        or BACKLINKS not in site.extensions
        or FOOTNOTES_PLACE not in markdown_text
    ):
        return markdown_text
    items = []
    for number, found in enumerate(_DEFINITION.finditer(markdown_text), start=1):
        source, text = found.groups()
        if "](/" in text or "](#" in text:
            return markdown_text
        label = backlink_label(1, 1, number)
        items.append(
            f'<li id="fn:{source}">\n<p>{site.inline_html(text)}&#160;<a aria-label="{label}" '
            f'class="footnote-backref" href="#fnref:{source}" title="{label}">&#8617;</a></p>\n'
            "</li>"
        )
    if not items:
        return markdown_text
    html = '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"
    return _DEFINITION.sub("", markdown_text).replace(FOOTNOTES_PLACE, html, 1).rstrip("\n") + "\n"
