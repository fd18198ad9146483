"""Layer 3 for what a built site serves besides HTML: SVG files and CSS.

An SVG opened on its own is a document: its scripts run, its event handlers fire,
an ``<image href>`` loads, and an animation can turn a link into a ``javascript:``
URL. A stylesheet loads whatever its ``@import`` and ``url()`` name. Each is read
here with the rules :mod:`macros.safety.site` applies to pages, and each finding
names the file, line and column in the catalogue's words (``macros/messages.py``).

SVG is read as the browser reads an ``image/svg+xml`` file: as XML (expat). A file
that is not well-formed is refused; a browser would show an error, but the file has
no business on the site.
"""

from __future__ import annotations

import re
from typing import Any
from xml.parsers import expat

from macros import messages
from macros.problems import Problem, line_and_column
from macros.safety import policy

SVG_EMBEDS = frozenset({"iframe", "frame", "object", "embed", "applet", "portal"})
# Elements that fetch what href= names (a plain link, <a href>, does not).
_LOADING = frozenset({"image", "use", "feimage", "script", "tref", "cursor", "pattern", "filter"})
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
_XLINK = "http://www.w3.org/1999/xlink"

_PSEUDO_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9A-Fa-f]{1,6})[ \t\n]?|\\(.)", re.S)
# What a stylesheet fetches: url(...), @import "...", and image-set("...") strings.
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_IMAGE_SET = re.compile(r"""image-set\(([^)]*)\)""", re.I)
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")


def _unescape(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match.group(2)


def css_loads(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, url) of every fetch in a stylesheet that leaves the site.

    Comments are masked and escapes decoded first (``u\\72l(`` is ``url(``), as a
    browser's CSS tokenizer does; ``data:`` URLs stay (the theme's icons are ones).
    """
    text = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    if "\\" in text:
        text = _CSS_ESCAPE.sub(_unescape, text)
    found: list[tuple[int, str, str]] = []
    for pattern, what in ((_CSS_URL, "url()"), (_CSS_IMPORT, "@import")):
        for match in pattern.finditer(text):
            url = next((g for g in match.groups() if g is not None), "")
            found.append((match.start(), what, url))
    for match in _CSS_IMAGE_SET.finditer(text):
        for string in _CSS_STRING.finditer(match.group(1)):
            found.append((match.start(), "image-set()", string.group(1) or string.group(2) or ""))
    leaving = []
    for offset, what, url in sorted(found):
        verdict = policy.judge_url(url)
        if verdict.kind == "site" or (verdict.kind == "scheme" and verdict.scheme == "data"):
            continue
        leaving.append((offset, what, url))
    return leaving


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:79] + "…"


def audit_css(text: str, where: str, line: int = 0, column: int = 0) -> list[Problem]:
    """Findings for a stylesheet; ``line``/``column`` place a ``<style>`` element instead."""
    problems = []
    for offset, what, url in css_loads(text):
        at = (line, column) if line else line_and_column(text, offset)
        problems.append(messages.problem("site-css-load", where, *at, what, url=_shown(url)))
    return problems


class _SvgAuditor:
    def __init__(self, where: str) -> None:
        self.where = where
        self.findings: list[Problem] = []
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data
        self.parser.ProcessingInstructionHandler = self.instruction
        self.style: tuple[int, int, list[str]] | None = None
        self.view: list[tuple[str, dict[str, str]]] = []  # every element as judged

    def add(self, subject: str, code: str, **values: Any) -> None:
        line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1
        self.findings.append(messages.problem(code, self.where, line, column, subject, **values))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        subject = f"<{tag}>"
        lowered = tag.lower()
        values = {}
        for key, value in attributes.items():
            namespace, _, local = key.rpartition(" ")
            values["xlink:" + local if namespace == _XLINK else local] = value
        self.view.append((tag, values))
        for key, value in values.items():
            if key.lower().startswith("on"):
                self.add(subject, "site-event-handler", name=key)
            elif key in ("href", "xlink:href", "src"):
                self.check_url(subject, lowered, key, value)
            elif key == "style" and css_loads(value):
                self.add(subject, "site-style-url")
        if lowered == "script":
            self.add(subject, "site-svg-script")
        elif lowered in SVG_EMBEDS:
            self.add(subject, "site-embed", tag=tag)
        elif lowered in _ANIMATIONS:
            attribute = values.get("attributeName", "")
            if attribute.strip().lower() in ("href", "xlink:href"):
                self.add(subject, "site-animated-link", attribute=attribute.strip())
        elif lowered == "style":
            self.style = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1, [])

    def check_url(self, subject: str, tag: str, name: str, value: str) -> None:
        verdict = policy.judge_url(value)
        shown = _shown(value)
        if verdict.kind == "scheme" and verdict.scheme in policy.DANGEROUS_SCHEMES:
            if not (verdict.scheme == "data" and tag == "image"):  # an embedded bitmap
                self.add(subject, "site-dangerous-url", name=name, scheme=verdict.scheme, url=shown)
        elif verdict.kind == "bad":
            self.add(subject, "site-unreadable-url", name=name, url=shown)
        elif verdict.kind != "site" and (tag in _LOADING or name == "src"):
            self.add(subject, "site-foreign-load", name=name, url=shown)

    def instruction(self, target: str, data: str) -> None:
        # <?xml-stylesheet href="..."?> makes the browser fetch a stylesheet (or XSLT).
        if target.strip().lower() == "xml-stylesheet":
            for match in _PSEUDO_HREF.finditer(data):
                self.check_url("<?xml-stylesheet?>", "script", "href", match.group(2))

    def data(self, text: str) -> None:
        if self.style is not None:
            self.style[2].append(text)

    def end(self, name: str) -> None:
        if self.style is not None and name.rsplit(" ", 1)[-1].lower() == "style":
            line, column, parts = self.style
            self.style = None
            self.findings += audit_css("".join(parts), self.where, line, column)


def audit_svg(data: bytes, where: str) -> list[Problem]:
    """Findings for one SVG (or XML) file, read as a browser reads an XML document."""
    return _read_xml(data, where).findings


def xml_elements(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """Each element the audit judges in an XML document: its local name and attributes
    (an XLink attribute as ``xlink:name``, whatever its prefix)."""
    return _read_xml(data, "").view


def _read_xml(data: bytes, where: str) -> _SvgAuditor:
    auditor = _SvgAuditor(where)
    try:
        auditor.parser.Parse(data, True)
    except expat.ExpatError as exc:
        line, column = exc.lineno, exc.offset + 1
        error = expat.ErrorString(exc.code)
        auditor.findings.append(
            messages.problem("site-svg-not-xml", where, line, column, "", error=error)
        )
    return auditor
