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

from macros.data.model import PROFILE_ROW_IDS, Dataset, Framework, Release, TableRow
from macros.preview import errorpage
from macros.problems import Problem, count_text
from macros.render.tables import (
    cell,
    cell_html,
    cited_in_order,
    lift_fragments,
    needs_markdown,
    number_citations,
    relative_url,
    table_markdown,
)

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class Page:
    src_uri: str  # e.g. "index.md", "comparison.md"
    markdown: str
    # Pages per framework and per pair stay out of the navigation, so adding a
    # framework does not make every page render an entry for every other page.
    in_nav: bool = True
    # Finished HTML blocks kept out of Markdown's way; `markdown` holds a
    # marker (fragment_marker) where each goes back after conversion.
    fragments: tuple[str, ...] = ()


def pair_uri(a: Framework, b: Framework) -> str:
    return f"compare/{a.id}-vs-{b.id}.md"


def pairs(frameworks: Sequence[Framework]) -> list[tuple[Framework, Framework]]:
    """Every unordered pair once, in display order."""
    return [(a, b) for i, a in enumerate(frameworks) for b in frameworks[i + 1 :]]


def long_date(value: str) -> str:
    """'2026-11-24' -> '24 November 2026' (unambiguous for every reader)."""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def release_text(release: Release | None) -> str:
    if release is None:
        return "—"
    when = long_date(release.date)
    if release.version is None:
        return f"{when}[^{release.source}]"
    return f"{release.version} ({when})[^{release.source}]"


def html_text(value: Any) -> str:
    """Plain text for an HTML attribute or element that Markdown won't process."""
    return str(escape(str(value)))


def profile_rows(frameworks: Sequence[Framework]) -> tuple[TableRow, ...]:
    """Feature-table rows built from framework profiles ("at a glance")."""

    def row(row_id: str, label: str, values: dict[str, str]) -> TableRow:
        assert row_id in PROFILE_ROW_IDS, row_id
        return TableRow(row_id, label, values, None)

    return (
        row(
            "first-release",
            "First release",
            {f.id: release_text(f.first_release) for f in frameworks},
        ),
        row(
            "latest-release",
            "Latest release",
            {f.id: release_text(f.latest_release) for f in frameworks},
        ),
        row(
            "lts-release",
            "Long-term support release",
            {f.id: release_text(f.lts_release) for f in frameworks},
        ),
        row("licence", "Licence", {f.id: f.licence for f in frameworks}),
        row("governance", "Governance", {f.id: f.governance for f in frameworks}),
        row("python", "Supported Python", {f.id: f.python for f in frameworks}),
        row(
            "links",
            "Links",
            {
                f.id: f"[Home page]({f.homepage}) · [Documentation]({f.docs}) · "
                f"[Source code]({f.repository})"
                for f in frameworks
            },
        ),
    )


def make_environment(
    template_dirs: Iterable[Path] = (), cache_dir: Path | None = None
) -> jinja2.Environment:
    cache = None
    if cache_dir is not None:
        # Compiling the templates costs more than the rest of the plugin's work.
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    env = jinja2.Environment(
        bytecode_cache=cache,
        extensions=["jinja2.ext.do"],
        loader=jinja2.FileSystemLoader([*map(str, template_dirs), str(TEMPLATE_DIR)]),
        # Output is Markdown, not HTML: data text is Markdown checked to hold no
        # raw HTML (macros.data.text_rules); use |html in HTML-only spots.
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["html"] = html_text
    env.filters["release"] = release_text
    env.filters["cell"] = cell
    env.filters["needs_markdown"] = needs_markdown
    env.filters["table_markdown"] = table_markdown
    return env


class Renderer:
    def __init__(
        self,
        dataset: Dataset,
        template_dirs: Iterable[Path] = (),
        cache_dir: Path | None = None,
        directory_urls: bool = True,
    ) -> None:
        self.data = dataset
        self.env = make_environment(template_dirs, cache_dir)
        self.env.globals["url"] = lambda target, source: relative_url(
            target, source, directory_urls
        )
        self.env.filters["inline"] = lambda text: cell_html(text) or html_text(text)

    def render(self, template: str, **context: Any) -> str:
        page = self.env.get_template(template)
        body = page.render(data=self.data, site=self.data.site, **context)
        cited = cited_in_order(body)
        if not cited:
            return body
        body = number_citations(body, cited)
        sources = [self.data.sources[source_id] for source_id in cited]
        return (
            body.rstrip("\n")
            + "\n\n"
            + self.env.get_template("footnotes.md.j2").render(sources=sources)
        )

    def pages(self) -> list[Page]:
        return [self.finish(page) for page in self.draft_pages()]

    def finish(self, page: Page) -> Page:
        markdown, fragments = lift_fragments(page.markdown)
        return Page(page.src_uri, markdown, page.in_nav, fragments)

    def draft_pages(self) -> list[Page]:
        data = self.data
        featured = data.featured
        everyone = data.frameworks
        rows = profile_rows(everyone) + data.table_rows
        uris = {}
        for a, b in pairs(everyone):
            uris[(a.id, b.id)] = uris[(b.id, a.id)] = pair_uri(a, b)
        # Each framework's texts are indexed once, on its own page; pair pages
        # only repeat verdicts, so search skips them.
        pair_pages = (
            [
                Page(
                    pair_uri(a, b),
                    self.render(
                        "pair.md.j2",
                        a=a,
                        b=b,
                        searchable=False,
                        src_uri=pair_uri(a, b),
                        rows=profile_rows((a, b)) + data.table_rows,
                    ),
                    in_nav=False,
                )
                for a, b in pairs(everyone)
            ]
            if len(everyone) > 2
            else []
        )
        framework_pages = (
            [
                Page(
                    f"frameworks/{fw.id}.md",
                    # The featured pair's texts are already indexed on the article.
                    self.render(
                        "framework.md.j2",
                        fw=fw,
                        profile_rows=profile_rows((fw,)),
                        pair_uris=uris,
                        searchable=fw not in featured,
                    ),
                    in_nav=False,
                )
                for fw in everyone
            ]
            if len(everyone) > 2
            else []
        )
        many = [Page("compare/index.md", self.render("compare_index.md.j2", pair_uris=uris))]
        return [
            Page(
                "index.md",
                self.render(
                    "article.md.j2",
                    frameworks=featured,
                    dimensions=data.dimensions,
                    profile_rows=profile_rows(featured),
                ),
            ),
            Page("comparison.md", self.render("comparison.md.j2", frameworks=everyone, rows=rows)),
            Page("faq.md", self.render("faq.md.j2", frameworks=featured)),
            *(
                [Page("decide.md", self.render("decide.md.j2", frameworks=everyone))]
                if data.decision
                else []
            ),
            *((many + framework_pages + pair_pages) if len(everyone) > 2 else []),
        ]


def render_problems(
    problems: Sequence[Problem], template_dirs: Iterable[Path] = (), root: Path | None = None
) -> str:
    """A Markdown page that lists data problems (the preview's error page).

    Each file named by a problem is read from ``root`` so the page can show
    the offending lines with the spot marked (see macros.preview.errorpage).
    """
    lines: dict[str, list[str]] = {}
    for problem in problems:
        if root is not None and problem.path not in lines:
            lines[problem.path] = errorpage.read_lines(root / problem.path)
    env = make_environment(template_dirs)
    return env.get_template("errors.md.j2").render(
        problems=problems,
        files=errorpage.group(problems, lines),
        total=count_text(problems),
    )
