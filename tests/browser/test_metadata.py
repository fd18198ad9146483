"""What search engines and link previews read, checked in the built HTML: one
canonical URL, the page's description, Open Graph tags, JSON-LD generated from
the data (Article on the article, FAQPage on the FAQ), a complete sitemap, and
no resource loaded from another host."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from macros.data.loader import load_or_raise
from macros.data.model import Dataset
from macros.render import jsonld
from tests.browser.support import site_pages
from tests.harness.site import ROOT

pytestmark = pytest.mark.slow


class Head(HTMLParser):
    """The tags and JSON-LD blocks of one page that this test reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.resources: list[str] = []  # URLs the browser fetches on its own
        self.json_ld: list[str] = []
        self.summaries: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
            if {"stylesheet", "icon", "preload", "modulepreload"} & set(a.get("rel", "").split()):
                self.resources.append(a.get("href", ""))
        elif tag in {"script", "img", "iframe", "source", "audio", "video"} and a.get("src"):
            self.resources.append(a["src"])
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in, self._text = "json", []
        elif tag == "details" and "question" in a.get("class", "").split():
            self._in = "details"
        elif tag == "summary" and self._in == "details":
            self._in, self._text = "summary", []

    def handle_data(self, data: str) -> None:
        if self._in in {"json", "summary"}:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in == "json":
            self.json_ld.append("".join(self._text))
            self._in = None
        elif tag == "summary" and self._in == "summary":
            self.summaries.append(" ".join("".join(self._text).split()))
            self._in = None


def read_head(file: Path) -> Head:
    head = Head()
    head.feed(file.read_text(encoding="utf-8"))
    return head


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_or_raise(ROOT / "data", ROOT)


def page_file(site_dir: Path, path: str) -> Path:
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_every_page_has_canonical_description_and_open_graph(
    site_dir: Path, dataset: Dataset
) -> None:
    for path in site_pages(site_dir):
        if path == "404.html":
            continue  # an error page has no canonical address
        head = read_head(page_file(site_dir, path))
        url = urljoin(dataset.site.url, path)
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [url], path
        [description] = head.meta["description"]
        assert len(description) >= 50, (path, description)
        assert head.meta["og:description"] == [description], path
        assert head.meta["og:url"] == [url], path
        assert head.meta["og:site_name"] == [dataset.site.title], path
        assert head.meta["og:type"] == ["article" if path == "" else "website"], path
        assert head.meta["og:title"][0], path


def test_json_ld_is_generated_from_the_data(site_dir: Path, dataset: Dataset) -> None:
    expected = {"one-page/": "one-page.md", "faq/": "faq.md"}
    for path in site_pages(site_dir):
        head = read_head(page_file(site_dir, path))
        blocks = [json.loads(text) for text in head.json_ld]
        src_uri = expected.get(path)
        if src_uri is None:
            assert blocks == [], path
            continue
        assert blocks == jsonld.for_page(dataset, src_uri, urljoin(dataset.site.url, path))


def test_faq_json_ld_matches_the_questions_on_the_page(site_dir: Path) -> None:
    head = read_head(site_dir / "faq" / "index.html")
    [faq] = [json.loads(text) for text in head.json_ld]
    assert faq["@type"] == "FAQPage"
    assert [q["name"] for q in faq["mainEntity"]] == head.summaries
    assert len(head.summaries) >= 3
    ids = re.findall(
        r'<details class="question"[^>]*\bid="([^"]+)"',
        (site_dir / "faq" / "index.html").read_text(encoding="utf-8"),
    )
    assert [urlsplit(q["url"]).fragment for q in faq["mainEntity"]] == ids


def test_article_json_ld(site_dir: Path, dataset: Dataset) -> None:
    # The Article is the whole comparison, on its one page.
    [article] = [json.loads(t) for t in read_head(site_dir / "one-page" / "index.html").json_ld]
    assert article["@type"] == "Article"
    assert article["headline"] == dataset.site.title
    assert article["dateModified"] == max(d.last_reviewed for d in dataset.dimensions)
    cited = {s["url"] for s in article["citation"]}
    footnotes = set(
        re.findall(
            r'<li id="fn:[^"]+">\s*<p><a href="([^"]+)"',
            (site_dir / "one-page" / "index.html").read_text(encoding="utf-8"),
        )
    )
    assert footnotes and cited == footnotes  # the same sources the page lists


def test_sitemap_lists_every_page(site_dir: Path, dataset: Dataset) -> None:
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)}
    pages = {urljoin(dataset.site.url, p) for p in site_pages(site_dir) if p != "404.html"}
    assert listed == pages


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    found = {}
    for path in site_pages(site_dir):
        external = [
            url
            for url in read_head(page_file(site_dir, path)).resources
            if urlsplit(url).scheme in {"http", "https"} or url.startswith("//")
        ]
        if external:
            found[path] = external
    assert found == {}
