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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from macros.data.model import Dataset
from macros.data.text_rules import citations
from macros.preview import errorpage
from macros.problems import Problem, count_text
from macros.render import report, wording
from macros.render.jsonld import plain_text
from macros.render.markdown import MarkdownFactory
from macros.render.page_sources import sources_by_page
from macros.render.pair_selection import dataset_pairs, pair_uri, pair_uris
from macros.render.rows import (
    long_date,
    profile_rows,
    release_text,
    status_html,
    status_legend,
    status_rank,
)
from macros.render.tables import (
    cell,
    cell_html,
    cited_in_order,
    finished_footnotes,
    lift_fragments,
    needs_markdown,
    number_citations,
    relative_url,
    table_markdown,
    topic_links,
)
from macros.sealed_cache import SealedBytecodeCache

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
ONE_PAGE = "one-page.md"  # the whole comparison, for reading offline and printing
CHANGELOG = "changelog.md"
__all__ = ["CHANGELOG", "ONE_PAGE", "Page", "Renderer", "long_date", "profile_rows", "release_text"]


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
    # The data files the page shows, relative to the data folder (macros.render.page_sources).
    sources: tuple[str, ...] = ()


def topic_uri(dimension_id: str) -> str:
    """A dimension's page: /<id>/ (macros.data.model.RESERVED_PAGE_IDS are taken)."""
    return f"{dimension_id}.md"


def group_anchor(page: str | None) -> str:
    """The anchor of a feature-table group: its topic page's id, or the profile rows'."""
    return "group-" + (page.removesuffix(".md") if page else "at-a-glance")


def html_text(value: Any) -> str:
    """Plain text for an HTML attribute or element that Markdown won't process."""
    return str(escape(str(value)))


def topic_url(dimension_id: str) -> str:
    """A Markdown link to a topic's page from the site's root (templates: topic_url(id))."""
    return "/" + topic_uri(dimension_id)


def make_environment(
    template_dirs: Iterable[Path] = (), cache_dir: Path | None = None
) -> jinja2.Environment:
    cache = None
    if cache_dir is not None:
        # Compiling the templates costs more than the rest of the plugin's work.
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = SealedBytecodeCache(str(cache_dir))
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
    env.filters.update(wording.FILTERS)
    env.globals.update(report.GLOBALS)
    env.globals["status_html"] = status_html
    env.globals["group_anchor"] = group_anchor
    env.globals["status_rank"] = status_rank
    env.globals["statuses"] = status_legend()
    return env


