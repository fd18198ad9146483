"""Hand-written pages under content/, under the rules of data text (issue 21, part 2).

A Markdown page in content/ reaches readers as MkDocs renders it, so it is held
to what a data text may produce, at the page's own ``file:line:col``:

- **Raw HTML** outside code (``<script>``, ``<img onerror>``, ``<iframe>``,
  ``<style>``, comments, ``<!-->`` and other parser tricks) is refused with the
  catalogue's ``content-raw-html``: a page is Markdown. Every tag the text rules
  find (:func:`macros.safety.grammar.markdown_issues`) is a candidate, code or not,
  and counts only when the rendered page holds it as HTML (:func:`_raw_on_page`):
  code (fenced, indented, inline) escapes it, so code stays verbatim, and a code
  span the rules would pair otherwise than Markdown does hides nothing.
- **Attribute lists** (``{: onclick=...}``) and **images** from anywhere but
  /assets/ are refused as in data text; **links** (inline, autolinks, reference
  definitions) must be https:// or a page of the site.
- **Front matter** (MkDocs' YAML block or MultiMarkdown ``Key: value`` lines,
  read exactly as MkDocs reads them) holds plain text: a value with a tag
  (``<b``, ``</``, ``<!``) or a character reference is refused at its line, since
  MkDocs and Material print ``title`` and ``description`` unescaped in the search
  index (shown as HTML) and would print them so in ``<title>``, the navigation and
  meta tags but for overrides/.
- **Invisible characters** (bidi overrides, zero-width and control characters) are
  refused as in data text, in the Markdown and in front-matter values.
- Then the page is rendered once with the site's Markdown settings and its HTML
  read by the data fields' auditor (:mod:`macros.safety.fragment`, page mode:
  headings and their permalinks allowed). What that finds and the rules above did
  not (one report per mistake) is reported at the page's first line of Markdown.

SVG and CSS files under content/ are read as the site audit reads them once built
(:mod:`macros.safety.assets`), so validate and lint refuse a script in an SVG or an
``@import`` from another host too. Symbolic links and file types are the file
checks' (:mod:`macros.safety.files`).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros import messages
from macros.data.document import display_path
from macros.data.text_rules import blank_code
from macros.problems import Problem, line_and_column
from macros.render.markdown import MarkdownFactory
from macros.safety import policy
from macros.safety.assets import audit_css, audit_svg
from macros.safety.files import published
from macros.safety.fragment import fragment_problems
from macros.safety.grammar import block_character_issues, markdown_issues, one_line_issues

# MkDocs' own front-matter patterns (mkdocs.utils.meta, 1.6): a test compares the two.
_YAML_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")

# Markup in a front-matter value: what starts a tag, a comment or a declaration, or a
# character reference (shown decoded in <title>, as written in the navigation). A '<'
# before a space or a digit ("a < b", "<3") starts nothing, in HTML as in Markdown.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;)")
# Links in a page's Markdown (code already blanked).
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.M)
# A declaration's or comment's opening, as Python-Markdown's block parser tells them apart.
_OPENING = re.compile(r"<!(?:--|\[?[A-Za-z]*\[?)")
# A fenced code block's opening with braces ("```{.python #id data-x=1}"), at any indent
# (superfences opens fences inside lists and admonitions too).
_FENCE_ATTRIBUTES = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[^`\n{]*(\{[^\n]*\})", re.M)
# Written into each raw-HTML candidate to see what the page makes of it.
_MARK = "zqmark"
# What the data rules refuse that a page may use: its own structure and definitions.
_PAGE_ALLOWS = frozenset({"lone-brace", "reference-definition", "abbreviation", "heading"})


@dataclass(frozen=True)
class Value:
    key: str  # as shown: title, extra.summary
    text: str
    line: int
    column: int


def page_files(docs_dir: Path, suffixes: tuple[str, ...] = (".md",)) -> list[Path]:
    """Every Markdown page (or file of ``suffixes``) MkDocs would publish from
    ``docs_dir``: regular files only (the file checks report links), sorted."""
    pages = []
    for folder, dirs, files in os.walk(docs_dir):  # never follows a link
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if (
                name.lower().endswith(suffixes)
                and not path.is_symlink()
                and path.is_file()
                and published(path.relative_to(docs_dir))
            ):
                pages.append(path)
    return pages


def front_matter(text: str) -> tuple[int, list[Value]]:
    """(where the Markdown starts, every front-matter text value), as MkDocs reads them.

    The Markdown starts at a character offset; the front matter before it is not Markdown.
    """
    found = _YAML_FRONT.match(text)
    if found:
        try:  # loaded as MkDocs loads it: a tag it cannot build voids the front matter too
            data = yaml.load(found.group(1), Loader=yaml.CSafeLoader)
            node = yaml.compose(found.group(1), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            return 0, []  # MkDocs then renders the block as Markdown
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            return 0, []
        values: list[Value] = []
        _scalars(node, "", values, text.count("\n", 0, found.start(1)))
        return found.end(), values
    values = []
    offset = 0
    key = ""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        number = text.count("\n", 0, offset) + 1
        if line.strip() == "":
            break
        meta = _META.match(line)
        if meta:
            key = meta.group("key").lower()
            values.append(Value(key, meta.group("value"), number, meta.start("value") + 1))
        else:
            more = _META_MORE.match(line)
            if not (more and key):
                break
            values.append(Value(key, more.group("value"), number, more.start("value") + 1))
        offset += len(line) + 1
    return (min(offset, len(text)) if values else 0), values


def _scalars(node: yaml.Node, key: str, out: list[Value], lines_before: int) -> None:
    if isinstance(node, yaml.ScalarNode):
        if isinstance(node.value, str):
            mark = node.start_mark
            out.append(Value(key, node.value, mark.line + 1 + lines_before, mark.column + 1))
    elif isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            shown = str(name.value) if isinstance(name, yaml.ScalarNode) else "?"
            _scalars(value, f"{key}.{shown}" if key else shown, out, lines_before)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _scalars(item, f"{key}[{index}]", out, lines_before)


def _problem(
    code: str, shown: str, at: tuple[int, int], field: str, values: dict[str, Any]
) -> Problem:
    """Catalogue entry ``code`` at ``shown:line:col`` (its values may hold a 'column')."""
    message = messages.CORE[code]
    said, hint = message.text.format(**values), message.hint.format(**values)
    return Problem(shown, *at, field, said, hint, message.severity, code=code)


def _link_allowed(url: str) -> bool:
    """An https:// address or a page of the site, judged as the browser reads the href
    Markdown writes (``javascript&#58;`` is ``javascript:``)."""
    url = html.unescape(url)
    if not url or url.startswith("#"):
        return True
    return policy.judge_url(url).kind in ("site", "https")


def page_problems(text: str, shown: str, site: MarkdownFactory) -> list[Problem]:
    """Every problem of one page's text (``shown``: its path as messages name it)."""
    text = text.removeprefix("\ufeff")
    problems: list[Problem] = []
    start, values = front_matter(text)
    for value in values:
        for issue in one_line_issues(value.text)[:1]:  # a title's bidi override, a NUL
            at = (value.line, value.column)
            problems.append(_problem(issue.code, shown, at, value.key, issue.values))
        if _MARKUP.search(value.text):
            problems.append(
                messages.problem(
                    "front-matter-markup",
                    shown,
                    value.line,
                    value.column,
                    value.key,
                    text=_short(value.text),
                )
            )
    # The Markdown, with the front matter blanked so that offsets are the file's.
    body = re.sub(r"[^\n]", " ", text[:start]) + text[start:]
    prose = blank_code(body)
    found: list[tuple[int, str, dict[str, Any]]] = []
    if "<" in prose:
        for match in _AUTOLINK.finditer(prose):
            if not _link_allowed(match.group(1)):
                found.append((match.start(), "content-link", {"url": match.group(1)}))
        prose_for_rules = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose)
    else:
        prose_for_rules = prose
    # A fence's braces set attributes of the code block (pymdownx.superfences): an id
    # that collides with the page's own, data-* attributes. The code itself stays code.
    fences = {m.start(1): m.group(1) for m in _FENCE_ATTRIBUTES.finditer(body, start)}
    found += [(at, "content-fence-attributes", {"braces": b}) for at, b in fences.items()]
    for issue in markdown_issues(prose_for_rules):
        if issue.code in _PAGE_ALLOWS or issue.code == "raw-html" or issue.offset in fences:
            continue  # (a fence indented in a list is not blanked as code: told once)
        found.append((issue.offset, issue.code, issue.values))
    # Raw HTML: every tag written anywhere, code or not (a code span the text rules pair
    # otherwise than Markdown does must not hide one); the rendered page tells which.
    rendered = None  # the page rendered, when no tag was raw (markers only in code then)
    if "<" in body:
        written = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), body)
        tags = [i for i in markdown_issues(written) if i.code == "raw-html"]
        raw, rendered = _raw_on_page(body[start:], start, [tag.offset for tag in tags], site)
        for tag in tags:
            if tag.offset in raw:  # else escaped on the page: code, shown as written
                found.append((tag.offset, "content-raw-html", tag.values))
    for issue in block_character_issues(body):  # as in data text (code included)
        found.append((issue.offset, issue.code, issue.values))
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(prose):
            if not _link_allowed(match.group(1)):
                found.append((match.start(1), "content-link", {"url": match.group(1)}))
    for offset, code, found_values in sorted(found, key=lambda item: item[0]):
        line, column = line_and_column(text, offset)
        filled = {"column": column, **found_values}  # "… at column …" of a character
        problems.append(_problem(code, shown, (line, column), "", filled))
    if not found:  # the rendered page: what the rules above let through
        first = len(text) - len(text[start:].lstrip("\n"))  # MkDocs drops blank lines
        line = text.count("\n", 0, first) + 1
        if rendered is None:
            rendered = site.convert(body[start:])
        for problem in fragment_problems(rendered, page=True):
            problems.append(messages.problem("content-html", shown, line, 1, problem=problem))
    return problems


