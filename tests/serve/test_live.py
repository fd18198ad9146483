"""The faster preview (macros.mkdocs_plugin.patches, live_server): saves noticed at once.

Issue 14: save-to-browser took 0.67 s on a quiet machine, of which MkDocs'
0.5 s file polling was on average 0.25 s and a listing of the theme's files
about a fifth of every rebuild.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from macros.mkdocs_plugin import live_server, patches
from tests.harness.site import FIXTURES, ROOT
from tests.serve.conftest import Preview


def server_watching(folder: Path) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(folder))
    server.watch(str(folder))
    return server


def noticed_within(server: LiveReloadServer, change: Path, seconds: float) -> float:
    """Seconds from writing ``change`` until the server wants a rebuild (at most ``seconds``)."""
    started = time.perf_counter()
    change.write_text(f"saved {time.time_ns()}\n")
    with server._rebuild_cond:
        assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=seconds)
    return time.perf_counter() - started


def test_a_save_is_noticed_by_the_native_watcher_at_once(tmp_path: Path) -> None:
    server = server_watching(tmp_path)
    try:
        assert patches.watch_with_inotify(server)
        assert not isinstance(server.observer._observer, PollingObserver)  # type: ignore[attr-defined]
        assert server.build_delay == patches.SETTLE
        server.observer.start()  # what serve() does: harmless, it runs already
        # MkDocs' polling observer needs up to 0.5 s; allow a busy machine a margin below that.
        assert noticed_within(server, tmp_path / "site.yml", seconds=0.4) < 0.4
        later = tmp_path / "later"  # a watch added after on_serve (mkdocs serve --watch)
        later.mkdir()
        server.watch(str(later))
        with server._rebuild_cond:
            server._want_rebuild = False
        assert noticed_within(server, later / "x.yml", seconds=0.4) < 0.4
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_reading_a_watched_file_starts_no_rebuild(tmp_path: Path) -> None:
    """inotify reports files opened and closed unwritten: every build reads the theme, the data
    and mkdocs.yml, so passing those on rebuilt the site for ever (a reload every build)."""
    data = tmp_path / "site.yml"
    data.write_text("title: x\n")
    server = server_watching(tmp_path)
    try:
        assert patches.watch_with_inotify(server)
        data.read_text()
        time.sleep(0.3)
        assert not server._want_rebuild
        assert noticed_within(server, data, seconds=0.4) < 0.4
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_the_installed_theme_is_cached_by_the_browser_the_project_is_not(
    preview: Preview,
) -> None:
    page = preview.get()
    bundle = re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", page)
    assert bundle is not None
    with urllib.request.urlopen(preview.url + bundle[0], timeout=10) as response:
        assert response.headers["Cache-Control"] == f"max-age={live_server.ASSET_MAX_AGE}"
    with urllib.request.urlopen(preview.url, timeout=10) as response:
        assert response.headers["Cache-Control"] is None  # pages: always fresh


def test_files_of_the_project_are_never_cached(tmp_path: Path) -> None:
    config = load_config(str(FIXTURES / "minimal" / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    overrides = tmp_path / "overrides"
    (overrides / "assets/javascripts").mkdir(parents=True)
    (overrides / "assets/javascripts/extra.js").write_text("")
    (overrides / "assets/images").mkdir(parents=True)
    (overrides / "assets/images/favicon.png").write_bytes(b"")  # shadows the theme's
    config.theme.dirs.insert(0, str(overrides))
    cacheable = live_server.installed_theme_files(config)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", p) for p in cacheable)
    assert "assets/javascripts/extra.js" not in cacheable
    assert "assets/images/favicon.png" not in cacheable
    assert not any(p.endswith(".html") for p in cacheable)


def test_watching_twice_changes_nothing(tmp_path: Path) -> None:
    server = server_watching(tmp_path)
    try:
        assert patches.watch_with_inotify(server)
        assert not patches.watch_with_inotify(server)  # already native
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_a_failing_native_watcher_keeps_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchdog.observers

    class Broken(threading.Thread):
        def schedule(self, *args: object, **kwargs: object) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers, "Observer", Broken)
    server = server_watching(tmp_path)
    try:
        assert not patches.watch_with_inotify(server)
        assert isinstance(server.observer, PollingObserver)
    finally:
        server.server_close()


def test_an_unchanged_page_is_not_parsed_again_for_search(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from material.plugins.search import plugin as search

    parsed = []
    parser = search.Parser
    monkeypatch.setattr(search, "Parser", lambda *a: parsed.append(1) or parser(*a))
    original = search.SearchIndex.add_entry_from_context
    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", original)
    page = SimpleNamespace(
        url="faq/",
        content='<h1 id="faq">FAQ</h1><p>Is it fast?</p><h2 id="speed">Speed</h2><p>Yes.</p>',
        meta={},
        title="FAQ",
        toc=[],
    )

    def entries() -> list[dict[str, object]]:
        index = search.SearchIndex()
        index.add_entry_from_context(page)
        return list(index.entries)

    expected = entries()
    assert len(expected) == 2 and len(parsed) == 1
    patches.cache_search_entries()
    assert entries() == expected and len(parsed) == 2
    assert entries() == expected and len(parsed) == 2  # from the cache: not parsed again
    page.content = page.content.replace("Yes.", "Yes, mostly.")
    changed = entries()
    assert len(parsed) == 3 and "Yes, mostly." in str(changed[1]["text"])


def test_a_rebuild_converts_only_the_pages_whose_markdown_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In serve, an unchanged page keeps its HTML; the output equals a fresh build's."""
    import logging
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.structure.pages import Page

    from macros.mkdocs_plugin.patches import cache_page_rendering

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    converted: list[str] = []  # the pages really converted (under the cache)
    render = Page.render
    monkeypatch.setattr(
        Page, "render", lambda page, *a: converted.append(page.file.src_uri) or render(page, *a)
    )
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def rebuild(site: str) -> dict[str, str]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / site))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return {
            p.relative_to(tmp_path / site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((tmp_path / site).rglob("*.html"))
        }

    cache_page_rendering()
    first = rebuild("one")
    pages = len(converted)
    assert pages >= 3
    assert rebuild("two") == first
    assert len(converted) == pages  # nothing changed: no page converted again
    faq = project / "data/faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("?", "? Really?", 1), encoding="utf-8")
    changed = rebuild("three")
    assert 1 <= len(converted) - pages < pages  # only the pages that show the FAQ
    assert changed["faq/index.html"] != first["faq/index.html"]
    assert changed["comparison/index.html"] == first["comparison/index.html"]


def test_the_preview_watches_the_data_the_templates_and_the_theme_overrides(
    tmp_path: Path,
) -> None:
    """MkDocs watches content/ and mkdocs.yml; a save in data/, the renderer's templates
    or overrides/ (watched by MkDocs only with --watch-theme) must rebuild too."""
    from macros.mkdocs_plugin.plugin import ComparisonPlugin
    from macros.render.pages import TEMPLATE_DIR

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    plugin = config.plugins["comparison"]
    assert isinstance(plugin, ComparisonPlugin)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        plugin.config.fast_preview = False
        plugin.on_serve(server, config=config, builder=lambda: None)
        watched = set(server._watched_paths)
    finally:
        server.server_close()
    assert {str(ROOT / "data"), str(TEMPLATE_DIR), str(ROOT / "overrides")} <= watched