class Renderer:
    def __init__(
        self,
        dataset: Dataset,
        template_dirs: Iterable[Path] = (),
        cache_dir: Path | None = None,
        directory_urls: bool = True,
        markdown: MarkdownFactory | None = None,
    ) -> None:
        """``markdown``: the site's Markdown factory, for what the renderer converts itself
        (table cells, plain text); MkDocs' built-in extensions alone without one."""
        self.data = dataset
        site = markdown or MarkdownFactory()
        self.markdown = site
        self.env = make_environment(template_dirs, cache_dir)
        self.env.filters["cell"] = lambda value, *args: cell(value, site, *args)
        self.env.filters["needs_markdown"] = lambda values: needs_markdown(values, site)
        self.env.filters["table_markdown"] = lambda rows, *args: table_markdown(rows, site, *args)
        self.env.filters["plain"] = lambda text: " ".join(plain_text(text, site).split())
        self.env.globals["topic_url"] = topic_url
        self.env.globals["url"] = lambda target, source: relative_url(
            target, source, directory_urls
        )
        self.env.filters["inline"] = lambda text: cell_html(text, site) or html_text(text)

    def render(self, template: str, src_uri: str, **context: Any) -> str:
        page = self.env.get_template(template)
        body = page.render(data=self.data, site=self.data.site, src_uri=src_uri, **context)
        body = topic_links(body, (dim.id for dim in self.data.dimensions))
        cited = cited_in_order(body)
        if not cited:
            return body
        body = number_citations(body, cited)
        sources = [self.data.sources[source_id] for source_id in cited]
        footnotes = self.env.get_template("footnotes.md.j2").render(sources=sources)
        if not citations(body):  # every citation is in finished HTML: so can the list be
            footnotes = finished_footnotes(footnotes, self.markdown)
        return body.rstrip("\n") + "\n\n" + footnotes

    def pages(self) -> list[Page]:
        """Every generated page, with the data files it shows."""
        shown = sources_by_page(self.data)
        return [self.finish(page, shown.get(page.src_uri, ())) for page in self.draft_pages()]

    def finish(self, page: Page, sources: tuple[str, ...] = ()) -> Page:
        markdown, fragments = lift_fragments(page.markdown)
        return Page(page.src_uri, markdown, page.in_nav, fragments, sources)

    def draft_pages(self) -> list[Page]:
        data = self.data
        featured, everyone, dims = data.featured, data.frameworks, data.dimensions
        # Only the pairs the data names get a page, so pages grow linearly; the
        # compare view (/compare/) puts any two side by side in the browser.
        named = dataset_pairs(data)
        uris = pair_uris(named)
        many = []
        if len(everyone) > 2:
            # Framework and pair pages are found by search ("fastapi", "flask vs
            # fastapi"); the sections they repeat from topic pages are indexed once
            # (macros.render.search_index.merge).
            many.append(
                Page(
                    "compare/index.md",
                    self.render(
                        "compare_index.md.j2", "compare/index.md", pairs=named, pair_uris=uris
                    ),
                )
            )
            many += [
                Page(
                    f"frameworks/{fw.id}.md",
                    self.render(
                        "framework.md.j2",
                        f"frameworks/{fw.id}.md",
                        fw=fw,
                        profile_rows=profile_rows((fw,)),
                        pair_uris=uris,
                        searchable=True,
                    ),
                    in_nav=False,
                )
                for fw in everyone
            ]
            many += [
                Page(
                    pair_uri(a, b),
                    self.render(
                        "pair.md.j2",
                        pair_uri(a, b),
                        a=a,
                        b=b,
                        searchable=True,
                        rows=profile_rows((a, b)),
                    ),
                    in_nav=False,
                )
                for a, b in named
            ]
        hub = self.render(
            "hub.md.j2",
            "index.md",
            frameworks=everyone,  # `featured` only names the headline pair
            featured=featured,
            dimensions=dims,
            key_rows=data.key_rows,
            pair_uris=uris,
            all_row_count=len(profile_rows(everyone)) + len(data.table_rows),
        )
        topics = [
            Page(
                topic_uri(dim.id),
                self.render(
                    "topic.md.j2",
                    topic_uri(dim.id),
                    dim=dim,
                    frameworks=everyone,  # a topic page answers for every framework
                    previous=dims[i - 1] if i > 0 else None,
                    next=dims[i + 1] if i + 1 < len(dims) else None,
                ),
            )
            for i, dim in enumerate(dims)
        ]
        table = self.render(
            "comparison.md.j2",
            "comparison.md",
            frameworks=everyone,
            profile_rows=profile_rows(everyone),
        )
        labels = {row.id: row.label for row in (*profile_rows(everyone), *data.table_rows)}
        decide = (
            [Page("decide.md", self.render("decide.md.j2", "decide.md", frameworks=everyone))]
            if data.decision
            else []
        )
        one_page = self.render(
            "article.md.j2",
            ONE_PAGE,
            frameworks=everyone,  # the whole comparison: every framework
            dimensions=dims,
            profile_rows=profile_rows(everyone),
        )
        return [
            Page("index.md", hub),
            *topics,
            Page("comparison.md", table),
            Page("faq.md", self.render("faq.md.j2", "faq.md", frameworks=everyone)),
            *decide,
            *many,
            Page(ONE_PAGE, one_page),
            *(
                [Page("about.md", self.render("about.md.j2", "about.md"))]
                if data.site.about
                else []
            ),
            *(
                [Page(CHANGELOG, self.render("changelog.md.j2", CHANGELOG, row_labels=labels))]
                if data.changelog
                else []
            ),
        ]


def render_problems(
    problems: Sequence[Problem],
    template_dirs: Iterable[Path] = (),
    root: Path | None = None,
    data_dir: Path | None = None,
) -> str:
    """A Markdown page that lists data problems (the preview's error page).

    Each file named by a problem is read from ``root`` so the page can show
    the offending lines with the spot marked (see macros.preview.errorpage);
    only regular files inside ``data_dir`` (default: root/data), never links.
    """
    lines: dict[str, list[str]] = {}
    for problem in problems:
        if root is not None and problem.path not in lines:
            lines[problem.path] = errorpage.read_lines(
                root / problem.path, data_dir or root / "data"
            )
    env = make_environment(template_dirs)
    return env.get_template("errors.md.j2").render(
        problems=problems,
        files=errorpage.group(problems, lines),
        total=count_text(problems),
    )
