"""Every change the fast preview makes to MkDocs', Material's and watchdog's internals.

This is the one module that replaces third-party code (``mkdocs serve`` with
``fast_preview`` only; ``mkdocs build`` never calls it), process-wide:

- :func:`cache_page_rendering` replaces MkDocs' ``Page.render``: Markdown to
  HTML is most of a rebuild, and a save changes one or two pages; a page whose
  Markdown, address, the site's files and mkdocs.yml are unchanged gets its
  previous HTML, table of contents and anchors back.
- :func:`cache_search_entries` wraps Material's
  ``SearchIndex.add_entry_from_context``, which parses every page's HTML on
  every rebuild: a page whose HTML, title and metadata are unchanged gets its
  previous entries back.
- :func:`strip_search_attributes_faster` replaces Material's
  ``SearchPlugin.on_page_context``, which runs a regular expression over every
  page's whole HTML on every rebuild to strip its ``data-search-*`` attributes,
  by the same stripping done with a literal scan (a twelfth of the time).
- :func:`cache_highlighting` wraps pymdown-extensions' ``Highlight.highlight``
  (Pygments, for every fenced block of every page converted again): a block
  whose code, options and settings are unchanged gets its previous HTML back
  (the whole-comparison page's 26 blocks were a fifth of its conversion).
- :func:`cache_theme_listing` replaces MkDocs' ``Files.add_files_from_theme``,
  which walks the whole installed theme (Material's thousands of icons) on
  every rebuild to list its static files: the listing is kept while the
  theme's folders, their files and the static templates are unchanged.
- :func:`watch_with_inotify` moves the live server's watches (its
  ``_watched_paths``, ``_watch_refs`` and the polling observer's
  ``_handlers``) to watchdog's native observer: a save is noticed within
  milliseconds instead of at MkDocs' next 0.5 s poll.

(A build also publishes Material's palette stylesheet without one rule: that
is done, and its file pinned by sha256, in macros/publish/palette.py.)

Each replaced or relied-on piece is pinned in :data:`UPSTREAM` by a hash of its
source as installed (MkDocs 1.6.1, Material 9.8.1, watchdog 7.1.0): tests/mkdocs_plugin/
test_patches.py fails, naming the piece, when an upgrade changes one. A patch
stays only while switching it off measurably slows a warm preview rebuild
of the real site (CPU per rebuild, medians on a loaded 2-core machine: 0.39-0.44 s
with every patch; 0.78-0.80 s without the Markdown cache; 0.44-0.50 s
without the search cache; 0.42-0.53 s without the template cache
(macros.mkdocs_plugin.template_cache), 0.61-0.65 s without both). The
listing of the theme's files (``Files.add_files_from_theme``) was cached once
before and removed for no measurable gain; measured alone it costs 0.052-0.055 s
CPU per rebuild (10 calls, this site, Material 9.8.1), a tenth of a warm
rebuild, and the cache brings it to the few File objects it appends.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import logging
import os
import re
from typing import TYPE_CHECKING, Any

from macros.mkdocs_plugin.build_cache import BuildCache
from macros.mkdocs_plugin.live_server import installed

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.comparison")

# "module:qualified name" -> sha256 of its source, for every piece a patch replaces or
# relies on. Update a hash only after reading the new source against the patch.
UPSTREAM = {
    # cache_page_rendering: what render() sets (content, toc, _title_from_render,
    # present_anchor_ids, links_to_anchors) is what a cached page gets back.
    "mkdocs.structure.pages:Page.render": (
        "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"
    ),
    # cache_highlighting: a block's HTML follows from the arguments and the settings on
    # self; with a title in HTML mode it stores into md.htmlStash (never cached).
    "pymdownx.highlight:Highlight.highlight": (
        "5a4b07ca78d4f49d2e47755f4677619fc3c82a8bc3c0af443862608107008d2f"
    ),
    # cache_theme_listing: what it appends depends on the theme's folders, the static
    # templates and the files already listed (docs_dir's win), as here.
    "mkdocs.structure.files:Files.add_files_from_theme": (
        "0169dd2b1c22ca136924ca9136a97b690ba2711d8896258e5858a237c186a12e"
    ),
    # watch_with_inotify: _watched_paths, _watch_refs and observer, as watch() fills them.
    # cache_search_entries: one call adds the page's entries to self.entries, from the
    # page's url, content, meta and title only.
    "material.plugins.search.plugin:SearchIndex.add_entry_from_context": (
        "4ca78ac4321f7704149f84dac0abc5a26afbd7c43de197ce7f481dcab47edb7b"
    ),
    # strip_search_attributes_faster: after indexing, the page's HTML loses its
    # data-search-* attributes by this one regular expression, and nothing else changes.
    "material.plugins.search.plugin:SearchPlugin.on_page_context": (
        "33eb62fd1688be4d99a4e7bf8fc51c1be3d37602b63ad5327c9be3abf5dc8d50"
    ),
    "mkdocs.livereload:LiveReloadServer.__init__": (
        "e79efeb939bfe4b4bbf5d2f11b320778194229b1fd3f9c061e2a5c66e0df43a2"
    ),
    "mkdocs.livereload:LiveReloadServer.watch": (
        "5db077e3a3e7f8e3ee992d6a96823abdce09565d558580452139816005fe1f1c"
    ),
    "mkdocs.livereload:LiveReloadServer.unwatch": (
        "24bd7d23db286d686f3572922bef176d0b47d45a5942df82cb4efdbfaa1bd499"
    ),
    # serve() starts the observer once more (_Started ignores that).
    "mkdocs.livereload:LiveReloadServer.serve": (
        "e1d492bd6096889e7e1bf4cb4d11ac910b77767a0a8758f614eb72618a0483d4"
    ),
    # macros.mkdocs_plugin.template_cache keys a page's output on the template context
    # this builds (a new key would be read by no cache key: a stale page).
    "mkdocs.commands.build:get_context": (
        "4b4bf8a076edc4a6db12bd98dd89ca78fa6db41608f96634fee1e1ecc5d2b511"
    ),
    # _handler_of: the handlers the polling observer keeps per watch.
    "watchdog.observers.api:BaseObserver.schedule": (
        "0cb55e8f7eeaf9b19542a31fb1da1d203a2fa9289b60b117193b1268edfeceac"
    ),
}


def source_hash(name: str) -> str:
    """sha256 of the installed source of ``name`` ("module:qualified name")."""
    module_name, _, qualname = name.partition(":")
    found: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = getattr(found, part)
    original = getattr(found, "__wrapped__", found)  # the function a patch replaced
    return hashlib.sha256(inspect.getsource(original).encode("utf-8")).hexdigest()


def _unpatched(owner: Any, name: str) -> Any:
    """``owner.name`` as installed, or None when a patch of this process replaced it
    already (each patch is made once: the preview calls them on every rebuild)."""
    original = getattr(owner, name)
    return None if getattr(original, "__wrapped__", None) is not None else original


def _install(owner: Any, name: str, original: Any, replacement: Any) -> None:
    """``replacement`` in place of ``owner.name``, keeping ``original`` as its
    ``__wrapped__`` (what :func:`source_hash` pins and a test can put back)."""
    replacement.__wrapped__ = original
    setattr(owner, name, replacement)


def cache_page_rendering() -> None:
    """In this process, convert a page again only when something it depends on changed."""
    from mkdocs.structure.pages import Page

    original = _unpatched(Page, "render")
    if original is None:
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

    _install(Page, "render", original, render)


def cache_search_entries() -> None:
    """In this process, index a page for search again only when its HTML, title or meta changed."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    original = _unpatched(SearchIndex, "add_entry_from_context")
    if original is None:
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

    _install(SearchIndex, "add_entry_from_context", original, add_entry_from_context)


