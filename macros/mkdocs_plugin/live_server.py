"""What the fast preview changes in the browser's side of ``mkdocs serve``.

MkDocs' server sends no caching headers, so every live reload fetched the
theme's stylesheets and scripts again before the page could show. The
installed theme's files cannot change while the preview runs: the browser may
keep them for an hour (:func:`cache_theme_assets`). Files of the project
(overrides/, content/) are never cached. This wraps the server's WSGI
application through its public ``get_app``/``set_app``; what replaces MkDocs'
own internals (noticing a save, converting only changed pages) is in
macros.mkdocs_plugin.patches.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

ASSET_MAX_AGE = 3600  # seconds the browser keeps an installed theme's file


def installed(folder: str) -> bool:
    """A theme folder inside the Python installation (Material's): it does not change."""
    prefixes = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    path = Path(folder).resolve()
    return any(path.is_relative_to(prefix) for prefix in prefixes)


def installed_theme_files(config: MkDocsConfig) -> frozenset[str]:
    """Site paths of the files that come from an installed theme and no project folder."""
    from_installed: set[str] = set()
    project: set[str] = set()
    for folder in config.theme.dirs:
        found = from_installed if installed(folder) else project
        for current, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            relative = Path(current).relative_to(folder).as_posix()
            for name in files:
                found.add(name if relative == "." else f"{relative}/{name}")
    return frozenset(path for path in from_installed - project if not path.endswith(".html"))


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
