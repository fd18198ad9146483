"""finish_site reads each built page once, and names the file each page comes from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from macros.publish.build import finish_site, with_sources
from macros.publish.headers import header_files
from macros.publish.minify import MINIFIERS
from macros.publish.page_source import page_source
from macros.safety.site import load_allowlist, run_site_audit
from tests.harness.site import FIXTURES, ROOT

HEADERS_SOURCE = ROOT / "deploy" / "headers.toml"
minify_css = MINIFIERS[".css"]
SCOPE = next(s for s in load_allowlist().scripts if s.name == "material-scope")


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("404.html", "overrides/404.html"),
        ("index.html", "data/, laid out by macros/templates/hub.md.j2"),
        ("faq/index.html", "data/faq.yml, laid out by macros/templates/faq.md.j2"),
        (
            "security/index.html",
            "data/dimensions/security.yml, laid out by macros/templates/topic.md.j2",
        ),
        (
            "frameworks/flask/index.html",
            "data/frameworks/flask.yml, laid out by macros/templates/framework.md.j2",
        ),
        (
            "compare/flask-vs-django/index.html",
            "data/frameworks/flask.yml and data/frameworks/django.yml, "
            "laid out by macros/templates/pair.md.j2",
        ),
        ("no-such-page/index.html", ""),
        ("assets/x.html", ""),
    ],
)
def test_each_page_of_the_real_site_names_its_source(page: str, source: str) -> None:
    assert page_source(page, ROOT) == source


def test_a_hand_written_page_and_an_error_page_override_are_named(tmp_path: Path) -> None:
    (tmp_path / "content" / "guide").mkdir(parents=True)
    (tmp_path / "content" / "notes.md").write_text("# Notes\n")
    (tmp_path / "content" / "guide" / "index.md").write_text("# Guide\n")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "404.html").write_text("{% extends 'main.html' %}\n")
    assert page_source("notes/index.html", tmp_path) == "content/notes.md"
    assert page_source("notes.html", tmp_path) == "content/notes.md"
    assert page_source("guide/index.html", tmp_path) == "content/guide/index.md"
    assert page_source("404.html", tmp_path) == "overrides/404.html"
    assert page_source("templates-guide/index.html", FIXTURES / "minimal") == (
        "content/templates-guide.md"
    )


def test_a_file_copied_from_content_is_named(tmp_path: Path) -> None:
    """An SVG, a stylesheet or a raw .html file is published as it is: the same path."""
    (tmp_path / "content" / "assets").mkdir(parents=True)
    (tmp_path / "content" / "assets" / "logo.svg").write_text("<svg/>")
    (tmp_path / "content" / "raw.htm").write_text("<p>x</p>")
    assert page_source("assets/logo.svg", tmp_path) == "content/assets/logo.svg"
    assert page_source("raw.htm", tmp_path) == "content/raw.htm"
    assert page_source("assets/other.svg", tmp_path) == ""


def test_a_file_of_the_theme_override_is_named(tmp_path: Path) -> None:
    """A static template (notes.html) or a file the theme copies (old.htm) comes from
    overrides/; a page of content/ of the same name wins, as in MkDocs."""
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "notes.html").write_text("<p>x</p>")
    (tmp_path / "overrides" / "old.htm").write_text("<p>x</p>")
    assert page_source("notes.html", tmp_path) == "overrides/notes.html"
    assert page_source("old.htm", tmp_path) == "overrides/old.htm"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "old.htm").write_text("<p>x</p>")
    assert page_source("old.htm", tmp_path) == "content/old.htm"


def test_a_minified_stylesheet_finding_names_the_line_in_its_source(tmp_path: Path) -> None:
    """The build serves content/'s CSS on one line: the source's line and column are named."""
    css = "/* x */\nbody {\n  background: url(https://evil.example/a.png);\n}\n"
    css += "@import 'https://evil.example/b.css';\n"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "extra.css").write_text(css)
    site = tmp_path / "site"
    site.mkdir()
    (site / "extra.css").write_text(minify_css(css))
    findings = with_sources(run_site_audit(site).findings, site, tmp_path)
    assert [(f.line, f.message.rsplit("; ", 1)[1]) for f in findings] == [
        (1, "the page comes from content/extra.css:3:15"),
        (1, "the page comes from content/extra.css:5:1"),
    ]


def test_finish_site_reads_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    for folder in ("", "a/", "b/c/"):
        (site / folder).mkdir(parents=True, exist_ok=True)
        base = "/".join([".."] * folder.count("/")) or "."
        (site / folder / "index.html").write_text(
            f"<head><script>{SCOPE.render(base)}</script><style>.x{{color:red}}</style></head>"
            '<p class="x">text</p>\n'
        )
    expected = header_files(site, HEADERS_SOURCE, strict=False)["_headers"]
    reads: Counter[str] = Counter()
    read_text = Path.read_text

    def counted(path: Path, *args: object, **kwargs: object) -> str:
        if path.suffix == ".html":
            reads[path.relative_to(site).as_posix()] += 1
        return read_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    finish_site(site, HEADERS_SOURCE, tmp_path)
    assert reads == {"index.html": 1, "a/index.html": 1, "b/c/index.html": 1}
    # The one reading gives the headers what three readings gave them before.
    assert (site / "_headers").read_text(encoding="utf-8") == expected
    assert "'sha256-" in expected
