"""No broken internal link in the built site: every href and src that points
into the site (relative, root-relative, or under the site URL) names a file
that exists, and every #fragment names an id on the target page."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from macros.data.loader import load_or_raise
from tests.browser.support import site_pages
from tests.harness.site import ROOT

pytestmark = pytest.mark.slow

LOCAL = "http://site.invalid/"  # stands in for wherever the site is served


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        for name in ("href", "src"):
            if name in a and tag != "base":
                self.urls.append(a[name])
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])


@cache
def parse(file: Path) -> Links:
    links = Links()
    links.feed(file.read_text(encoding="utf-8"))
    return links


def target_file(site_dir: Path, path: str) -> Path:
    file = site_dir / unquote(path).lstrip("/")
    return file / "index.html" if path.endswith("/") else file


def broken_links(site_dir: Path, site_url: str) -> dict[str, list[str]]:
    broken: dict[str, list[str]] = {}
    for page in site_pages(site_dir):
        page_url = urljoin(LOCAL, page)
        for raw in parse(target_file(site_dir, "/" + page)).urls:
            url = raw.replace(site_url, LOCAL, 1) if raw.startswith(site_url) else raw
            absolute = urljoin(page_url, url)
            parts = urlsplit(absolute)
            if not absolute.startswith(LOCAL):
                continue  # another site, mailto:, data: ...
            file = target_file(site_dir, parts.path)
            problem = None
            if not file.is_file():
                problem = "no such file"
            elif (
                parts.fragment
                and file.suffix == ".html"
                and unquote(parts.fragment) not in parse(file).ids
            ):
                problem = f"no id {parts.fragment!r} on {parts.path}"
            if problem:
                broken.setdefault(page or "/", []).append(f"{raw}: {problem}")
    return broken


def test_no_broken_internal_links(site_dir: Path) -> None:
    site_url = load_or_raise(ROOT / "data", ROOT).site.url
    assert broken_links(site_dir, site_url) == {}


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    """Guards the checker itself: a missing page and a missing anchor are caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a>'
        '<a href="b/">missing page</a><a href="a/#gone">missing anchor</a>'
        '<a href="https://site.example/a/#nope">canonical, missing anchor</a>'
        '<a href="https://elsewhere.example/x">other site</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>')
    assert broken_links(tmp_path, "https://site.example/") == {
        "/": [
            "b/: no such file",
            "a/#gone: no id 'gone' on /a/",
            "https://site.example/a/#nope: no id 'nope' on /a/",
        ]
    }
