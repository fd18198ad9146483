"""What the plugin changes in MkDocs' configuration, one job per function."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import CountHandler

from macros import messages
from macros.data.layout import FileKind, classify, data_files
from macros.data.model import Dataset, Dimension, Site
from macros.problems import Problem, Severity
from macros.render.markdown import MarkdownFactory
from macros.render.nav import GENERATED_NAV, site_nav
from macros.render.pages import Page, topic_uri
from macros.render.pair_selection import dataset_pairs


def keep_preview_alive() -> None:
    """Stop counting warnings for this `serve` build.

    The preview reports problems and never stops: with `strict: true` MkDocs
    aborts a rebuild on any warning (a placeholder, a broken anchor) and the
    live server hangs. `make build` stays strict.
    """
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [h for h in mkdocs_log.handlers if isinstance(h, CountHandler)]:
        mkdocs_log.removeHandler(handler)


def site_markdown(config: MkDocsConfig, previous: MarkdownFactory | None) -> MarkdownFactory:
    """The factory the core renders data text with: the site's extensions and configs.

    Extensions given as objects rather than names (the plugin's own
    BlockCaptions) shape MkDocs' page conversion only. ``previous`` (the last
    build's) is kept when the settings are the same, and with it what it
    converted: a conversion depends on the text and the settings only.
    """
    names = [name for name in config.markdown_extensions if isinstance(name, str)]
    wanted = MarkdownFactory(names, config.mdx_configs)
    return previous if previous is not None and previous.same_settings(wanted) else wanted


def apply_site_metadata(config: MkDocsConfig, site: Site) -> None:
    """The site's name, description, URL and licence come from data/site.yml."""
    config.site_name = site.title
    config.site_description = site.description
    config.site_url = site.url
    # The footer (overrides/partials/copyright.html) names and links the licence.
    config.extra["comparison"] = {"licence": site.licence, "licence_url": site.licence_url}


def default_nav(
    config: MkDocsConfig, pages: Sequence[Page], dimensions: Sequence[Dimension] = ()
) -> list[Any]:
    """Generated pages first (the topics as one section), then hand-written ones by file name."""
    written = (
        p.relative_to(config.docs_dir).as_posix() for p in Path(config.docs_dir).rglob("*.md")
    )
    return site_nav((page.src_uri for page in pages), written, dimensions)


def error_uris(data_dir: Path) -> list[str]:
    """Where the preview shows the error page: every generated page's address,
    topic pages included (named after the dimension files, so a reader on
    /security/ sees what broke instead of a 404)."""
    classified = (classify(path, data_dir, path.name) for path in data_files(data_dir))
    topics = sorted(
        topic_uri(found.id) for found in classified if found.kind is FileKind.DIMENSION and found.id
    )
    return [uri for _, uri in GENERATED_NAV] + topics


def many_frameworks(dataset: Dataset, limit: int, data_dir: str) -> Problem | None:
    """A warning with the page count when there are more frameworks than ``limit``."""
    count = len(dataset.frameworks)
    if count <= limit:
        return None
    pairs = len(dataset_pairs(dataset))
    # home, one-page, table, FAQ, (decide), the compare index, a page per topic
    fixed = 5 + (1 if dataset.decision else 0) + len(dataset.dimensions)
    values = {"count": count, "pages": fixed + count + pairs, "pairs": pairs}
    return Problem(
        f"{data_dir}/frameworks",
        0,
        0,
        "",
        messages.text("many-frameworks", **values),
        messages.hint("many-frameworks"),
        Severity.WARNING,
    )


def with_jump_list(toc: TableOfContents, meta: Mapping[str, Any]) -> TableOfContents:
    """The page's table of contents with its ``jump`` list (front matter: the title and
    anchor of each part, e.g. the feature table's topic groups), which Material shows
    in the sidebar: headings inside the lifted table are not Markdown headings, so
    the page's own contents would be empty. A new object: the preview caches the
    converted page's contents between builds (macros.mkdocs_plugin.patches)."""
    jump = meta.get("jump")
    if not isinstance(jump, list):
        return toc
    links = [
        AnchorLink(str(item["title"]), str(item["anchor"]), 2)
        for item in jump
        if isinstance(item, dict) and "title" in item and "anchor" in item
    ]
    items = list(toc)
    if items and items[0].level == 1:
        top = AnchorLink(items[0].title, items[0].id, 1)
        top.children = [*items[0].children, *links]
        return TableOfContents([top, *items[1:]])
    return TableOfContents([*items, *links])
