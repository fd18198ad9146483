"""Regular files only under data/ and content/ (of the listed types in content/); nothing
followed, nothing outside read."""

from __future__ import annotations

import os
from pathlib import Path

from macros.safety.files import CONTENT_TYPES, inside, safe_to_read, scan_tree
from tests.harness.site import ROOT


def test_links_folders_and_extensions_are_reported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = repo / "data"
    (data / "frameworks").mkdir(parents=True)
    (data / "frameworks" / "alpha.yml").write_text("name: Alpha\n")
    outside = tmp_path / "outside.yml"
    outside.write_text("name: Outside\n")
    (data / "frameworks" / "gamma.yml").symlink_to(outside)
    (data / "frameworks" / "ghost.yml").symlink_to("nowhere.yml")
    (data / "frameworks" / "beta2.yml").symlink_to("alpha.yml")
    (data / "frameworks" / "x.yml").mkdir()
    (data / "frameworks" / "delta.YML").write_text("name: Delta\n")
    (data / "frameworks" / "eps.yaml").write_text("name: Eps\n")
    os.mkfifo(data / "frameworks" / "pipe.yml")
    found = [(i.shown(repo), i.code, i.target) for i in scan_tree(data, data_files=True)]
    assert found == [
        ("data/frameworks/beta2.yml", "symlink", "alpha.yml"),
        ("data/frameworks/delta.YML", "yaml-extension", ""),
        ("data/frameworks/eps.yaml", "yaml-extension", ""),
        ("data/frameworks/gamma.yml", "symlink", str(outside)),
        ("data/frameworks/ghost.yml", "dangling-symlink", "nowhere.yml"),
        ("data/frameworks/pipe.yml", "not-regular-file", "a named pipe"),
        ("data/frameworks/x.yml", "folder-named-yml", ""),
    ]


def test_content_links_are_reported_and_never_followed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "env.txt").symlink_to("/proc/self/environ")
    (content / "loop").symlink_to(content)  # a link loop must not hang the walk
    (content / "sub" / "page.md").write_text("# Page\n")
    (content / "notes.yml").mkdir()  # fine outside data/
    found = [(i.shown(tmp_path), i.code) for i in scan_tree(content, data_files=False)]
    assert found == [("content/env.txt", "symlink"), ("content/loop", "symlink")]


def test_a_linked_data_folder_is_reported_itself(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "data").symlink_to(tmp_path / "elsewhere")
    assert [i.code for i in scan_tree(tmp_path / "data", data_files=True)] == ["symlink"]


def test_safe_to_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    good = repo / "data" / "a.yml"
    good.write_text("a: 1\n")
    (repo / "data" / "link.yml").symlink_to(good)
    (repo / "linked").symlink_to(repo / "data")
    assert safe_to_read(good, repo)
    assert not safe_to_read(repo / "data" / "link.yml", repo)
    assert not safe_to_read(repo / "linked" / "a.yml", repo)
    assert not safe_to_read(Path("/etc/passwd"), repo)
    assert not inside(repo / ".." / "x", repo)


def test_content_holds_only_the_listed_file_types(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "assets" / "fonts").mkdir(parents=True)
    (content / ".git").mkdir()
    (content / "templates").mkdir()
    for name in (
        "page.md",
        "assets/site.CSS",  # the suffix in any case
        "assets/app.js",
        "assets/logo.svg",
        "assets/fonts/x.woff2",
        "assets/robots.txt",
        "page.html",
        "old.htm",
        "doc.xhtml",
        "movie.swf",
        "tool.exe",
        "README",
        "assets/fonts/x.svgz",
        ".DS_Store",  # MkDocs never publishes a dotfile, a dot-folder, a top-level templates/
        ".git/config",
        "templates/page.html",
    ):
        (content / name).write_text("x", encoding="utf-8")
    found = [(i.shown(tmp_path), i.code, i.target) for i in scan_tree(content, data_files=False)]
    assert found == [
        ("content/README", "content-type", ""),
        ("content/assets/fonts/x.svgz", "content-type", ".svgz"),
        ("content/doc.xhtml", "content-type", ".xhtml"),
        ("content/movie.swf", "content-type", ".swf"),
        ("content/old.htm", "content-type", ".htm"),
        ("content/page.html", "content-type", ".html"),
        ("content/tool.exe", "content-type", ".exe"),
    ]


def test_the_content_types_cover_what_the_site_ships() -> None:
    shipped = {p.suffix.lower() for p in (ROOT / "content").rglob("*") if p.is_file()}
    assert shipped <= set(CONTENT_TYPES)
    assert {".html", ".htm", ".xhtml", ".xml", ".swf", ".exe", ""}.isdisjoint(CONTENT_TYPES)
