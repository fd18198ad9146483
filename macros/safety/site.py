"""Layer 3: audit every page, SVG and stylesheet of a built site before it is published.

Whatever slipped past the data rules and the field audit (a theme value, a
hand-written page, a template change) is caught here, in the HTML readers
get: inline scripts that are not on the project's allowlist, event-handler
attributes, ``javascript:``/``data:``/``vbscript:`` URLs, ``<meta
http-equiv="refresh">``, anything that loads from another host (``<style>``
included), animations of a link, frames and plugins, ``<base>``, and duplicate
element ids. Pages are every ``.html``, ``.htm`` and ``.xhtml`` file; SVG and XML
files and stylesheets are read by :mod:`macros.safety.assets`. Each finding names the
file, line and column, and is worded by the catalogue (``macros/messages.py``).

The same single reading of each page also collects what the response headers
need (:mod:`macros.publish.headers`): the inline scripts and styles as served,
and the inline code the Content-Security-Policy blocks with no hash to allow it.

The audit judges the tree a browser builds, so pages are parsed by lexbor (through
selectolax), which follows the WHATWG parsing algorithm, with scripting on as in a
browser that runs scripts. Python's ``html.parser`` does not: ``<!--><script>``,
``<noscript><p title="</noscript><img onerror=...>">`` and the same with
``textarea``/``xmp``/``noembed``/``noframes`` read as harmless text to it and run
in Chromium. Of the conformant parsers, lexbor is the fastest: parsing the built
pages took 0.5 ms a page against 6.3 for ``html.parser``, 1.2 for html5ever
(markupever, a younger one-person binding), 8.1 for justhtml and 25.6 for html5lib
(both pure Python; html5lib's last release is from 2020). selectolax is maintained,
released often, and ships wheels for every CPython the project supports.
``tests/safety/test_site_parser.py`` holds the audit's view of tricky markup
against Chromium's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from macros import messages
from macros.problems import Problem, line_and_column
from macros.safety import policy
from macros.safety.allowlist import (
    ALLOWLIST_PATH,
    ScriptAllowlist,
    allowed_script_hashes,
    csp_hash,
    load_allowlist,
)
from macros.safety.assets import audit_css, audit_svg

__all__ = [
    "ALLOWLIST_PATH",
    "PageAudit",
    "SiteAudit",
    "allowed_script_hashes",
    "audit_page",
    "audit_search_index",
    "csp_hash",
    "load_allowlist",
    "parse_page",
    "run_site_audit",
]

# <script> types a browser runs; others are data blocks.
EXECUTABLE_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)
# Elements that embed another document or a plugin: never on this site.
_EMBEDS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal"})
# <link rel=...> values that make the browser fetch something.
_LOADING_RELS = frozenset(
    {
        "stylesheet",
        "preload",
        "modulepreload",
        "prefetch",
        "prerender",
        "preconnect",
        "dns-prefetch",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "manifest",
        "mask-icon",
        "import",
    }
)
# Every page repeats the theme's links and assets: each URL is judged once per process
# (a verdict depends on the URL's text alone).
_judge_url = lru_cache(maxsize=65536)(policy.judge_url)
# What a server sends as a page (HTML by any of its extensions), an SVG or XML document
# (a sitemap can hold XHTML that runs) or a stylesheet: every one is audited.
_AUDITED = frozenset({".html", ".htm", ".xhtml", ".svg", ".xml", ".css"})
# Material's search index: its entries are shown as HTML.
_SEARCH_INDEX = "search_index.json"
# Elements judged even without attributes (a bare <script> runs, <base> and embeds are refused).
_SPECIAL = _EMBEDS | {"script", "style", "base"}
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
# SVG elements that fetch what href= names, unlike a link.
_SVG_LOADS = frozenset({"image", "use", "feimage", "script"})
# A tag's start in the page's text, and comments (masked before tags are counted): a
# comment also ends at "<!-->" and "<!--->", the way the HTML Standard reads it.
_TAG_START = re.compile(r"<([A-Za-z][^\s/>]*)")
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>|.*\Z)", re.S)


def _jsonld_problem(text: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue code (and values) of what is wrong with JSON-LD, or None."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return "site-jsonld-not-json", {"error": str(exc)}
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, dict) or item.get("@context") != "https://schema.org":
            return "site-jsonld-not-schema", {}
    if "</" in text or "<!--" in text:
        return "site-jsonld-early-end", {}
    return None


@dataclass
class PageAudit:
    """What one reading of a page found."""

    findings: list[Problem]  # what must not be published
    used: set[tuple[str, str]]  # (allowlist entry, base URL) pairs the page holds
    scripts: list[str]  # executable inline scripts, as served
    styles: list[str]  # <style> elements, as served
    blocked: list[Problem]  # inline code the CSP blocks and no hash can allow (warnings)


class _Source:
    """Where each element of the parsed page starts in the page's text.

    The parser gives no source positions, so the n-th ``<tag`` of the text (comments
    masked) stands for the n-th element of that name in document order. Elements the
    parser made up (an implied ``<tbody>``) or text that looks like a tag inside a
    script can shift a position; they never hide a finding. Positions are worked out
    only for findings (most pages have none).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] | None = None
        self.seen: dict[str, int] = {}

    def count(self, tag: str) -> tuple[str, int]:
        """One more element named ``tag``, in document order: its (name, index)."""
        index = self.seen.get(tag, 0)
        self.seen[tag] = index + 1
        return tag, index

    def position(self, element: tuple[str, int]) -> tuple[int, int]:
        """The line and column where a counted element starts."""
        if self.starts is None:
            masked = _COMMENT.sub(lambda m: " " * len(m.group()), self.text)
            self.starts = {}
            for match in _TAG_START.finditer(masked):
                self.starts.setdefault(match.group(1).lower(), []).append(match.start())
        offsets = self.starts.get(element[0].lower()) or [0]
        offset = offsets[min(element[1], len(offsets) - 1)]
        return line_and_column(self.text, offset)


