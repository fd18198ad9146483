"""Layer 3: audit every HTML file of a built site before it is published.

Whatever slipped past the data rules and the field audit (a theme value, a
hand-written page, a template change) is caught here, in the HTML readers
get: inline scripts that are not on the project's allowlist, event-handler
attributes, ``javascript:``/``data:``/``vbscript:`` URLs, ``<meta
http-equiv="refresh">``, anything that loads from another host, frames and
plugins, ``<base>``, and duplicate element ids. Each finding names the file,
line and column.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from macros.safety import policy
from macros.safety.findings import Finding

ALLOWLIST_PATH = Path(__file__).resolve().parent / "inline_scripts.toml"

# <script> types a browser runs; others are data blocks.
EXECUTABLE_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)
# A page's base URL as Material prints it: ".", "..", "../..", or an absolute path.
_BASE = r"(?:\.\.?(?:/\.\.)*|/[A-Za-z0-9._~/-]*)"
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
_HANDLER_IN_TAG = re.compile(r"""[\s/"'](on[a-z]+)\s*=""", re.I)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


@dataclass(frozen=True)
class AllowedScript:
    name: str
    source: str
    text: str  # may hold {base}
    pattern: re.Pattern[str]

    def render(self, base: str) -> str:
        return self.text.replace("{base}", base)


@dataclass(frozen=True)
class ScriptAllowlist:
    scripts: tuple[AllowedScript, ...]

    def match(self, text: str) -> tuple[AllowedScript, str] | None:
        """The entry ``text`` is, with the base URL it was rendered for."""
        for entry in self.scripts:
            found = entry.pattern.fullmatch(text)
            if found:
                return entry, found.group("base") if "{base}" in entry.text else ""
        return None


def load_allowlist(path: Path = ALLOWLIST_PATH) -> ScriptAllowlist:
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    entries = []
    for item in raw.get("script", []):
        text = str(item["text"])
        pattern = re.escape(text).replace(re.escape("{base}"), f"(?P<base>{_BASE})", 1)
        entries.append(
            AllowedScript(str(item["name"]), str(item["source"]), text, re.compile(pattern))
        )
    return ScriptAllowlist(tuple(entries))


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def allowed_script_hashes(
    allowlist: ScriptAllowlist, used: Iterable[tuple[str, str]] | None = None
) -> list[str]:
    """CSP hashes computed from the allowlist's own text, never from a page's.

    ``used`` holds (entry name, base URL) pairs, as :func:`run_site_audit`
    found them in the site; without it every entry is hashed for base ".".
    """
    by_name = {entry.name: entry for entry in allowlist.scripts}
    pairs = set(used) if used is not None else {(e.name, ".") for e in allowlist.scripts}
    return sorted({csp_hash(by_name[name].render(base)) for name, base in pairs})


