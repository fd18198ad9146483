"""The fast preview's caches (issue 14) never change what the preview shows.

A rebuild in `serve` reuses files read before (macros.data.file_reader.ReadCache),
converted Markdown, search entries and filled page templates
(macros.mkdocs_plugin.template_cache). After each kind of save an editor or a
developer makes, the cached rebuild must write exactly what a plain rebuild of
the same project writes, file for file.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.data.file_reader import ReadCache
from macros.data.loader import load
from macros.mkdocs_plugin import build_cache, template_cache
from macros.mkdocs_plugin.build_cache import BuildCache
from tests.harness.site import ROOT

PROJECT_PARTS = ("mkdocs.yml", "data", "content", "overrides")

# A plain rebuild as `mkdocs serve` makes it, in a process of its own (the caches
# patch MkDocs for the whole process): fast_preview off, so nothing is reused.
PLAIN_REBUILD = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.ERROR)
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins["comparison"].config.fast_preview = False
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
"""


def written(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real site; MkDocs' classes are put back after the test."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    for cls, name in (
        (Page, "render"),
        (Files, "add_files_from_theme"),
        (SearchIndex, "add_entry_from_context"),
    ):
        monkeypatch.setattr(cls, name, getattr(cls, name))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    folder = tmp_path / "project"
    folder.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy2(source, folder / part)
    return folder


def fast_rebuild(project: Path, site: Path) -> dict[str, bytes]:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    assert config.plugins["comparison"].config.fast_preview
    build(config, serve_url="http://127.0.0.1:8000/")
    return written(site)


def plain_rebuild(project: Path, site: Path) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-c", PLAIN_REBUILD, str(project / "mkdocs.yml"), str(site)],
        check=True,
        cwd=project,
        timeout=120,
    )
    return written(site)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_every_kind_of_save_the_fast_preview_writes_what_a_plain_rebuild_writes(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "fast"
    first = fast_rebuild(project, site)
    assert fast_rebuild(project, site) == first  # nothing changed: the caches answer

    saves = [
        # the intro of the home page (the benchmark's save)
        (project / "data/site.yml", "intro: |\n", "intro: |\n  A sentence added first.\n\n"),
        # a topic's title: every page's navigation changes
        (project / "data/dimensions/security.yml", "title: ", "title: Safety, "),
        # a theme template of the project: every page's frame changes
        (project / "overrides/main.html", "{% extends", "<!-- edited -->\n{% extends"),
    ]
    for step, (path, old, new) in enumerate(saves):
        edit(path, old, new)
        fast = fast_rebuild(project, site)
        plain = plain_rebuild(project, tmp_path / f"plain-{step}")
        assert sorted(fast) == sorted(plain), path.name
        different = [name for name in fast if fast[name] != plain[name]]
        assert different == [], f"after editing {path.name}: {different}"
        assert fast != first
        first = fast


def test_a_template_context_holding_something_unknown_is_rendered_every_time() -> None:
    class Unknown:
        pass

    assert template_cache._context_key({"page": object(), "nav": object()}) is None
    assert not template_cache._plain(Unknown())
    assert template_cache._plain({"a": [1, "b", None, (2.0, True)]})


def test_the_error_page_is_kept_by_its_context_and_the_sitemap_never() -> None:
    """404.html has no page: its key is the navigation and the rest of its context. The
    sitemap has none either, but reads every page's dates: it is filled every time."""
    from mkdocs.structure.nav import Navigation

    nav = Navigation([], [])
    context = {"page": None, "nav": nav, "base_url": "/", "pages": []}
    key = template_cache._context_key(context, "404.html")
    assert key is not None
    assert template_cache._context_key({**context, "base_url": "/docs/"}, "404.html") != key
    assert template_cache._context_key(context, "sitemap.xml") is None
    assert template_cache._context_key(context) is None


def test_no_template_reads_what_the_page_cache_leaves_out() -> None:
    """The cache key leaves out IGNORED_CONTEXT: if a template read it, a page would go stale."""
    import material  # type: ignore[import-untyped]

    folders = [Path(material.__file__).parent / "templates", ROOT / "overrides"]
    for folder in folders:
        for template in folder.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            for name in template_cache.IGNORED_CONTEXT:
                assert name not in text, f"{template} reads {name}"


def test_a_read_cache_answers_for_unchanged_files_only(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    cache = ReadCache()
    plain = load(project / "data", project)
    first = load(project / "data", project, cache=cache)
    assert cache.hits == 0
    assert first.dataset == plain.dataset and first.problems == plain.problems
    again = load(project / "data", project, cache=cache)
    assert cache.hits == len(first.files) >= 15
    assert again.dataset == plain.dataset and again.problems == plain.problems

    edit(project / "data/site.yml", "title: ", "title: \u00a0")  # a non-breaking space
    hits = cache.hits
    broken = load(project / "data", project, cache=cache)
    assert cache.hits == hits + len(first.files) - 1  # site.yml was read again
    assert broken.dataset is None
    assert (
        [p for p in broken.problems if p.path == "data/site.yml"]
        == [p for p in load(project / "data", project).problems if p.path == "data/site.yml"]
        != []
    )


def test_a_build_cache_keeps_what_the_last_two_builds_used() -> None:
    cache: BuildCache[str, int] = BuildCache()
    for page in range(1000):  # more pages than any fixed size would hold
        cache.put(f"page-{page}", page)
    build_cache.new_build()
    assert all(cache.get(f"page-{page}") == page for page in range(0, 1000, 2))  # used again
    build_cache.new_build()
    assert cache.get("page-0") == 0  # used in the build before: still there
    assert cache.get("page-1") is None  # unused for two builds: dropped
    assert len(cache) == 500
    build_cache.new_build()
    build_cache.new_build()
    assert len(cache) == 0


def test_the_save_that_mends_a_broken_one_finds_the_last_good_build_cached(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[str] = []  # pages really converted to HTML (under the cache)
    render = Page.render
    monkeypatch.setattr(
        Page, "render", lambda page, *a: converted.append(page.file.src_uri) or render(page, *a)
    )
    site = tmp_path / "fast"
    good = fast_rebuild(project, site)
    topic = project / "data/dimensions/security.yml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("title: ", "title: [", 1), encoding="utf-8")  # broken YAML
    assert "Data errors" in fast_rebuild(project, site)["index.html"].decode()
    topic.write_text(text, encoding="utf-8")
    before = len(converted)
    assert fast_rebuild(project, site) == good
    assert converted[before:] == []  # every page came from the last good build
