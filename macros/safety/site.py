"""Layer 3: audit every HTML file of a built site before it is published.

Whatever slipped past the data rules and the field audit (a theme value, a
hand-written page, a template change) is caught here, in the HTML readers
get: inline scripts that are not on the project's allowlist, event-handler
attributes, ``javascript:``/``data:``/``vbscript:`` URLs, ``<meta
http-equiv="refresh">``, anything that loads from another host, frames and
plugins, ``<base>``, and duplicate element ids. Each finding names the file,
line and column, and is worded by the catalogue (``macros/messages.py``).

The same single reading of each page also collects what the response headers
need (:mod:`macros.publish.headers`): the inline scripts and styles as served,
and the inline code the Content-Security-Policy blocks with no hash to allow it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from macros import messages
from macros.problems import Problem
from macros.safety import policy
from macros.safety.allowlist import (
    ALLOWLIST_PATH,
    ScriptAllowlist,
    allowed_script_hashes,
    csp_hash,
    load_allowlist,
)

__all__ = [
    "ALLOWLIST_PATH",
    "PageAudit",
    "SiteAudit",
    "allowed_script_hashes",
    "audit_page",
    "csp_hash",
    "load_allowlist",
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
_HANDLER_IN_TAG = re.compile(r"""[\s/"'](on[a-z]+)\s*=""", re.I)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


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


