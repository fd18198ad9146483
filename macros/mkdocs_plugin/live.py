"""A faster `mkdocs serve`: notice a save at once, and skip work that does not change.

Save-to-browser time in the preview was MkDocs' file polling (every 0.5 s),
its settle delay (0.1 s), a full rebuild and the browser's reload. Two parts
of that can go without changing what the preview shows:

- :func:`watch_with_inotify`: MkDocs' live server watches with watchdog's
  *polling* observer; the same watches on watchdog's native observer
  (inotify on Linux) report a save within milliseconds. The settle delay
  drops to 0.05 s (an editor's save is one write). If the native observer
  cannot start (no inotify, too many watches), polling stays.
- :func:`cache_theme_listing`: every rebuild lists the theme's files (about
  a fifth of a rebuild, most of it walking Material's installed folders).
  In `serve`, the list is kept while no folder of the theme changes.

- :func:`cache_search_entries`: Material's search plugin parses every page's
  HTML on every rebuild (a fifth to a third of it); a page whose HTML, title
  and metadata are unchanged gets its previous entries back.
- :func:`cache_page_rendering`: Markdown to HTML is half of a rebuild, and
  a save changes one or two pages; a page whose Markdown, address, the site's
  files and mkdocs.yml are unchanged gets its previous HTML, table of
  contents and anchors back.
- :func:`cache_theme_assets`: MkDocs' server sends no caching headers, so
  every reload fetched the theme's stylesheets and scripts again before the
  page could show. The installed theme's files cannot change while the
  preview runs: the browser may keep them for an hour. Files of the project
  (overrides/, content/) are never cached.

MkDocs 1.6 is the last 1.x release (pinned `<2`): the live server's
attributes used here will not move under us.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from watchdog.events import FileSystemEventHandler

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.comparison")

SETTLE = 0.05  # seconds without another change before rebuilding


def watch_with_inotify(server: LiveReloadServer, settle: float = SETTLE) -> bool:
    """Move the live server's watches to the native observer; True if it did."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if not isinstance(server.observer, PollingObserver) or server.observer.is_alive():
        return False
    watched: dict[str, int] = dict(server._watched_paths)
    polling = server.observer
    native = Observer()
    try:
        refs = {}
        for path in watched:
            handler = _Changes(_handler_of(polling, server._watch_refs[path]))
            refs[path] = native.schedule(handler, path, recursive=True)
        native.start()  # fails here when inotify has no room for more watches
    except (OSError, KeyError) as exc:
        log.info("Watching files by polling (the native watcher failed: %s)", exc)
        return False
    for path, ref in list(server._watch_refs.items()):
        polling.unschedule(ref)
        server._watch_refs[path] = refs[path]
    server.observer = _Started(native)  # type: ignore[assignment]
    server.build_delay = settle
    return True


def _handler_of(observer: Any, watch: Any) -> Any:
    handlers = observer._handlers.get(watch, set())
    return next(iter(handlers))


# inotify also reports files opened and closed unwritten, which every build does to the
# theme, the data and mkdocs.yml: those would start the next build, for ever.
_CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


class _Changes(FileSystemEventHandler):
    """Passes on only the events that change a file (watchdog's event_type names)."""

    def __init__(self, handler: Any) -> None:
        super().__init__()
        self._handler = handler

    def dispatch(self, event: Any) -> None:
        if event.event_type in _CHANGES:
            self._handler.dispatch(event)


class _Started:
    """The native observer, already running: MkDocs' serve() calls start() once more, and
    `mkdocs serve --watch` adds watches after on_serve."""

    def __init__(self, observer: Any) -> None:
        self._observer = observer

    def start(self) -> None:
        pass

    def schedule(self, handler: Any, path: str, recursive: bool = False) -> Any:
        return self._observer.schedule(_Changes(handler), path, recursive=recursive)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._observer, name)


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
        key = (dirs, tuple(_stamp(d) for d in dirs if not _installed(d)))
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


def _installed(folder: str) -> bool:
    """A theme folder inside the Python installation (Material's): it does not change."""
    import sys

    prefixes = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    path = Path(folder).resolve()
    return any(path.is_relative_to(prefix) for prefix in prefixes)


ASSET_MAX_AGE = 3600  # seconds the browser keeps an installed theme's file


def installed_theme_files(config: MkDocsConfig) -> frozenset[str]:
    """Site paths of the files that come from an installed theme and no project folder."""
    installed: set[str] = set()
    project: set[str] = set()
    for folder in config.theme.dirs:
        found = installed if _installed(folder) else project
        for current, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            relative = Path(current).relative_to(folder).as_posix()
            for name in files:
                found.add(name if relative == "." else f"{relative}/{name}")
    return frozenset(path for path in installed - project if not path.endswith(".html"))


def cache_theme_assets(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """Let the browser keep the installed theme's assets between live reloads."""
    cacheable = installed_theme_files(config)
    mount = server.mount_path
    application = server.get_app()
    if application is None:  # pragma: no cover - MkDocs always sets one
        return

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = str(environ.get("PATH_INFO", ""))
        relative = path[len(mount) :] if path.startswith(mount) else ""

        def start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            if relative in cacheable and status.startswith("200"):
                headers.append(("Cache-Control", f"max-age={ASSET_MAX_AGE}"))
            return start_response(status, headers, *rest)

        return application(environ, start)

    server.set_app(serve)


_SEARCH_CACHE_SIZE = 2000  # pages; the cache is emptied when it grows past this


def cache_search_entries() -> None:
    """In this process, index a page for search again only when its HTML, title or meta changed."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    original = SearchIndex.add_entry_from_context
    if getattr(original, "_cached", False):
        return
    cache: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}

    def add_entry_from_context(self: SearchIndex, page: Any) -> None:
        key = (str(page.url), str(page.content), repr(page.meta), str(page.title))
        entries = cache.get(key)
        if entries is None:
            start = len(self.entries)
            original(self, page)
            entries = [dict(entry) for entry in self.entries[start:]]
            if len(cache) >= _SEARCH_CACHE_SIZE:
                cache.clear()
            cache[key] = entries
            return
        self.entries.extend(dict(entry) for entry in entries)

    add_entry_from_context._cached = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry_from_context


_RENDER_CACHE_SIZE = 500  # pages


def cache_page_rendering() -> None:
    """In this process, convert a page again only when something it depends on changed."""
    from mkdocs.structure.pages import Page

    original = Page.render
    if getattr(original, "_cached", False):
        return
    cache: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        try:
            stamp = os.stat(str(config.config_file_path)).st_mtime_ns
        except (OSError, TypeError):
            stamp = None
        key = (
            self.file.src_uri,
            self.file.dest_uri,
            self.markdown,
            frozenset(f.src_uri for f in files),
            config.use_directory_urls,
            stamp,
        )
        found = cache.get(key)
        if found is None:
            original(self, config, files)
            links = {f.src_uri: dict(to) for f, to in (self.links_to_anchors or {}).items()}
            if len(cache) >= _RENDER_CACHE_SIZE:
                cache.clear()
            cache[key] = (
                self.content,
                self.toc,
                self._title_from_render,
                frozenset(self.present_anchor_ids or ()),
                links if self.links_to_anchors is not None else None,
            )
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
