"""A fetched page as comparable text, and the quotes a source's `supports` makes.

``supports`` is either a quotation (in “curly” or "straight" quotes, with
``…`` or ``[...]`` where words were left out or added) or a paraphrase. Only a
quotation can be looked for word for word: each stretch between omissions must
still be on the page once both sides are normalised (Unicode compatibility
forms, no quotation marks or `*` markup, one kind of dash, single spaces, no case).
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

_SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}
# Elements that end a run of text: a space keeps "</p><p>" from joining two words.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_QUOTES = str.maketrans(
    {
        # Quotes go: a page may quote a word the site's quotation does not, or use
        # another kind; an apostrophe goes on both sides alike.
        **dict.fromkeys("'\"\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", ""),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", ""),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\ufeff", ""),
        # Markup of Markdown and reStructuredText pages (`code`, **bold**) is no text.
        **dict.fromkeys("`*", ""),
        "\u2026": "...",
    }
)
_QUOTED = re.compile(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"")
_OMISSION = re.compile(r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*")
_EDGE_PUNCTUATION = " .,;:!?'\"()"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(document: str) -> str:
    """The visible text of an HTML document."""
    parser = _Text()
    parser.feed(document)
    parser.close()
    return "".join(parser.parts)


def source_text(document: str) -> str:
    """Every text of the document, scripts included, for pages that ship their text as
    data for a script (GitHub's file view does): tags dropped, entities and JSON escapes
    undone."""
    text = re.sub(r"<[^>]*>", " ", document)
    text = text.replace("\\n", " ").replace('\\"', '"').replace("\\/", "/")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(text)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def quotations(supports: str) -> list[tuple[int, str]]:
    """(offset in ``supports``, quoted words) for each stretch the page must contain."""
    found = []
    for match in _QUOTED.finditer(supports):
        group = 1 if match.group(1) is not None else 2
        start, quoted = match.start(group), match.group(group)
        position = 0
        for piece in [*_OMISSION.split(quoted)]:
            at = quoted.find(piece, position)
            position = at + len(piece)
            stripped = piece.strip(_EDGE_PUNCTUATION)
            if len(stripped.split()) >= 2:  # a single word proves nothing
                found.append((start + at + piece.find(stripped), stripped))
    return found


def missing(quotes: list[tuple[int, str]], text: str, source: str) -> list[tuple[int, str]]:
    r"""The quotes that neither the page's text nor its source text contains (both
    already :func:`normalise`\ d)."""
    return [(at, q) for at, q in quotes if normalise(q) not in text and normalise(q) not in source]
