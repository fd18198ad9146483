"""A third framework appears everywhere; nothing is tied to a pair."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest

from macros.data.loader import load_or_raise
from macros.render.tables import relative_url
from tests.harness.site import FIXTURES, ROOT, mkdocs_build

pytestmark = pytest.mark.slow
THREE = FIXTURES / "three"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("three") / "site"
    # 2026-01-01: the export's build date must come from it.
    result = mkdocs_build(THREE / "mkdocs.yml", dest, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    return dest


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text()


def test_the_feature_table_has_a_column_per_framework(site: Path) -> None:
    table = read(site, "comparison")
    assert re.findall(r'<th\b[^>]*\bscope="col"[^>]*>([^<]+)</th>', table) == [
        "Feature",
        "Alpha",
        "Beta",
        "Gamma",
    ]
    assert '<td data-label="Gamma">None (API only)</td>' in table


def test_every_pair_has_a_page_with_its_own_verdicts_table_and_questions(site: Path) -> None:
    for a, b in (("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma")):
        page = read(site, f"compare/{a}-vs-{b}")
        headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
        assert headers.count(a.title()) == 2 and headers.count(b.title()) == 2
        assert 'href="../../faq/#which-first"' in page
    gamma = read(site, "compare/alpha-vs-gamma")
    assert "<td>Gamma has no templates of its own.</td>" in gamma
    assert "<td>Routes and nothing else.</td>" in gamma


def test_each_framework_has_a_page_with_every_dimension(site: Path) -> None:
    page = read(site, "frameworks/gamma")
    assert re.findall(r'<h2 id="([^"]+)"', page) == ["architecture", "templates"]
    assert "Gamma maps routes to functions." in page
    assert "Gamma returns JSON only" in page and 'href="#fn:gamma-notes"' in page


def test_the_index_links_every_pair_page(site: Path) -> None:
    index = read(site, "compare")
    links = re.findall(r'<a href="([^"]+)">(\w+) vs (\w+)</a>', index)
    assert links == [
        ("alpha-vs-beta/", "Alpha", "Beta"),
        ("alpha-vs-gamma/", "Alpha", "Gamma"),
        ("beta-vs-gamma/", "Beta", "Gamma"),
    ]


def nav_pages(site: Path, path: str) -> set[str]:
    """Pages linked from a page's site navigation, as site paths (TOC anchors left out)."""
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', read(site, path))
    return {urljoin(f"https://x/{path}", link) for link in links if not link.startswith("#")}


def test_navigation_stays_small_as_frameworks_are_added(site: Path) -> None:
    home = nav_pages(site, "")
    topics = tuple(f"{d.id}/" for d in load_or_raise(THREE / "data").dimensions)
    pages = ("", *topics, "comparison/", "faq/", "compare/", "one-page/", "notes/")
    assert home == {f"https://x/{p}" for p in pages}  # topics, never frameworks or pairs
    assert nav_pages(site, "compare/alpha-vs-gamma/") == home
    assert nav_pages(site, "frameworks/gamma/") == home


def test_search_indexes_each_text_once(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    # Framework and pair pages are found ("gamma", "alpha vs gamma"), but every
    # framework's text is found once, on its topic page, featured or not: the
    # framework page's copy of it is left out (macros.render.search_index.merge).
    assert "frameworks/gamma/" in locations and "compare/alpha-vs-gamma/" in locations
    assert "one-page/" not in locations
    gamma = [doc for doc in index["docs"] if "Gamma returns JSON only" in doc["text"]]
    assert [doc["location"].split("#")[0] for doc in gamma] == ["templates/"]


def test_the_export_has_everything_and_matches_its_schema(site: Path) -> None:
    export = json.loads((site / "api" / "comparison.json").read_text())
    schema = json.loads((site / "api" / "comparison.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(export)
    data = load_or_raise(THREE / "data")
    assert [f["id"] for f in export["frameworks"]] == ["alpha", "beta", "gamma"]
    assert export["dimensions"][1]["frameworks"]["gamma"]["verdict"] == (
        "Gamma has no templates of its own."
    )
    assert export["dimensions"][0]["unknown"] == []
    templating = next(row for row in export["table"] if row["id"] == "templating")
    assert templating["values"]["gamma"] == "None (API only)"
    assert [q["id"] for q in export["faq"]] == [q.id for q in data.questions]
    assert [s["id"] for s in export["sources"]] == list(data.sources)
    assert export["build_date"] == "2026-01-01"
    assert export["licence"]


def test_the_shipped_export_matches_its_schema(site_dir: Path) -> None:
    export = json.loads((site_dir / "api" / "comparison.json").read_text())
    schema = json.loads((ROOT / "macros" / "schemas" / "export.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(export)
    shipped = load_or_raise(ROOT / "data").frameworks  # read from data/: a new one may join
    assert [f["id"] for f in export["frameworks"]] == [f.id for f in shipped]


@pytest.mark.parametrize(
    ("target", "source", "directory_urls", "expected"),
    [
        ("faq.md#x", "compare/a-vs-b.md", True, "../../faq/#x"),
        ("faq.md#x", "compare/a-vs-b.md", False, "../faq.html#x"),
        ("index.md", "compare/a-vs-b.md", True, "../../"),
        ("comparison.md", "index.md", True, "comparison/"),
        ("compare/index.md", "frameworks/a.md", True, "../../compare/"),
        ("faq.md", "faq.md", True, "./"),
    ],
)
def test_relative_url(target: str, source: str, directory_urls: bool, expected: str) -> None:
    assert relative_url(target, source, directory_urls) == expected


def test_synthetic_data_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts" / "bench"))
    import synthetic

    synthetic.generate(tmp_path / "p", frameworks=4, dimensions=3)
    data = load_or_raise(tmp_path / "p" / "data")
    assert len(data.frameworks) == 4 and len(data.dimensions) == 3
    assert all(len(d.takes) == 4 for d in data.dimensions)


def test_the_shipped_site_carries_fastapi_everywhere(site_dir: Path) -> None:
    """Issue 15: the third real framework is on every topic, table, pair page,
    search and export, the home page leads to it, and nothing is unreviewed."""
    data = load_or_raise(ROOT / "data")
    home = read(site_dir, "")
    for pair in ("flask-vs-fastapi", "django-vs-fastapi"):
        assert f'href="compare/{pair}/"' in home, pair
        page = read(site_dir, f"compare/{pair}")
        assert "side by side: one verdict from each on every topic" in page
        # The rows where the two differ lead the table, before "At a glance".
        groups = re.findall(r'<th [^>]*scope="rowgroup"[^>]*>(?:<a [^>]*>)?([^<]+)<', page)
        assert groups[:2] == ["Where they differ", "At a glance"], groups
    assert 'href="frameworks/fastapi/"' in home and 'href="comparison/"' in home
    for dim in data.dimensions:
        assert f'id="{dim.id}-fastapi"' in read(site_dir, dim.id), dim.id
    table = read(site_dir, "comparison")
    assert re.findall(r'<th\b[^>]*\bscope="col"[^>]*>([^<]+)</th>', table)[1:4] == [
        "Flask",
        "Django",
        "FastAPI",
    ]
    for page in site_dir.rglob("*.html"):
        text = page.read_text()
        assert "Not reviewed yet" not in text and "not been reviewed" not in text, page
    export = json.loads((site_dir / "api" / "comparison.json").read_text())
    assert all("fastapi" in dim["frameworks"] for dim in export["dimensions"])
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    assert any(
        "Django Ninja" in doc["text"] for doc in index["docs"] if doc["location"].startswith("faq/")
    )
