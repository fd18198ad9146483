"""Search results of their own for feature-table rows and questions.

Material's search index (``search/search_index.json``) holds one entry per
heading section, so a table row or a question could only be found as part of
a long section and opened at its heading. The templates mark each row and
each question that should be a result of its own with ``data-entry`` (and
keep the surrounding table or list out of Material's index with
``data-search-exclude``); this module reads those marked elements from a
built page and writes one entry for each into the index, after the entries
of its page, with the element's anchor as its location.

Markup it understands (see macros/templates/table.md.j2 and question.md.j2)::

    <tr id="orm" data-entry>
      <th data-entry-title>ORM</th>
      <td data-label="Flask">None built in ...</td> ...
    </tr>
    <details class="question" id="startup-choice" data-entry>
      <summary data-entry-title>What should a startup pick?</summary>
      <p>Start from the first product ...</p>
    </details>

Footnote references (``<sup id="fnref:...">``) are left out of the text: a
result shows the words, not the citation numbers.

:func:`merge` also writes the synonym groups of ``data/search.yml`` into the
index's config, where the search worker
(content/assets/javascripts/workers/search-fuzzy.js) reads them, and keeps one
copy of each repeated text (a framework profile repeats its topic-page sections).
How headings weigh against text is Material's ``fields`` option (mkdocs.yml).
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from macros.sealed_cache import SealedStore

# Tags kept in an entry's text, as Material keeps them in its own entries.
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_SPACE = re.compile(r"\s+")
# A footnote reference as Material's index keeps it: "<sup>12</sup>".
_CITATION = re.compile(r"<sup>\s*\d+\s*</sup>")
# The start tag of the first marked element: everything before it (head, header,
# navigation) holds no entry, and parsing it was most of the cost.
_FIRST_MARKED = re.compile(r"<[a-zA-Z][^<>]*?\sdata-entry[\s>=/]")
_TAG = re.compile(r"<[^>]*>")
# A section whose text begins with the whole text of a section of an earlier
# page repeats it (a framework profile repeats its topic-page sections and adds
# a date); texts shorter than this are too short to tell.
REPEAT_MINIMUM = 40


@dataclass(frozen=True)
class Entry:
    location: str  # page URL '#' anchor, as Material writes locations
    title: str  # HTML-escaped text
    text: str  # HTML: text with the tags in KEEP


class _Collector(HTMLParser):
    """Collect every element marked ``data-entry`` (they do not nest)."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.entries: list[Entry] = []
        self.stack: list[str] = []  # open tags inside the current entry
        self.depth = 0  # > 0 while inside an entry
        self.anchor = ""
        self.title: list[str] = []
        self.text: list[str] = []
        self.title_depth = 0  # stack depth of the title element, 0 if outside
        self.skip_depth = 0  # stack depth of a skipped element, 0 if outside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if not self.depth:
            if "data-entry" in found and found.get("id"):
                self.depth = 1
                self.stack = [tag]
                self.anchor = found["id"] or ""
                self.title, self.text = [], []
            return
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.skip_depth:
            return
        citation = tag == "sup" and (found.get("id") or "").startswith("fnref")
        if citation or "footnote-ref" in (found.get("class") or "").split():
            self.skip_depth = len(self.stack)
            return
        if "data-entry-title" in found:
            self.title_depth = len(self.stack)
            return
        if self.title_depth:
            return
        label = found.get("data-label")
        if label:
            self.text.append(f"<p>{escape(label)}: ")
            self.stack[-1] = f"{tag}|p"  # close the paragraph with the cell
        elif tag in KEEP:
            self.text.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        if len(self.stack) == 1:
            if tag == self.stack[0]:
                self.finish()
            return
        if not self.stack or self.stack[-1].split("|")[0] != tag:
            return  # stray end tag: ignore, as browsers do
        closing = self.stack.pop()
        depth = len(self.stack) + 1
        if self.skip_depth:
            if depth == self.skip_depth:
                self.skip_depth = 0
            return
        if self.title_depth:
            if depth == self.title_depth:
                self.title_depth = 0
            return
        if closing.endswith("|p"):
            self.text.append("</p> ")
        elif tag in KEEP:
            self.text.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip_depth:
            return
        (self.title if self.title_depth else self.text).append(escape(data, quote=False))

    def finish(self) -> None:
        title = _SPACE.sub(" ", "".join(self.title)).strip()
        text = _SPACE.sub(" ", "".join(self.text)).strip()
        text = re.sub(r"<(p|li|code)>\s*</\1>", "", text).strip()
        self.entries.append(Entry(f"{self.url}#{self.anchor}", title, text))
        self.depth = 0
        self.stack = []


def entries_from_html(html: str, url: str) -> list[Entry]:
    """The entries marked in one built page; ``url`` is its URL from the site root."""
    first = _FIRST_MARKED.search(html)
    if first is None:
        return []
    collector = _Collector(url)
    collector.feed(html[first.start() :])
    collector.close()
    return collector.entries