def _elements(node: LexborNode) -> Iterator[LexborNode]:
    """Every element under ``node`` in document order, a template's content where it stands.

    A template's content is no part of the document tree, yet one line of script can
    clone it into the page: it is audited like the rest.
    """
    for element in node.traverse(include_text=False):
        if not element.is_element_node:
            continue
        yield element
        if element.tag == "template":
            for fragment in element.template_fragments():
                for child in fragment.iter(include_text=False):
                    yield from _subtree(child)


def _subtree(node: LexborNode) -> Iterator[LexborNode]:
    if node.is_element_node:
        yield from _elements(node)


class _PageAuditor:
    def __init__(self, where: str, allowlist: ScriptAllowlist, text: str) -> None:
        self.where = where
        self.allowlist = allowlist
        self.page = PageAudit([], set(), [], [], [])
        self.ids: dict[str, tuple[str, int]] = {}  # each id's first element
        self.source = _Source(text)
        self.here = ("", 0)  # the element being judged, as _Source counts it

    def add(self, subject: str, code: str, **values: Any) -> None:
        line, column = self.source.position(self.here)
        self.page.findings.append(
            messages.problem(code, self.where, line, column, subject, **values)
        )

    def block(self, tag: str, code: str, **values: Any) -> None:
        # The wording names the element: no subject before it.
        line, column = self.source.position(self.here)
        self.page.blocked.append(
            messages.problem(code, self.where, line, column, "", tag=tag, **values)
        )

    def element(self, node: LexborNode) -> None:
        tag = node.tag or ""
        self.here = self.source.count(tag)
        attributes = node.attributes
        if not attributes and tag not in _SPECIAL:
            return
        values = {name.lower(): value or "" for name, value in attributes.items()}
        subject = f"<{tag}>"
        for name, value in values.items():
            if name.startswith("on"):
                self.add(subject, "site-event-handler", name=name)
                self.block(tag, "csp-event-handler", name=name)
            elif name in policy.URL_ATTRIBUTES:
                self.check_url(tag, name, value, values)
            elif name == "srcset" or name == "imagesrcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.check_url(tag, name, url, values)
            elif name == "style":
                self.block(tag, "csp-style-attribute")
                if "url(" in value.lower():
                    self.add(subject, "site-style-url")
        if "id" in values:
            self.check_id(values["id"])
        if tag in _EMBEDS:
            self.add(subject, "site-embed", tag=tag)
        elif tag == "base":
            self.add(subject, "site-base")
        elif tag == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv in ("refresh", "set-cookie"):
                self.add(subject, "site-http-equiv", equiv=equiv)
        elif tag == "script":
            self.script(values, node.text(deep=True))
        elif tag == "style":
            css = node.text(deep=True)
            self.page.styles.append(css)
            if "(" in css or "@" in css:
                line, column = self.source.position(self.here)
                self.page.findings += audit_css(css, self.where, line, column)
        elif tag.lower() in _ANIMATIONS:
            attribute = values.get("attributename", "").strip()
            if attribute.lower() in ("href", "xlink:href"):
                self.add(subject, "site-animated-link", attribute=attribute)

    def check_id(self, value: str) -> None:
        first = self.ids.get(value)
        if first is None:
            self.ids[value] = self.here
        else:
            first_line, first_column = self.source.position(first)
            at = {"first_line": first_line, "first_column": first_column}
            self.add(f'id="{value}"', "site-duplicate-id", **at)

    def check_url(self, tag: str, name: str, value: str, values: dict[str, str]) -> None:
        verdict = _judge_url(value)
        subject = f"<{tag}>"
        shown = value if len(value) <= 80 else value[:79] + "…"
        if verdict.kind == "scheme" and verdict.scheme in policy.DANGEROUS_SCHEMES:
            scheme = verdict.scheme
            self.add(subject, "site-dangerous-url", name=name, scheme=scheme, url=shown)
            if scheme == "javascript":
                self.block(tag, "csp-javascript-url", name=name)
            return
        if verdict.kind == "bad":
            self.add(subject, "site-unreadable-url", name=name, url=shown)
            return
        if verdict.kind == "site":
            return
        loads = name not in ("href", "cite", "longdesc") or (
            name.endswith("href") and tag.lower() in _SVG_LOADS
        )
        if tag == "link" and name == "href":
            rels = set(values.get("rel", "").lower().split())
            loads = bool(rels & _LOADING_RELS)
        if tag == "base" or (tag == "form" and name == "action") or name == "ping":
            loads = True
        if loads:
            self.add(subject, "site-foreign-load", name=name, url=shown)
        elif verdict.kind == "other-host":
            self.add(subject, "site-protocol-relative", name=name, url=shown)

    def script(self, values: dict[str, str], text: str) -> None:
        if "src" in values:
            if text.strip():
                self.add("<script>", "site-script-src-and-code")
            return
        kind = values.get("type", "").strip().lower()
        if kind in EXECUTABLE_TYPES:
            self.page.scripts.append(text)
            matched = self.allowlist.match(text)
            if matched is None:
                start = repr(text.strip()[:50])
                self.add("<script>", "site-inline-script", hash=csp_hash(text), start=start)
            else:
                self.page.used.add((matched[0].name, matched[1]))
        elif kind == "application/ld+json":
            problem = _jsonld_problem(text)
            if problem:
                self.add("<script>", problem[0], **problem[1])
        elif kind == "application/json" and values.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.add("<script>", "site-config-not-json")
        else:
            self.add("<script>", "site-script-type", kind=kind)


