"""What the plugin changes in MkDocs' configuration, one job per function."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from macros.data.model import Site
from macros.problems import Problem
from macros.render import markdown
from macros.render.pages import Page

GENERATED_NAV = (
    ("Article", "index.md"),
    ("Feature table", "comparison.md"),
    ("FAQ", "faq.md"),
    ("Which to choose", "decide.md"),
    ("Compare", "compare/index.md"),  # only with three or more frameworks
)


def keep_preview_alive() -> None:
    """Stop counting warnings for this `serve` build.

    The preview reports problems and never stops: with `strict: true` MkDocs
    aborts a rebuild on any warning (a placeholder, a broken anchor) and the
    live server hangs. `make build` stays strict.
    """
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [h for h in mkdocs_log.handlers if isinstance(h, CountHandler)]:
        mkdocs_log.removeHandler(handler)


def use_site_markdown(config: MkDocsConfig) -> None:
    """The core renders data text with the site's extensions and their configs.

    Extensions given as objects rather than names (the plugin's own
    BlockCaptions) shape MkDocs' page conversion only.
    """
    names = [name for name in config.markdown_extensions if isinstance(name, str)]
    markdown.configure(names, config.mdx_configs)


def apply_site_metadata(config: MkDocsConfig, site: Site) -> None:
    """The site's name, description and URL come from data/site.yml."""
    config.site_name = site.title
    config.site_description = site.description
    config.site_url = site.url


def default_nav(config: MkDocsConfig, pages: Sequence[Page]) -> list[dict[str, str] | str]:
    """Generated pages first, then hand-written ones by file name."""
    written = sorted(
        p.relative_to(config.docs_dir).as_posix() for p in Path(config.docs_dir).rglob("*.md")
    )
    generated = {page.src_uri for page in pages}
    nav: list[dict[str, str] | str] = [
        {title: uri} for title, uri in GENERATED_NAV if uri in generated
    ]
    return nav + written


def template_problem(exc: jinja2.TemplateError) -> tuple[str, Problem]:
    """A template error: the build's message, and the problem the error page shows."""
    where = f"{getattr(exc, 'filename', None) or getattr(exc, 'name', '')}"
    line = getattr(exc, "lineno", None)
    report = f"template error in {where}{f':{line}' if line else ''}: {exc}"
    return report, Problem(where or "template", line or 0, 1 if line else 0, "", str(exc))