class EntryStore:
    """Each built page's entries by a digest of its address and HTML, kept between builds.

    Parsing every built page for its entries was about 0.02 s of CPU of each build of
    the real site; a page whose HTML is unchanged has the same entries. The file is
    named after a digest of this module's code and the Python (its HTML parser), and
    sealed like every cache here (macros.sealed_cache). The preview keeps them in
    memory instead (the plugin's entry cache).
    """

    def __init__(self, cache_dir: Path) -> None:
        self.store: SealedStore[str, list[Entry]] = SealedStore(_entries_json, _stored_entries)
        self.store.open(cache_dir / f"search-entries-{_code_fingerprint()}.json")

    def entries(self, html: str, url: str) -> list[Entry]:
        """:func:`entries_from_html` of ``html``, from the file when it has them."""
        key = hashlib.sha256(f"{url}\0{html}".encode()).hexdigest()
        found = self.store.get(key)
        if found is None:
            found = self.store.put(key, entries_from_html(html, url))
        return found

    def save(self) -> None:
        self.store.save()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    parts = [platform.python_version(), Path(__file__).read_text(encoding="utf-8")]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _entries_json(entries: dict[str, list[Entry]]) -> bytes:
    found = {key: [[e.location, e.title, e.text] for e in page] for key, page in entries.items()}
    return json.dumps(found, sort_keys=True).encode()


def _stored_entries(data: bytes) -> dict[str, list[Entry]]:
    """Stored entries (json.loads raises ValueError for what is not JSON)."""
    stored = json.loads(data)
    if not isinstance(stored, dict):
        raise ValueError("not a dict of pages")
    try:
        return {key: [Entry(*map(str, entry)) for entry in page] for key, page in stored.items()}
    except TypeError as exc:
        raise ValueError("not entries") from exc


def without_citations(text: str) -> str:
    """Index text without the footnote numbers Material keeps as <sup>n</sup>."""
    return _CITATION.sub("", text)


def plain(text: str) -> str:
    """An entry's text without tags, as compared for repeats."""
    return _SPACE.sub(" ", _TAG.sub(" ", text)).strip()


def merge(
    index: dict[str, object],
    entries: Iterable[Entry],
    synonyms: Sequence[Sequence[str]] = (),
) -> dict[str, object]:
    """Material's index with ``entries`` added after the entries of their page.

    An entry whose page is not in the index (a page kept out of search) is
    dropped: the page stays out, rows and questions included. An entry with
    the location of an existing one replaces it. Footnote numbers are removed
    from every entry's text, and empty sections named after their page (the
    trace of a heading kept out of search) are dropped, as is a section that
    repeats one of an earlier page (:data:`REPEAT_MINIMUM`): a text is found once.
    The config gets ``synonyms`` (groups of terms) when there are any.
    """
    docs = index.get("docs")
    if not isinstance(docs, list):
        raise ValueError("not a Material search index: no 'docs' list")
    pages: dict[str, list[dict[str, object]]] = {}
    order: list[str] = []
    # First words of a section's text -> (page, text) of the sections that begin so.
    earlier: dict[str, list[tuple[str, str]]] = {}
    for doc in docs:
        page = str(doc["location"]).split("#", 1)[0]
        if page not in pages:
            pages[page] = []
            order.append(page)
        elif not doc.get("text") and doc.get("title") == pages[page][0].get("title"):
            # A heading kept out of search (data-search-exclude): Material still
            # writes an empty section and names it after the page. Leave it out.
            continue
        doc = dict(doc)
        doc["text"] = without_citations(str(doc.get("text", "")))
        text = plain(str(doc["text"]))
        if pages[page] and len(text) >= REPEAT_MINIMUM:  # a section, not the page's own entry
            same_start = earlier.setdefault(text[:REPEAT_MINIMUM], [])
            if any(other != page and text.startswith(seen) for other, seen in same_start):
                continue  # an earlier page holds this text already
            same_start.append((page, text))
        pages[page].append(doc)
    for entry in entries:
        page = entry.location.split("#", 1)[0]
        if page not in pages:
            continue
        new: dict[str, object] = {
            "location": entry.location,
            "title": entry.title,
            "text": entry.text,
        }
        group = pages[page]
        for i, doc in enumerate(group):
            if doc["location"] == entry.location and i > 0:
                group[i] = new
                break
        else:
            group.append(new)
    merged = {**index, "docs": [doc for page in order for doc in pages[page]]}
    if synonyms:
        config = index.get("config")
        config = dict(config) if isinstance(config, dict) else {}
        merged["config"] = {**config, "synonyms": [list(group) for group in synonyms]}
    return merged


def rewrite(
    index_json: str, entries: Sequence[Entry], synonyms: Sequence[Sequence[str]] = ()
) -> str:
    """``merge`` on the JSON text of search_index.json, written as Material writes it."""
    merged = merge(json.loads(index_json), entries, synonyms)
    return json.dumps(merged, separators=(",", ":"), ensure_ascii=False)
