"""Render the dataset into Markdown pages through Jinja templates.

Templates are files (``macros/templates``), searched after any folders the
site names, so a site can override one template without copying the rest.
They produce Markdown that the site's own Markdown pipeline then turns into
HTML: the data's Markdown fields get the same extensions, table of contents
and search indexing as hand-written pages. Only data goes through Jinja; data
values are inserted, never re-rendered, so ``{{ user.name }}`` in a code
sample stays verbatim.

Citations ``[^source-id]`` in the rendered page become footnotes: the
definitions are appended in order of first citation, which is the order the
footnotes extension numbers them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from macros import errorpage
from macros.model import PROFILE_ROW_IDS, Dataset, Framework, Release, TableRow
from macros.problems import Problem
from macros.textcheck import citations

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    src_uri: str  # e.g. "index.md", "comparison.md"
    markdown: str


def long_date(value: str) -> str:
    """'2026-11-24' -> '24 November 2026' (unambiguous for every reader)."""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def release_text(release: Release | None) -> str:
    if release is None:
        return "—"
    return f"{release.version} ({long_date(release.date)})[^{release.source}]"


def html_text(value: Any) -> str:
    """Plain text for an HTML attribute or element that Markdown won't process."""
    return str(escape(str(value)))


def profile_rows(frameworks: Sequence[Framework]) -> tuple[TableRow, ...]:
    """Feature-table rows built from framework profiles ("at a glance")."""

    def row(row_id: str, label: str, values: dict[str, str]) -> TableRow:
        assert row_id in PROFILE_ROW_IDS, row_id
        return TableRow(row_id, label, values, None)

    return (
        row("first-release", "First release",
            {f.id: release_text(f.first_release) for f in frameworks}),
        row("latest-release", "Latest release",
            {f.id: release_text(f.latest_release) for f in frameworks}),
        row("lts-release", "Long-term support release",
            {f.id: release_text(f.lts_release) for f in frameworks}),
        row("licence", "Licence", {f.id: f.licence for f in frameworks}),
        row("governance", "Governance", {f.id: f.governance for f in frameworks}),
        row("python", "Supported Python", {f.id: f.python for f in frameworks}),
        row("links", "Links", {f.id: f"[Home page]({f.homepage}) · [Documentation]({f.docs}) · "
                                     f"[Source code]({f.repository})" for f in frameworks}),
    )


def make_environment(template_dirs: Iterable[Path] = (),
                     cache_dir: Path | None = None) -> jinja2.Environment:
    cache = None
    if cache_dir is not None:
        # Compiling the templates costs more than the rest of the plugin's work.
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    env = jinja2.Environment(
        bytecode_cache=cache,
        loader=jinja2.FileSystemLoader([*map(str, template_dirs), str(TEMPLATE_DIR)]),
        # Output is Markdown, not HTML: data text is Markdown checked to hold no
        # raw HTML (macros.textcheck); use |html in HTML-only spots.
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["html"] = html_text
    env.filters["release"] = release_text
    return env


class Renderer:
    def __init__(self, dataset: Dataset, template_dirs: Iterable[Path] = (),
                 cache_dir: Path | None = None) -> None:
        self.data = dataset
        self.env = make_environment(template_dirs, cache_dir)

    def render(self, template: str, **context: Any) -> str:
        page = self.env.get_template(template)
        body = page.render(data=self.data, site=self.data.site, **context)
        cited = list(dict.fromkeys(source_id for _, source_id in citations(body)))
        if not cited:
            return body
        sources = [self.data.sources[source_id] for source_id in cited]
        return body.rstrip("\n") + "\n\n" + self.env.get_template("footnotes.md.j2").render(
            sources=sources)

    def pages(self) -> list[Page]:
        data = self.data
        featured = data.featured
        rows = profile_rows(featured) + data.table_rows
        return [
            Page("index.md", self.render("article.md.j2", frameworks=featured,
                                         dimensions=data.dimensions,
                                         profile_rows=profile_rows(featured))),
            Page("comparison.md", self.render("comparison.md.j2", frameworks=featured, rows=rows)),
            Page("faq.md", self.render("faq.md.j2", frameworks=featured)),
            *([Page("decide.md", self.render("decide.md.j2", frameworks=featured))]
              if data.decision else []),
        ]


def render_problems(problems: Sequence[Problem], template_dirs: Iterable[Path] = (),
                    root: Path | None = None) -> str:
    """A Markdown page that lists data problems (the preview's error page).

    Each file named by a problem is read from ``root`` so the page can show
    the offending lines with the spot marked (see macros.errorpage).
    """
    lines: dict[str, list[str]] = {}
    for problem in problems:
        if root is not None and problem.path not in lines:
            lines[problem.path] = errorpage.read_lines(root / problem.path)
    env = make_environment(template_dirs)
    return env.get_template("errors.md.j2").render(
        problems=problems, files=errorpage.group(problems, lines),
        total=errorpage.count_text(problems))