@dataclass(frozen=True)
class SiteAudit:
    findings: list[Problem]
    used: frozenset[tuple[str, str]]  # (allowlist entry, base URL) pairs the pages hold
    scripts: tuple[str, ...] = ()  # executable inline scripts, each once, as served
    styles: tuple[str, ...] = ()  # <style> elements, each once, as served
    blocked: tuple[Problem, ...] = ()  # inline code the CSP blocks and no hash can allow


def audit_page(text: str, where: str, allowlist: ScriptAllowlist) -> PageAudit:
    # Browsers turn CR LF and CR into LF before anything else (and hash what they
    # parse); so do we.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    auditor = _PageAuditor(where, allowlist, text)
    for node in parse_page(text):
        auditor.element(node)
    return auditor.page


def parse_page(text: str) -> Iterator[LexborNode]:
    """The page's elements as a browser that runs scripts builds them, in document order.

    Scripting on, as in such a browser: ``<noscript>`` holds raw text.
    """
    tree = LexborHTMLParser(text, scripting=True)
    if tree.root is not None:
        yield from _elements(tree.root)


def audit_search_index(text: str, where: str, allowlist: ScriptAllowlist) -> list[Problem]:
    """Findings in the search index's entries, which Material's search shows as HTML.

    Each entry's title and text reach the page through ``innerHTML``: an event
    handler or a ``javascript:`` link there runs as if it were in a page. Each
    finding names the entry (``docs[3].title``) and the element.
    """
    try:
        docs = json.loads(text).get("docs", [])
    except (ValueError, AttributeError):
        return []  # not an index Material can read either: nothing is shown
    findings = []
    for index, doc in enumerate(docs if isinstance(docs, list) else []):
        for field in ("title", "text"):
            value = doc.get(field) if isinstance(doc, dict) else None
            if not isinstance(value, str) or "<" not in value:
                continue
            for problem in audit_page(value, where, allowlist).findings:
                at = f"docs[{index}].{field} {problem.field}"
                findings.append(replace(problem, line=0, column=0, field=at))
    return findings


def run_site_audit(site_dir: Path, allowlist: ScriptAllowlist | None = None) -> SiteAudit:
    """Read every page of the site once: the audit's findings and the inline code."""
    allowlist = allowlist or load_allowlist()
    findings: list[Problem] = []
    blocked: list[Problem] = []
    used: set[tuple[str, str]] = set()
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    if not site_dir.is_dir():  # an audit of nothing must not pass
        findings.append(messages.problem("site-missing", site_dir.name, 0, 0, ""))
    for path in sorted(site_dir.rglob("*")):
        where = f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}"
        if path.is_symlink():  # whatever its name, a link serves what lies outside the site
            findings.append(messages.problem("site-not-regular-file", where, 0, 0, ""))
            continue
        kind = path.suffix.lower()
        if kind not in _AUDITED and path.name != _SEARCH_INDEX:
            continue
        if not path.is_file():
            findings.append(messages.problem("site-not-regular-file", where, 0, 0, ""))
            continue
        if kind in (".svg", ".xhtml", ".xml"):  # browsers read these as XML
            findings += audit_svg(path.read_bytes(), where)
            if kind != ".xhtml":
                continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if kind == ".json":
            findings += audit_search_index(text, where, allowlist)
            continue
        if kind == ".css":
            findings += audit_css(text, where)
            continue
        page = audit_page(text, where, allowlist)
        findings += page.findings
        blocked += page.blocked
        used |= page.used
        scripts.update(dict.fromkeys(page.scripts))
        styles.update(dict.fromkeys(page.styles))
    return SiteAudit(findings, frozenset(used), tuple(scripts), tuple(styles), tuple(blocked))
