"""What the fast preview skips in a rebuild of ``mkdocs serve``: work whose result did not change.

Each function patches one MkDocs or Material step, in this process only (the
plugin calls them in ``serve``; ``mkdocs build`` never does):

- :func:`cache_theme_listing`: every rebuild lists the theme's files (about
  a fifth of a rebuild, most of it walking Material's installed folders).
  The list is kept while no folder of the theme changes.
- :func:`cache_search_entries`: Material's search plugin parses every page's
  HTML on every rebuild; a page whose HTML, title and metadata are unchanged
  gets its previous entries back.
- :func:`cache_page_rendering`: Markdown to HTML is half of a rebuild, and
  a save changes one or two pages; a page whose Markdown, address, the site's
  files and mkdocs.yml are unchanged gets its previous HTML, table of
  contents and anchors back.
- macros.mkdocs_plugin.template_cache: a page whose template context is
  unchanged gets its previous output back.

Each cache keeps what the last two builds used (macros.mkdocs_plugin.build_cache).
The live server's side (noticing a save, the browser's downloads) is in
macros.mkdocs_plugin.live_server. MkDocs 1.6 is the last 1.x release
(pinned `<2`): the functions patched here will not move under us.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files

from macros.mkdocs_plugin.build_cache import BuildCache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_Listing = list[tuple[str, str]]
_listing_cache: dict[tuple[Any, ...], _Listing] = {}


def _stamp(folder: str) -> tuple[tuple[str, float], ...]:
    """Every folder's modification time below ``folder``: a file added or removed changes one."""
    found = []
    for current, dirs, _ in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.append((current, os.stat(current).st_mtime))
    return tuple(found)


def cache_theme_listing() -> None:
    """In this process, list the theme's files again only when a folder of the theme changed."""
    original: Callable[[Files, Any, MkDocsConfig], None] = Files.add_files_from_theme
    if getattr(original, "_cached", False):
        return

    def add_files_from_theme(self: Files, env: Any, config: MkDocsConfig) -> None:
        dirs = tuple(config.theme.dirs)
        key = (dirs, tuple(_stamp(d) for d in dirs if not installed(d)))
        listing = _listing_cache.get(key)
        if listing is None:
            probe = Files([])
            original(probe, env, config)
            listing = [(f.src_uri, f.src_dir) for f in probe if f.src_dir is not None]
            _listing_cache.clear()
            _listing_cache[key] = listing
        for path, folder in listing:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme._cached = True  # type: ignore[attr-defined]
    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


def installed(folder: str) -> bool:
    """A theme folder inside the Python installation (Material's): it does not change."""
    prefixes = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    path = Path(folder).resolve()
    return any(path.is_relative_to(prefix) for prefix in prefixes)


def cache_search_entries() -> None:
    """In this process, index a page for search again only when its HTML, title or meta changed."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    original = SearchIndex.add_entry_from_context
    if getattr(original, "_cached", False):
        return
    cache: BuildCache[tuple[str, str, str, str], list[dict[str, Any]]] = BuildCache()

    def add_entry_from_context(self: SearchIndex, page: Any) -> None:
        key = (str(page.url), str(page.content), repr(page.meta), str(page.title))
        entries = cache.get(key)
        if entries is None:
            start = len(self.entries)
            original(self, page)
            cache.put(key, [dict(entry) for entry in self.entries[start:]])
            return
        self.entries.extend(dict(entry) for entry in entries)

    add_entry_from_context._cached = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry_from_context


def cache_page_rendering() -> None:
    """In this process, convert a page again only when something it depends on changed."""
    from mkdocs.structure.pages import Page

    original = Page.render
    if getattr(original, "_cached", False):
        return
    cache: BuildCache[tuple[Any, ...], tuple[Any, ...]] = BuildCache()
    # What every page of one build shares in its key, worked out once per build (the
    # same Files object): with 824 pages, once per page was 824 sets of 900 names.
    shared: list[Any] = [None, None]  # [the build's Files, its part of the key]

    def site_key(config: MkDocsConfig, files: Files) -> tuple[Any, ...]:
        if shared[0] is not files:
            try:
                stamp = os.stat(str(config.config_file_path)).st_mtime_ns
            except (OSError, TypeError):
                stamp = None
            names = frozenset(f.src_uri for f in files)
            shared[:] = [files, (names, config.use_directory_urls, stamp)]
        key: tuple[Any, ...] = shared[1]
        return key

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        key = (self.file.src_uri, self.file.dest_uri, self.markdown, site_key(config, files))
        found = cache.get(key)
        if found is None:
            original(self, config, files)
            links = {f.src_uri: dict(to) for f, to in (self.links_to_anchors or {}).items()}
            value = (
                self.content,
                self.toc,
                self._title_from_render,
                frozenset(self.present_anchor_ids or ()),
                links if self.links_to_anchors is not None else None,
            )
            cache.put(key, value)
            return
        content, toc, title, anchors, links = found
        self.content, self.toc, self._title_from_render = content, toc, title
        self.present_anchor_ids = set(anchors)
        if links is not None:  # the File objects of this build, not the cached one's
            current = {uri: files.get_file_from_path(uri) for uri in links}
            self.links_to_anchors = {
                file: dict(links[uri]) for uri, file in current.items() if file is not None
            }

    render._cached = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign]