class _PageAuditor(HTMLParser):
    def __init__(self, where: str, allowlist: ScriptAllowlist) -> None:
        super().__init__(convert_charrefs=True)  # <script> and <style> text stays as served
        self.where = where
        self.allowlist = allowlist
        self.page = PageAudit([], set(), [], [], [])
        self.ids: dict[str, tuple[int, int]] = {}
        self._script: tuple[int, int, dict[str, str], list[str]] | None = None
        self._style: list[str] | None = None

    def add(self, line: int, column: int, subject: str, code: str, **values: Any) -> None:
        self.page.findings.append(
            messages.problem(code, self.where, line, column, subject, **values)
        )

    def block(self, line: int, column: int, tag: str, code: str, **values: Any) -> None:
        # The wording names the element: no subject before it.
        self.page.blocked.append(
            messages.problem(code, self.where, line, column, "", tag=tag, **values)
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        column = offset + 1
        values = {name: value or "" for name, value in attrs}
        subject = f"<{tag}>"
        raw = self.get_starttag_text() or ""
        seen = set()
        for name, value in attrs:
            seen.add(name)
            value = value or ""
            if name.startswith("on"):
                self.add(line, column, subject, "site-event-handler", name=name)
                self.block(line, column, tag, "csp-event-handler", name=name)
            elif name in policy.URL_ATTRIBUTES:
                self.check_url(line, column, tag, name, value, values)
            elif name == "srcset" or name == "imagesrcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.check_url(line, column, tag, name, url, values)
            elif name == "style":
                self.block(line, column, tag, "csp-style-attribute")
                if "url(" in value.lower():
                    self.add(line, column, subject, "site-style-url")
        # Quoted values cannot hold a handler: look past them, only when there may be one.
        if _HANDLER_IN_TAG.search(raw):
            for match in _HANDLER_IN_TAG.finditer(_QUOTED.sub('""', raw)):
                if match.group(1).lower() not in seen:
                    self.add(line, column, subject, "site-event-handler", name=match.group(1))
        if "id" in values:
            self.check_id(line, column, values["id"])
        if tag in _EMBEDS:
            self.add(line, column, subject, "site-embed", tag=tag)
        elif tag == "base":
            self.add(line, column, subject, "site-base")
        elif tag == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv in ("refresh", "set-cookie"):
                self.add(line, column, subject, "site-http-equiv", equiv=equiv)
        elif tag == "script":
            self._script = (line, column, values, [])
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def check_id(self, line: int, column: int, value: str) -> None:
        first = self.ids.get(value)
        if first is None:
            self.ids[value] = (line, column)
        else:
            at = {"first_line": first[0], "first_column": first[1]}
            self.add(line, column, f'id="{value}"', "site-duplicate-id", **at)

    def check_url(
        self, line: int, column: int, tag: str, name: str, value: str, values: dict[str, str]
    ) -> None:
        verdict = _judge_url(value)
        subject = f"<{tag}>"
        shown = value if len(value) <= 80 else value[:79] + "…"
        if verdict.kind == "scheme" and verdict.scheme in policy.DANGEROUS_SCHEMES:
            scheme = verdict.scheme
            self.add(
                line, column, subject, "site-dangerous-url", name=name, scheme=scheme, url=shown
            )
            if scheme == "javascript":
                self.block(line, column, tag, "csp-javascript-url", name=name)
            return
        if verdict.kind == "bad":
            self.add(line, column, subject, "site-unreadable-url", name=name, url=shown)
            return
        if verdict.kind == "site":
            return
        loads = name != "href" and name not in ("cite", "longdesc")
        if tag == "link" and name == "href":
            rels = set(values.get("rel", "").lower().split())
            loads = bool(rels & _LOADING_RELS)
        if tag == "base" or (tag == "form" and name == "action") or name == "ping":
            loads = True
        if loads:
            self.add(line, column, subject, "site-foreign-load", name=name, url=shown)
        elif verdict.kind == "other-host":
            self.add(line, column, subject, "site-protocol-relative", name=name, url=shown)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[3].append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            self.page.styles.append("".join(self._style))
            self._style = None
        if tag != "script" or self._script is None:
            return
        line, column, values, parts = self._script
        self._script = None
        text = "".join(parts)
        if "src" in values:
            if text.strip():
                self.add(line, column, "<script>", "site-script-src-and-code")
            return
        kind = values.get("type", "").strip().lower()
        if kind in EXECUTABLE_TYPES:
            self.page.scripts.append(text)
            matched = self.allowlist.match(text)
            if matched is None:
                start = repr(text.strip()[:50])
                self.add(
                    line, column, "<script>", "site-inline-script", hash=csp_hash(text), start=start
                )
            else:
                self.page.used.add((matched[0].name, matched[1]))
        elif kind == "application/ld+json":
            problem = _jsonld_problem(text)
            if problem:
                self.add(line, column, "<script>", problem[0], **problem[1])
        elif kind == "application/json" and values.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.add(line, column, "<script>", "site-config-not-json")
        else:
            self.add(line, column, "<script>", "site-script-type", kind=kind)


@dataclass(frozen=True)
class SiteAudit:
    findings: list[Problem]
    used: frozenset[tuple[str, str]]  # (allowlist entry, base URL) pairs the pages hold
    scripts: tuple[str, ...] = ()  # executable inline scripts, each once, as served
    styles: tuple[str, ...] = ()  # <style> elements, each once, as served
    blocked: tuple[Problem, ...] = ()  # inline code the CSP blocks and no hash can allow


def audit_page(text: str, where: str, allowlist: ScriptAllowlist) -> PageAudit:
    auditor = _PageAuditor(where, allowlist)
    # Browsers turn CR LF and CR into LF before anything else (and hash what they
    # parse); so do we.
    auditor.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    auditor.close()
    return auditor.page


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
    for path in sorted(site_dir.rglob("*.html")):
        where = f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}"
        if path.is_symlink() or not path.is_file():
            findings.append(messages.problem("site-not-regular-file", where, 0, 0, ""))
            continue
        page = audit_page(path.read_text(encoding="utf-8", errors="replace"), where, allowlist)
        findings += page.findings
        blocked += page.blocked
        used |= page.used
        scripts.update(dict.fromkeys(page.scripts))
        styles.update(dict.fromkeys(page.styles))
    return SiteAudit(findings, frozenset(used), tuple(scripts), tuple(styles), tuple(blocked))
