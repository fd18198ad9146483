"""The fast preview's cache of filled page templates (``mkdocs serve`` only).

The theme's template for every page was a fifth of a preview rebuild
(scripts/bench/bench_preview.py), and a save changes one or two pages. A page
whose template context is unchanged gets its previous output back.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.mkdocs_plugin.build_cache import BuildCache
from macros.mkdocs_plugin.live_server import installed

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


_page_outputs: BuildCache[tuple[Any, ...], str] = BuildCache()
# Keys of MkDocs' template context that no template of the site reads
# (tests/serve/test_live.py checks Material's and overrides/): they change on
# every build and would defeat the cache.
IGNORED_CONTEXT = frozenset({"build_date_utc"})
_ERROR_PAGE = re.compile(r"[0-9]{3}\.html")  # MkDocs' error templates (utils.is_error_template)


def cache_page_templates(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """In this build, fill a page's template again only when something it shows changed.

    The theme's template for every page is a tenth to a fifth of a rebuild,
    and a save changes one or two pages. The key is everything the templates
    read: the page (its HTML, title, table of contents, metadata, neighbours),
    the whole navigation (its active items follow from the page), the site's settings
    (mkdocs.yml and what the data sets), the other values in the context, the
    template's name and every file of the project's theme folders. A context
    holding anything else is rendered as usual. Call it from ``on_env``,
    before the first template is loaded.
    """
    theme = tuple(_files_stamp(folder) for folder in config.theme.dirs if not installed(folder))
    site = (
        _file_stamp(config.config_file_path),
        config.site_name,
        config.site_description,
        config.site_url,
        config.site_author,
        config.copyright,
        config.repo_url,
        repr(config.extra),
    )

    class CachedPageTemplate(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            context = dict(*args, **kwargs)
            key = _context_key(context, self.name)
            if key is None:
                return super().render(context)
            key = (self.name, self.filename, theme, site, key)
            output = _page_outputs.get(key)
            if output is None:
                output = _page_outputs.put(key, super().render(context))
            return output

    env.template_class = CachedPageTemplate


def _context_key(context: dict[str, Any], name: str | None = None) -> tuple[Any, ...] | None:
    """A page's template context as a comparable value; None when it cannot be one.

    The error page (``404.html``, template ``name``) has no page: its context is the
    navigation (nothing active: MkDocs builds it before the pages) and the site's
    settings, and filling it was 0.008 s of every rebuild. Other templates without a
    page (``sitemap.xml``) read every page's dates: they are filled every time.
    """
    page, nav = context.get("page"), context.get("nav")
    if not isinstance(nav, Navigation):
        return None
    if not isinstance(page, Page) and not (page is None and _ERROR_PAGE.fullmatch(name or "")):
        return None
    rest = []
    for name, value in sorted(context.items()):
        if name in {"page", "nav", "config", *IGNORED_CONTEXT}:
            continue
        if name == "pages":
            value = tuple(getattr(file, "src_uri", None) for file in value)
        elif not _plain(value):
            return None
        rest.append((name, repr(value)))
    return (None if page is None else _page_key(page), _whole_nav_key(nav), tuple(rest))


# The navigation's key, worked out once per build (the same Navigation object for every
# page; with 25 pages it was a tenth of a rebuild). Which items are active is left out:
# MkDocs makes the page being rendered and its ancestors active, and the page key names
# the page and its ancestors already.
_nav_memo: list[Any] = [None, None]  # [the build's Navigation, its key]


def _whole_nav_key(nav: Navigation) -> tuple[Any, ...]:
    if _nav_memo[0] is not nav:
        _nav_memo[:] = [nav, tuple(_nav_key(item) for item in nav.items)]
    key: tuple[Any, ...] = _nav_memo[1]
    return key


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _page_key(page: Any) -> tuple[Any, ...]:
    def link(other: Any) -> tuple[Any, ...] | None:
        return None if other is None else (other.url, str(other.title))

    return (
        page.file.src_uri,
        page.url,
        str(page.title),
        page.content,
        _toc_key(page.toc),
        repr(page.meta),
        page.canonical_url,
        page.abs_url,
        page.edit_url,
        page.is_homepage,
        link(page.previous_page),
        link(page.next_page),
        tuple(str(ancestor.title) for ancestor in page.ancestors),
    )


def _toc_key(items: Any) -> tuple[Any, ...]:
    return tuple(
        (item.title, item.url, item.level, _toc_key(item.children)) for item in items or ()
    )


def _nav_key(item: Any) -> tuple[Any, ...]:
    return (
        type(item).__name__,
        str(item.title),
        getattr(item, "url", None),
        bool(getattr(item, "is_index", False)),
        repr(getattr(item, "meta", None)),
        tuple(_nav_key(child) for child in getattr(item, "children", None) or ()),
    )


def _file_stamp(path: str | None) -> tuple[str | None, int | None]:
    try:
        return path, os.stat(str(path)).st_mtime_ns if path else None
    except OSError:
        return path, None


def _files_stamp(folder: str) -> tuple[tuple[str, int, int], ...]:
    """Every file below ``folder`` with its modification time and size."""
    found = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(current, name)
            status = os.stat(path)
            found.append((path, status.st_mtime_ns, status.st_size))
    return tuple(found)
