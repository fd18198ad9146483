"""Links within the site ('/comparison.md#orm') point at a page and anchor that exist.

The build checks this too, but names the generated page; this check names the
data file, line and column. Pages and anchors come from rendering the data
with the site's own templates, so they cannot drift from what is published.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from markdown.extensions.toc import slugify

from macros.data.document import FieldPath
from macros.data.text_rules import blank_code
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.lint.texts import markdown_fields
from macros.problems import Problem
from macros.render.pages import Renderer
from macros.render.tables import restore_fragments

_INLINE = re.compile(r"\]\(\s*<?(/[^\s)>]*)")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(/[^\s>]*)", re.M)
# (?=[{i]): both forms start with one of these, so the engine skips other characters.
_EXPLICIT_ID = re.compile(
    r"(?=[{i])(?:\{\s*:?[^}\n]*?#([A-Za-z0-9_-]+)[^}\n]*\}|\bid=\"([^\"]+)\")"
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_SITE_LINK = re.compile(r"/[A-Za-z0-9_./-]*\.md(#[A-Za-z0-9_-]+)?")


def anchors(markdown: str) -> set[str]:
    """The link anchors a Markdown page defines: explicit ids and heading slugs."""
    return set(_anchors(markdown))


# The preview checks every page's links on every save, and a save changes one or two
# pages: each page's anchors are kept (a pure function of its Markdown).
@lru_cache(maxsize=2048)
def _anchors(markdown: str) -> frozenset[str]:
    found = {a or b for a, b in _EXPLICIT_ID.findall(markdown)}
    for match in _HEADING.finditer(markdown):
        heading = match.group(1)
        if "{" not in heading:
            text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
            found.add(slugify(text, "-"))
    return frozenset(found)


def site_pages(ctx: LintContext) -> dict[str, set[str]] | None:
    """Every page (by its Markdown path) with its anchors; None if the data has errors."""
    if ctx.dataset is None:
        return None
    rendered = ctx.pages if ctx.pages is not None else Renderer(ctx.dataset).pages()
    pages = {
        page.src_uri: anchors(restore_fragments(page.markdown, page.fragments)) for page in rendered
    }
    if ctx.docs_dir is not None and ctx.docs_dir.is_dir():
        for path in sorted(ctx.docs_dir.rglob("*.md")):
            uri = path.relative_to(ctx.docs_dir).as_posix()
            pages.setdefault(uri, anchors(path.read_text(encoding="utf-8", errors="replace")))
    return pages


def links(file: DataFile) -> Iterator[tuple[FieldPath, int, str]]:
    """(field, offset, link) for every link to this site in the file's text."""
    for path, text in markdown_fields(file):
        prose = blank_code(text)
        for regex in (_INLINE, _REF_DEF):
            for match in regex.finditer(prose):
                yield path, match.start(1), match.group(1)
    yield from _link_fields(file.value, ())


def _link_fields(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, int, str]]:
    if isinstance(value, str) and _SITE_LINK.fullmatch(value):
        yield path, 0, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _link_fields(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _link_fields(item, (*path, index))


def _suggest(wanted: str, known: list[str], fallback: str) -> str:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else fallback


class LinksCheck(Check):
    name = "links"
    description = "every link within the site points at a page and anchor that exist"
    messages: ClassVar[dict[str, Message]] = {
        "page": Message("the link '{link}' points to a page that does not exist", "{suggestion}"),
        "anchor": Message(
            "the link '{link}' points to '#{anchor}', which is not on {page}", "{suggestion}"
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        pages = site_pages(ctx)
        if pages is None:
            return []  # the schema check reports why the data does not load
        problems = []
        for file in ctx.files:
            for path, offset, link in links(file):
                page, _, anchor = link[1:].partition("#")
                page = page or "index.md"
                at = file.doc.locate(path, offset) if file.doc else (0, 0)
                if page not in pages:
                    suggestion = _suggest(
                        page,
                        sorted(pages),
                        "link to a page's Markdown file "
                        "from the site root, e.g. '/comparison.md#orm'",
                    )
                    problems.append(
                        self.problem(
                            "page",
                            file,
                            path,
                            at=at,
                            link=link,
                            suggestion=suggestion.replace("'", "'/", 1)
                            if suggestion.startswith("did")
                            else suggestion,
                        )
                    )
                elif anchor and anchor not in pages[page]:
                    suggestion = _suggest(
                        anchor,
                        sorted(pages[page]),
                        f"use one of the ids in data/ that {page} shows, "
                        "e.g. a table row's or a question's id",
                    )
                    problems.append(
                        self.problem(
                            "anchor",
                            file,
                            path,
                            at=at,
                            link=link,
                            anchor=anchor,
                            page=f"/{page}",
                            suggestion=suggestion,
                        )
                    )
        return problems


CHECK = LinksCheck()
