"""Every value printed into <head> and the header is escaped (overrides/).

MkDocs' theme environment has autoescape off and Material 9.8.1 prints the
site name, descriptions, the canonical URL and titles as they are: a quote in
data/site.yml used to end an attribute and start a meta refresh. Each value
here holds a double quote, a '<' and an '&', and must come back from the HTML
parser exactly as written, with no element or attribute of its own.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.harness.site import FIXTURES, ROOT, mkdocs_build

pytestmark = pytest.mark.slow  # every test builds a site

SITE_TITLE = 'Alpha "vs" Beta <3 & co'
DESCRIPTION = '0;url=https://evil.example/" http-equiv="refresh" a<b & c'
SITE_URL = "https://x.example/"
PAGE_NAME = 'a"b<c&d'  # a hand-written page's name is in its canonical URL
H1_TITLE = 'Heading " with <3 & more'
META_TITLE = 'Front "matter" <3 & co'
META_DESCRIPTION = 'Page "description" <3 & co'


class Page(HTMLParser):
    """What a reader's browser takes from <head> and the header."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.logos: list[dict[str, str]] = []
        self.topics: list[str] = []
        self.tags: list[str] = []
        self._in_title = False
        self._topic: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        if "http-equiv" in a:
            self.meta["http-equiv"] = a["http-equiv"]
        if tag == "link" and "rel" in a:
            self.links[a["rel"]] = a.get("href", "")
        if tag == "title":
            self._in_title = True
        if tag == "a" and "md-logo" in a.get("class", ""):
            self.logos.append(a)
        if tag == "span" and a.get("class") == "md-ellipsis" and len(self.topics) < 2:
            self._topic = []

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._topic is not None:
            self._topic.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "span" and self._topic is not None:
            self.topics.append(" ".join("".join(self._topic).split()))
            self._topic = None


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("escaping") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        ),
        encoding="utf-8",
    )
    site_yml = project / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    for old, new in (
        ("title: Alpha vs Beta", f"title: '{SITE_TITLE}'"),
        ("description: A small comparison used by the tests.", f"description: '{DESCRIPTION}'"),
        ("url: https://example.org/", f"url: '{SITE_URL}'"),
    ):
        assert old in text
        text = text.replace(old, new)
    site_yml.write_text(text, encoding="utf-8")
    (project / "content" / "heading.md").write_text(f"# {H1_TITLE}\n\nText.\n")
    (project / "content" / f"{PAGE_NAME}.md").write_text("# Named\n\nText.\n")
    (project / "content" / "front.md").write_text(
        f"---\ntitle: '{META_TITLE}'\ndescription: '{META_DESCRIPTION}'\n---\n\n# X\n\nText.\n"
    )
    site = project / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    return site


def test_site_title_in_title_og_and_header(hostile_site: Path) -> None:
    home = read(hostile_site / "index.html")
    assert home.title == SITE_TITLE
    assert home.meta["og:site_name"] == SITE_TITLE
    assert home.meta["og:title"] == SITE_TITLE
    assert [logo["aria-label"] for logo in home.logos] == [SITE_TITLE, SITE_TITLE]
    assert [logo["title"] for logo in home.logos] == [SITE_TITLE, SITE_TITLE]
    assert home.topics[0] == SITE_TITLE


def test_description_in_meta_and_og(hostile_site: Path) -> None:
    home = read(hostile_site / "index.html")
    assert home.meta["description"] == DESCRIPTION
    assert home.meta["og:description"] == DESCRIPTION
    assert "http-equiv" not in home.meta


HOSTILE_SITE_URL = 'https://x.example/a"b<c&d/'


@pytest.fixture(scope="module")
def theme_only_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site_url straight from mkdocs.yml, past the data rules (which refuse it):
    the overrides must escape it on their own."""
    project = tmp_path_factory.mktemp("theme-only") / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "index.md").write_text("# Home\n\nText.\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Plain\n"
        f"site_url: '{HOSTILE_SITE_URL}'\n"
        "docs_dir: content\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        "plugins: [search]\n",
        encoding="utf-8",
    )
    site = project / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def test_canonical_url_in_link_and_og(theme_only_site: Path, hostile_site: Path) -> None:
    home = read(theme_only_site / "index.html")
    assert home.links["canonical"] == HOSTILE_SITE_URL
    assert home.meta["og:url"] == HOSTILE_SITE_URL
    assert HOSTILE_SITE_URL not in (theme_only_site / "index.html").read_text(encoding="utf-8")
    # A page's own name is percent-encoded by MkDocs before it gets here.
    page = read(hostile_site / PAGE_NAME / "index.html")
    assert page.links["canonical"] == f"{SITE_URL}a%22b%3Cc%26d/"


def test_a_heading_title_in_title_and_header(hostile_site: Path) -> None:
    page = read(hostile_site / "heading" / "index.html")
    assert page.title == f"{H1_TITLE} - {SITE_TITLE}"
    assert page.meta["og:title"] == H1_TITLE
    assert page.topics == [SITE_TITLE, H1_TITLE]


def test_a_front_matter_title_and_description(hostile_site: Path) -> None:
    page = read(hostile_site / "front" / "index.html")
    assert page.title == f"{META_TITLE} - {SITE_TITLE}"
    assert page.meta["og:title"] == META_TITLE
    assert page.meta["description"] == META_DESCRIPTION
    assert page.meta["og:description"] == META_DESCRIPTION
    assert page.topics == [SITE_TITLE, META_TITLE]


def test_no_value_made_an_element_of_its_own(hostile_site: Path) -> None:
    for name in ("index.html", "heading/index.html", "front/index.html", f"{PAGE_NAME}/index.html"):
        html = (hostile_site / name).read_text(encoding="utf-8")
        for value in (SITE_TITLE, DESCRIPTION, PAGE_NAME, H1_TITLE, META_TITLE):
            assert value not in html, (name, value)  # only its escaped form is there