def _raw_on_page(
    markdown: str, start: int, offsets: list[int], site: MarkdownFactory
) -> tuple[set[int], str | None]:
    """The offsets (in the file) of the tags that reach the page as HTML.

    The text rules see a ``<tag`` wherever one is written outside fenced code and code
    spans; Python-Markdown also escapes it in an indented code block. So a marker is
    written into each candidate, just after its opening (``<s|cript``, ``</|b``,
    ``<!--|``, ``<!DOCTYPE|``: a line that started with ``<`` still does), and the
    Markdown rendered once: the opening and its marker as written is raw HTML; the
    same after ``&lt;`` was code. Also returns the rendered page when no tag was raw
    (its markers then sit in code, as text), for the audit of the rendered page.
    """
    if not offsets:
        return set(), None
    marked = markdown
    openings = {}
    for number, offset in sorted(enumerate(offsets), key=lambda item: -item[1]):
        at = offset - start
        opening = _OPENING.match(markdown, at)
        cut = opening.end() - at if opening else 2
        openings[number] = markdown[at : at + cut] + f"{_MARK}{number}q"
        marked = marked[:at] + openings[number] + marked[at + cut :]
    page = site.convert(marked)
    raw = {offset for number, offset in enumerate(offsets) if openings[number] in page}
    return raw, None if raw else page


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def content_problems(docs_dir: Path | None, root: Path, site: MarkdownFactory) -> list[Problem]:
    """Every problem of the Markdown pages under ``docs_dir`` (content/), by file, and of
    its SVG and CSS files, read as the site audit reads them once built
    (:mod:`macros.safety.assets`): refused before the build, by every entry point."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    problems: list[Problem] = []
    for path in page_files(docs_dir, (".svg", ".css")):
        shown = display_path(path, root)
        if path.suffix.lower() == ".svg":
            problems += audit_svg(path.read_bytes(), shown)
        else:
            problems += audit_css(path.read_text(encoding="utf-8", errors="replace"), shown)
    for path in page_files(docs_dir):
        shown = display_path(path, root)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = f"{data[exc.start]:02x}"
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - data.rfind(b"\n", 0, exc.start)
            problems.append(messages.problem("content-not-utf8", shown, line, column, byte=byte))
            continue
        # As MkDocs reads it: universal newlines (a CRLF page has front matter too).
        problems += page_problems(text.replace("\r\n", "\n").replace("\r", "\n"), shown, site)
    return problems