# Material's SearchPlugin.on_page_context removes these from every page's HTML.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
# The same without the optional space before: starting with a literal, it is found by a
# fast scan (the optional first character made the engine try every position: 4 ms for
# /one-page/); strip_search_attributes() puts the space back in.
_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")
_SPACE = re.compile(r"\s")


def strip_search_attributes(html: str) -> str:
    """``_SEARCH_ATTRIBUTES.sub("", html)``, faster."""
    kept: list[str] = []
    done = 0  # where the text not yet copied starts
    for match in _ATTRIBUTE.finditer(html):
        start = match.start()
        if start > done and _SPACE.match(html, start - 1):
            start -= 1  # the space before is part of the match, unless an earlier one took it
        kept.append(html[done:start])
        done = match.end()
    if not kept:
        return html
    kept.append(html[done:])
    return "".join(kept)


def strip_search_attributes_faster() -> None:
    """In this process, Material's search plugin strips a page's ``data-search-*``
    attributes with :func:`strip_search_attributes` (the same result): its expression
    scanned every page's whole HTML on every rebuild (0.012 s CPU of a 0.26 s rebuild,
    most of it /one-page/; now 0.001 s)."""
    from material.plugins.search.plugin import SearchPlugin

    original = _unpatched(SearchPlugin, "on_page_context")
    if original is None:
        return

    def on_page_context(
        self: SearchPlugin, context: Any, *, page: Any, config: Any, nav: Any
    ) -> None:
        if not self.config.enabled:
            return
        self.search_index.add_entry_from_context(page)
        page.content = strip_search_attributes(page.content)

    _install(SearchPlugin, "on_page_context", original, on_page_context)


