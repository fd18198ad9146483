"""What HTML a data field may produce, and how URLs are judged.

The allowlist is what the site's Markdown configuration (Python-Markdown with
abbr, admonition, attr_list, def_list, footnotes, md_in_html, tables, toc,
pymdownx.details, highlight, inlinehilite and superfences) produces from the
Markdown the data rules allow:
paragraphs, emphasis, code, lists, links, tables, footnote references,
admonitions and collapsible notes. Anything else in a field's HTML came from
raw HTML or from an attribute list, and is refused.

URLs are read the way a browser reads them (HTML entities decoded, tabs and
line breaks removed, leading controls and spaces dropped, ``\\`` taken as
``/``), so that ``java&#9;script:`` or ``/\\evil.example`` are judged as what
they become, not as what they look like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# element -> attributes it may carry in a data field's HTML
FRAGMENT_ELEMENTS: dict[str, frozenset[str]] = {
    "p": frozenset({"class"}),
    "br": frozenset(),
    "hr": frozenset(),
    "em": frozenset(),
    "strong": frozenset(),
    "del": frozenset(),
    "code": frozenset({"class"}),
    "pre": frozenset({"class"}),
    "span": frozenset({"class"}),
    "div": frozenset({"class"}),
    "blockquote": frozenset(),
    "ul": frozenset(),
    "ol": frozenset({"start"}),
    "li": frozenset({"id"}),
    # aria-label: footnote back-links name their mention (macros/render/footnote_backlinks.py)
    "a": frozenset({"href", "title", "class", "id", "name", "aria-label"}),
    "img": frozenset({"src", "alt", "title"}),
    "sup": frozenset({"id"}),
    "table": frozenset(),
    "thead": frozenset(),
    "tbody": frozenset(),
    "tr": frozenset(),
    "th": frozenset({"style"}),
    "td": frozenset({"style"}),
    "dl": frozenset(),
    "dt": frozenset(),
    "dd": frozenset(),
    "details": frozenset({"class", "open"}),
    "summary": frozenset(),
}

# A hand-written page under content/ (macros.render.content_pages) also has headings, with
# the ids the toc extension makes from their text and its permalinks (a.headerlink).
# pymdownx.tabbed's tabs (=== "Flask") are radio inputs with labels.
PAGE_ELEMENTS: dict[str, frozenset[str]] = (
    FRAGMENT_ELEMENTS
    | {f"h{level}": frozenset({"id"}) for level in range(1, 7)}
    | {
        "div": frozenset({"class", "data-tabs"}),
        "input": frozenset({"type", "id", "name", "checked"}),
        "label": frozenset({"for"}),
    }
)
# The ids pymdownx.tabbed writes (__tabbed_1_2, and __tabbed_1 as a name).
_TABBED_ID = re.compile(r"__tabbed_\d+(?:_\d+)?")

# A heading id as the toc extension slugifies it; never one of Material's own (__search).
_HEADING_ID = re.compile(r"(?!__)[\w-]+")

# Python-Markdown's tables extension aligns columns with style="text-align: ..."
_ALIGN_STYLE = re.compile(r"text-align: (?:left|right|center);?")

# Class tokens Material gives meaning to (md-*) must not come from data.
_CLASS_TOKEN = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")

# Ids the Markdown extensions write: footnotes (fnref:x, fnref2:x, fn:x) and
# pymdownx.highlight's line anchors (__codelineno-0-1).
_GENERATED_ID = re.compile(r"fn(?:ref\d*)?:[A-Za-z0-9_.-]+|__codelineno-\d+-\d+")

# Attributes whose value a browser follows or loads, in any element.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "cite",
        "longdesc",
        "lowsrc",
        "manifest",
        "codebase",
        "ping",
        "xlink:href",
        "srcdoc",
    }
)

DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file", "blob", "filesystem"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_STRIP_ANYWHERE = re.compile(r"[\t\n\r]")
# What a browser strips from both ends of a URL: C0 controls and the space.
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


@dataclass(frozen=True)
class UrlVerdict:
    kind: str  # "site" (relative, same host), "https", "other-host", "scheme", "bad"
    scheme: str = ""
    host: str = ""


def normalise_url(value: str) -> str:
    """The URL as a browser will read it (entities already decoded by the parser)."""
    value = _STRIP_ANYWHERE.sub("", value)
    value = value.strip(_C0_AND_SPACE)
    return value.replace("\\", "/")


def judge_url(value: str) -> UrlVerdict:
    url = normalise_url(value)
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme != "https":
            return UrlVerdict("scheme", scheme=scheme)
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return UrlVerdict("bad", scheme=scheme)
        return UrlVerdict("https", scheme="https", host=host) if host else UrlVerdict("bad")
    if url.startswith("//"):
        try:
            host = urlsplit("https:" + url).hostname or ""
        except ValueError:
            host = ""
        return UrlVerdict("other-host", host=host)
    return UrlVerdict("site")


def is_own_asset(value: str) -> bool:
    """A site-relative path into the site's own ``assets/`` folder (``/assets/x.png``,
    ``../assets/x.png``); nothing that climbs out of it again."""
    url = normalise_url(value)
    if judge_url(url).kind != "site":
        return False
    parts = url.split("?")[0].split("#")[0].split("/")
    while parts and parts[0] in ("", ".", ".."):
        parts.pop(0)
    return len(parts) > 1 and parts[0] == "assets" and ".." not in parts


def class_allowed(value: str) -> bool:
    tokens = value.split()
    return all(_CLASS_TOKEN.fullmatch(t) and not t.startswith("md-") for t in tokens)


def id_allowed(value: str) -> bool:
    """Ids (and a's name=) the extensions generate; never one a text chose."""
    return bool(_GENERATED_ID.fullmatch(value))


def page_id_allowed(value: str) -> bool:
    """Ids (and name=) on a hand-written page: the extensions' own, and the tabs'."""
    return id_allowed(value) or bool(_TABBED_ID.fullmatch(value))


def heading_id_allowed(value: str) -> bool:
    """An id the toc extension gives a heading of a hand-written page."""
    return bool(_HEADING_ID.fullmatch(value))


def style_allowed(value: str) -> bool:
    return bool(_ALIGN_STYLE.fullmatch(value.strip()))
