"""What the fast preview changes in MkDocs' live server (``mkdocs serve``).

Save-to-browser time in the preview was MkDocs' file polling (every 0.5 s),
its settle delay (0.1 s), a full rebuild and the browser's reload. This module
takes the noticing and the reload's downloads (macros.mkdocs_plugin.live
takes the rebuild):

- :func:`watch_with_inotify`: MkDocs' live server watches with watchdog's
  *polling* observer; the same watches on watchdog's native observer
  (inotify on Linux) report a save within milliseconds, and the settle delay
  drops to :data:`SETTLE`. If the native observer cannot start (no inotify,
  too many watches), polling stays. Only events that change a file are asked
  of the kernel: every build reads the data, templates and pages it watches.
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

from watchdog import events
from watchdog.events import FileSystemEventHandler

from macros.mkdocs_plugin.live import installed as installed_folder

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.comparison")

SETTLE = 0.02


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
            refs[path] = native.schedule(handler, path, recursive=True, event_filter=_EVENTS)
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
# kernel is asked for changes only (_EVENTS); _Changes filters what a watchdog without
# event filters would still pass on.
_CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})
_EVENTS = [
    events.FileCreatedEvent,
    events.FileDeletedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileClosedEvent,
    events.DirCreatedEvent,
    events.DirDeletedEvent,
    events.DirMovedEvent,
]


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
        return self._observer.schedule(
            _Changes(handler), path, recursive=recursive, event_filter=_EVENTS
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._observer, name)


ASSET_MAX_AGE = 3600  # seconds the browser keeps an installed theme's file


def installed_theme_files(config: MkDocsConfig) -> frozenset[str]:
    """Site paths of the files that come from an installed theme and no project folder."""
    installed: set[str] = set()
    project: set[str] = set()
    for folder in config.theme.dirs:
        found = installed if installed_folder(folder) else project
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