def cache_highlighting() -> None:
    """In this process, highlight a code block again only when it or the settings changed."""
    from pymdownx.highlight import Highlight  # type: ignore[import-untyped]

    original = _unpatched(Highlight, "highlight")
    if original is None:
        return
    cache: BuildCache[tuple[str, str, str], str] = BuildCache()
    signature = inspect.signature(original)

    def highlight(self: Highlight, *args: Any, **kwargs: Any) -> Any:
        settings = {k: v for k, v in vars(self).items() if k != "md"}
        bound = signature.bind(self, *args, **kwargs).arguments
        if (
            bound.get("inline")  # an element, not text
            or settings.get("title_mode") != "text"  # may store the title in md's stash
            or any(isinstance(v, dict) for v in (settings.get("auto_title_map") or {}).values())
        ):
            return original(self, *args, **kwargs)
        key = (repr(sorted(settings.items())), repr(args), repr(sorted(kwargs.items())))
        found = cache.get(key)
        if found is None:
            found = cache.put(key, original(self, *args, **kwargs))
        return found

    _install(Highlight, "highlight", original, highlight)


def cache_theme_listing() -> None:
    """In this process, list the theme's static files again only when the theme changed."""
    from mkdocs.structure.files import File, Files

    original = _unpatched(Files, "add_files_from_theme")
    if original is None:
        return
    listings: dict[tuple[Any, ...], list[tuple[str, str]]] = {}

    def add_files_from_theme(self: Files, env: Any, config: MkDocsConfig) -> None:
        dirs = tuple(config.theme.dirs)
        key = (
            dirs,
            tuple(config.theme.static_templates),
            tuple(_folder_stamp(folder) for folder in dirs if not installed(folder)),
        )
        listing = listings.get(key)
        if listing is None:
            probe = Files([])  # what the theme offers, before docs_dir's files win
            original(probe, env, config)
            listing = [(f.src_uri, str(f.src_dir)) for f in probe]
            listings.clear()
            listings[key] = listing
        for path, folder in listing:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    _install(Files, "add_files_from_theme", original, add_files_from_theme)


def _folder_stamp(folder: str) -> tuple[tuple[str, int], ...]:
    """Every file below ``folder`` with its modification time (a project's theme folder)."""
    found = []
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(current, name)
            found.append((path, os.stat(path).st_mtime_ns))
    return tuple(found)


SETTLE = 0.02  # seconds the live server waits for saves to settle (MkDocs: 0.1)


def watch_with_inotify(server: LiveReloadServer, settle: float = SETTLE) -> bool:
    """Move the live server's watches to the native observer; True if it did.

    Only events that change a file are asked of the kernel: every build reads
    the data, templates and pages it watches. If the native observer cannot
    start (no inotify, too many watches), polling stays.
    """
    from watchdog.observers import Observer  # serve only: a build need not import watchdog
    from watchdog.observers.polling import PollingObserver

    if not isinstance(server.observer, PollingObserver) or server.observer.is_alive():
        return False
    watched: dict[str, int] = dict(server._watched_paths)
    polling = server.observer
    native = Observer()
    try:
        refs = {}
        for path in watched:
            handler: Any = _Changes(_handler_of(polling, server._watch_refs[path]))
            refs[path] = native.schedule(handler, path, recursive=True, event_filter=_events())
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
# theme, the data and mkdocs.yml: those would start the next build, for ever. The
# kernel is asked for changes only (_events); _Changes filters what a watchdog without
# event filters would still pass on.
_CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


def _events() -> list[type[Any]]:
    from watchdog import events

    return [
        events.FileCreatedEvent,
        events.FileDeletedEvent,
        events.FileModifiedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]


class _Changes:
    """Passes on only the events that change a file (watchdog's event_type names); the
    observer needs only ``dispatch`` of a handler."""

    def __init__(self, handler: Any) -> None:
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
        return self._observer.schedule(
            _Changes(handler), path, recursive=recursive, event_filter=_events()
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._observer, name)
