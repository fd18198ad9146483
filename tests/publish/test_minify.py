"""The site's own stylesheets and scripts are minified in builds, never in the preview."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.publish.minify import minify_files, needs_minifying
from tests.harness.site import FIXTURES, ROOT

OWN = (
    "assets/stylesheets/reader.css",
    "assets/javascripts/reader.js",
    "assets/javascripts/search-on-demand.js",
    "assets/javascripts/workers/search-fuzzy.js",
)


def test_only_files_not_minified_already_are_minified() -> None:
    assert needs_minifying("assets/stylesheets/reader.css")
    assert needs_minifying("assets/javascripts/workers/search-fuzzy.js")
    assert not needs_minifying("assets/javascripts/bundle.a5f9d56c.min.js")
    assert not needs_minifying("assets/stylesheets/main.57a0d79d.min.css")
    assert not needs_minifying("index.html")


def test_minifying_keeps_the_code_and_drops_comments_and_spaces(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("/* why */\nmain  p {\n  color: red;\n}\n")
    (tmp_path / "a.js").write_text("// why\nconst x = 1;  /* and */\nif (x) { f(/a b/g); }\n")
    (tmp_path / "b.min.js").write_text("var   y = 2;\n")
    assert minify_files(tmp_path, ["a.css", "a.js", "b.min.js"]) == ["a.css", "a.js"]
    assert (tmp_path / "a.css").read_text() == "main p{color:red}\n"
    assert (tmp_path / "a.js").read_text() == "const x=1;if(x){f(/a b/g);}\n"
    assert (tmp_path / "b.min.js").read_text() == "var   y = 2;\n"
    assert minify_files(tmp_path, ["a.css", "a.js"]) == []  # a second pass changes nothing


def test_a_build_ships_the_sites_own_files_minified(site_dir: Path) -> None:
    for path in OWN:
        written = (ROOT / "content" / path).read_text(encoding="utf-8")
        shipped = (site_dir / path).read_text(encoding="utf-8")
        assert "/*" in written and "/*" not in shipped, path
        assert len(shipped) < 0.8 * len(written), path


@pytest.mark.slow
def test_the_preview_keeps_them_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    script = project / "content" / "assets" / "x.js"
    script.parent.mkdir(parents=True)
    script.write_text("// explained\nconst answer = 42;\n", encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    for command, expected in (("serve", script.read_text()), ("build", "const answer=42;\n")):
        site = tmp_path / command
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins["comparison"].config.fast_preview = False
        config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
        assert (site / "assets" / "x.js").read_text(encoding="utf-8") == expected, command