def _jsonld_ok(text: str) -> str:
    """'' when ``text`` is JSON-LD our templates produce, else what is wrong."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return f"JSON-LD that is not JSON ({exc})"
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, dict) or item.get("@context") != "https://schema.org":
            return "JSON-LD that is not a schema.org object"
    if "</" in text or "<!--" in text:
        return "JSON-LD holding '</' or '<!--' (a script could end early)"
    return ""


class _PageAuditor(HTMLParser):
    def __init__(self, where: str, allowlist: ScriptAllowlist) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.allowlist = allowlist
        self.findings: list[Finding] = []
        self.ids: dict[str, tuple[int, int]] = {}
        self.used: set[tuple[str, str]] = set()
        self._script: tuple[int, int, dict[str, str], list[str]] | None = None

    def add(self, line: int, column: int, subject: str, message: str) -> None:
        self.findings.append(Finding(self.where, line, column, subject, message))

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
                self.add(line, column, subject, f"event handler {name}= (inline code runs)")
            elif name in policy.URL_ATTRIBUTES:
                self.check_url(line, column, tag, name, value, values)
            elif name == "srcset" or name == "imagesrcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.check_url(line, column, tag, name, url, values)
            elif name == "style" and "url(" in value.lower():
                self.add(line, column, subject, "style= with url() (loads a resource)")
        for match in _HANDLER_IN_TAG.finditer(_QUOTED.sub('""', raw)):
            if match.group(1).lower() not in seen:
                self.add(line, column, subject, f"event handler {match.group(1)}= in the tag")
        if "id" in values:
            self.check_id(line, column, values["id"])
        if tag in _EMBEDS:
            self.add(line, column, subject, f"<{tag}> embeds another document or a plugin")
        elif tag == "base":
            self.add(line, column, subject, "<base> changes where every relative link goes")
        elif tag == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv in ("refresh", "set-cookie"):
                self.add(line, column, subject, f'http-equiv="{equiv}" (redirects or sets state)')
        elif tag == "script":
            self._script = (line, column, values, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def check_id(self, line: int, column: int, value: str) -> None:
        first = self.ids.get(value)
        if first is None:
            self.ids[value] = (line, column)
        else:
            self.add(
                line,
                column,
                f'id="{value}"',
                f"duplicate element id (first at line {first[0]}, column {first[1]}): "
                "links to it reach only the first one",
            )

    def check_url(
        self, line: int, column: int, tag: str, name: str, value: str, values: dict[str, str]
    ) -> None:
        verdict = policy.judge_url(value)
        subject = f"<{tag}>"
        shown = value if len(value) <= 80 else value[:79] + "…"
        if verdict.kind == "scheme" and verdict.scheme in policy.DANGEROUS_SCHEMES:
            self.add(line, column, subject, f"{name}= with a {verdict.scheme}: URL ({shown})")
            return
        if verdict.kind == "bad":
            self.add(line, column, subject, f"{name}= holds an unreadable URL ({shown})")
            return
        if verdict.kind == "site":
            return
        loads = name != "href" and name not in ("cite", "longdesc")
        if tag == "link" and name == "href":
            rels = set(values.get("rel", "").lower().split())
            loads = bool(rels & _LOADING_RELS)
        if tag == "base" or (tag == "form" and name == "action"):
            loads = True
        if name == "ping":
            loads = True
        if loads:
            self.add(line, column, subject, f"{name}= loads from another host ({shown})")
        elif verdict.kind == "other-host":
            self.add(line, column, subject, f"{name}= is protocol-relative ({shown})")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[3].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        line, column, values, parts = self._script
        self._script = None
        if "src" in values:
            if "".join(parts).strip():
                self.add(line, column, "<script>", "a script with both src= and inline code")
            return
        text = "".join(parts)
        kind = values.get("type", "").strip().lower()
        if kind in EXECUTABLE_TYPES:
            matched = self.allowlist.match(text)
            if matched is None:
                self.add(
                    line,
                    column,
                    "<script>",
                    f"inline script not on the allowlist ({csp_hash(text)}; "
                    f"starts {text.strip()[:50]!r}): only the theme scripts listed in "
                    "macros/safety/inline_scripts.toml may run",
                )
            else:
                self.used.add((matched[0].name, matched[1]))
        elif kind == "application/ld+json":
            problem = _jsonld_ok(text)
            if problem:
                self.add(line, column, "<script>", problem)
        elif kind == "application/json" and values.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.add(line, column, "<script>", "Material's __config is not JSON")
        else:
            self.add(line, column, "<script>", f'unknown script type "{kind}"')


@dataclass(frozen=True)
class SiteAudit:
    findings: list[Finding]
    used: frozenset[tuple[str, str]]  # (allowlist entry, base URL) pairs the pages hold


def audit_page(
    text: str, where: str, allowlist: ScriptAllowlist
) -> tuple[list[Finding], set[tuple[str, str]]]:
    auditor = _PageAuditor(where, allowlist)
    # Browsers turn CR LF and CR into LF before anything else; so do we.
    auditor.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    auditor.close()
    return auditor.findings, auditor.used


def run_site_audit(site_dir: Path, allowlist: ScriptAllowlist | None = None) -> SiteAudit:
    allowlist = allowlist or load_allowlist()
    findings: list[Finding] = []
    used: set[tuple[str, str]] = set()
    for path in sorted(site_dir.rglob("*.html")):
        where = f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}"
        if path.is_symlink() or not path.is_file():
            findings.append(Finding(where, 0, 0, "", "not a regular file (a link?)"))
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found, on_page = audit_page(text, where, allowlist)
        findings += found
        used |= on_page
    return SiteAudit(findings, frozenset(used))


def audit_site(site_dir: Path, allowlist: ScriptAllowlist | None = None) -> list[Finding]:
    """Layer 3: every finding in the built site's HTML files; [] when it may be published."""
    return run_site_audit(site_dir, allowlist).findings
