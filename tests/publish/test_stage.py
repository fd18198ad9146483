"""`comparison stage`: the site as plain files, and Zensical building them like MkDocs does.

The slow tests stage a project, build it with Zensical (offline: in a network
namespace of its own when the machine allows one) and compare the result with
the MkDocs build of the same project: every page, heading id, table row id and
FAQ id must be there, and the JSON-LD must say the same. The fast tests pin the
two transformations a staged page goes through: relative links, front matter.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.cli import main
from macros.project import plugin_options
from macros.publish.stage import MARKER, StageError, stage, without_plugin
from macros.publish.staged_page import relative_links, split_front_matter, staged_markdown
from macros.render.jsonld import ARTICLE_PAGE, FAQ_PAGE
from macros.render.tables import page_dir
from tests.harness.site import FIXTURES, ROOT, mkdocs_build
from tests.harness.zensical import zensical_build

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# --- fast: links and front matter --------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "markdown", "expected"),
    [
        ("index.md", "See [the table](/comparison.md#orm).", "See [the table](comparison.md#orm)."),
        ("faq.md", "[a](/index.md#x) and [b](/faq.md)", "[a](index.md#x) and [b](faq.md)"),
        (
            "compare/a-vs-b.md",
            '[Alpha](/frameworks/alpha.md "Alpha\'s page")',
            '[Alpha](../frameworks/alpha.md "Alpha\'s page")',
        ),
        ("frameworks/a.md", "[all](/compare/index.md)", "[all](../compare/index.md)"),
        ("frameworks/a.md", "![logo](/assets/logo.png)", "![logo](../assets/logo.png)"),
        ("compare/index.md", "[ref]: /comparison.md#orm", "[ref]: ../comparison.md#orm"),
        (
            "index.md",
            '<td markdown="span">[x](/faq.md#q)</td>',
            '<td markdown="span">[x](faq.md#q)</td>',
        ),
    ],
)
def test_site_absolute_links_become_relative_to_the_page(
    src_uri: str, markdown: str, expected: str
) -> None:
    assert relative_links(markdown, src_uri) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "[external](https://example.org/x.md) and [relative](other.md#a) and [here](#top)",
        "protocol-relative [cdn](//cdn.example/x.js)",
        "in code: `[a](/b.md)` and ``[c](/d.md)``",
        "```markdown\n[a](/b.md)\n```",
        "!!! note\n    ~~~\n    [a](/b.md)\n    ~~~",
        "[^flask-docs]: /not/a/link is footnote text",
    ],
)
def test_links_that_are_not_site_absolute_and_code_are_left_alone(markdown: str) -> None:
    assert relative_links(markdown, "compare/a-vs-b.md") == markdown


def test_a_link_after_a_closed_fence_is_rewritten() -> None:
    markdown = "````\n```\n[a](/b.md)\n````\n[c](/d.md)"
    assert relative_links(markdown, "x/y.md") == "````\n```\n[a](/b.md)\n````\n[c](../d.md)"


def test_json_ld_joins_the_front_matter_and_the_body_is_kept() -> None:
    page = (
        '---\ntitle: "FAQ: \\"quoted\\""\ndescription: Short answers.\n---\n'
        "\n# FAQ\n\n[x](/index.md)\n"
    )
    blocks = [{"@type": "FAQPage", "name": "</script><b>", "n": 3}]
    staged = staged_markdown(page, "faq.md", blocks)
    meta, body = split_front_matter(staged)
    assert meta == {"title": 'FAQ: "quoted"', "description": "Short answers.", "jsonld": blocks}
    assert body == "\n# FAQ\n\n[x](index.md)\n"
    assert list(meta) == ["title", "description", "jsonld"]  # the page's own keys stay first


def test_a_page_without_front_matter_gets_one_only_when_there_is_json_ld() -> None:
    assert staged_markdown("# Title\n", "a.md", []) == "# Title\n"
    meta, body = split_front_matter(staged_markdown("# Title\n", "a.md", [{"a": "b"}]))
    assert meta == {"jsonld": [{"a": "b"}]} and body == "# Title\n"


def test_the_plugin_is_found_and_removed_in_each_way_mkdocs_yml_can_list_it() -> None:
    listed = ["search", {"comparison": {"data_dir": "d"}}]
    assert plugin_options({"plugins": listed}) == {"data_dir": "d"}
    assert plugin_options({"plugins": ["search", "comparison"]}) == {}
    assert plugin_options({"plugins": {"search": {}, "comparison": None}}) == {}
    assert plugin_options({"plugins": ["search"]}) is None
    assert plugin_options({"plugins": [{"comparison": {"enabled": False}}]}) is None
    assert without_plugin(listed) == ["search"]
    assert without_plugin({"search": {}, "comparison": {}}) == {"search": {}}


def test_stage_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "keep.txt").write_text("mine")
    with pytest.raises(StageError, match="not empty and was not staged"):
        stage(FIXTURES / "minimal" / "mkdocs.yml", mine)
    assert (mine / "keep.txt").read_text() == "mine"
    with pytest.raises(StageError, match="holds the project itself"):
        stage(FIXTURES / "minimal" / "mkdocs.yml", FIXTURES / "minimal")


def test_staging_twice_replaces_the_tree(tmp_path: Path) -> None:
    dest = tmp_path / "stage"
    stage(FIXTURES / "minimal" / "mkdocs.yml", dest)
    (dest / "docs" / "stale.md").write_text("# left over\n")
    staged = stage(FIXTURES / "minimal" / "mkdocs.yml", dest)
    assert (dest / MARKER).is_file() and not (dest / "docs" / "stale.md").exists()
    config = yaml.safe_load(staged.config.read_text())
    assert "comparison" not in json.dumps(config["plugins"])
    assert (dest / "docs" / "api" / "comparison.json").is_file()


def test_broken_data_stops_the_stage_with_every_problem_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    alpha = project / "data" / "frameworks" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("order: 10", "order: ten"))
    dest = tmp_path / "stage"
    assert main(["stage", str(dest), "--config", str(project / "mkdocs.yml")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: data/frameworks/alpha.yml (1 error)\n")
    assert "data/frameworks/alpha.yml:3:8: order:" in error
    assert not dest.exists() and not list(tmp_path.glob(".stage*"))


def test_the_command_stages_and_says_how_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "stage"
    assert main(["stage", str(dest), "--config", str(FIXTURES / "minimal" / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert f"zensical build -f {dest.resolve() / 'mkdocs.yml'}" in out
    config = yaml.safe_load((dest / "mkdocs.yml").read_text())
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["nav"] == [
        {"Overview": "index.md"},
        {"Topics": [{"Architecture": "architecture.md"}, {"Templates": "templates.md"}]},
        {"Feature table": "comparison.md"},
        {"FAQ": "faq.md"},
        {"All on one page": "one-page.md"},
        "templates-guide.md",  # hand-written pages follow, as in the MkDocs build
    ]
    assert config["validation"]["links"]["absolute_links"] == "warn"


# --- slow: the staged site built by Zensical against the MkDocs build --------------------------


class _Ids(HTMLParser):
    """Every element id of a page, by kind."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, set[str]] = defaultdict(set)
        self.jsonld: list[Any] = []
        self._in_jsonld = False
        self.resources: list[str] = []  # what the page loads: stylesheets, scripts, images

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if element_id := found.get("id"):
            kind = "heading" if tag in HEADINGS else {"tr": "row", "details": "faq"}.get(tag)
            self.ids[kind or "other"].add(element_id)
        if tag == "script" and found.get("type") == "application/ld+json":
            self._in_jsonld = True
        if tag in ("script", "img") and found.get("src"):
            self.resources.append(found["src"] or "")
        if tag == "link" and found.get("rel") in ("stylesheet", "preload", "icon", "preconnect"):
            self.resources.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))


def read_site(site: Path) -> dict[str, _Ids]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def missing(reference: dict[str, _Ids], built: dict[str, _Ids]) -> list[str]:
    """What the MkDocs build has and the Zensical build lacks, one line each."""
    lines = [f"{page}: page missing" for page in reference if page not in built]
    for page, ref in reference.items():
        if page not in built:
            continue
        for kind in ("heading", "row", "faq", "other"):
            lacking = sorted(ref.ids[kind] - built[page].ids[kind])
            lines += [f"{page}: {kind} id {element_id!r} missing" for element_id in lacking]
    return lines


PROJECTS = {"real": ROOT / "mkdocs.yml", "three": FIXTURES / "three" / "mkdocs.yml"}


@dataclass(frozen=True)
class Builds:
    project: str
    reference: dict[str, _Ids]  # the MkDocs build, with the plugin
    built: dict[str, _Ids]  # Zensical's build of the staged tree
    staged: Path
    seconds: float  # Zensical's build time
    mkdocs_site: Path


@pytest.fixture(scope="module")
def build_project(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Builds]:
    """Stage and build a project with both engines, once per module."""
    done: dict[str, Builds] = {}

    def build(name: str) -> Builds:
        if name not in done:
            config = PROJECTS[name]
            work = tmp_path_factory.mktemp(f"stage-{name}")
            reference = mkdocs_build(config, work / "mkdocs-site")
            assert reference.returncode == 0, reference.stderr
            staged = stage(config, work / "stage")
            result, seconds = zensical_build(staged.config)
            assert result.returncode == 0, result.stdout + result.stderr
            done[name] = Builds(
                name,
                read_site(work / "mkdocs-site"),
                read_site(work / "stage" / "site"),
                work / "stage",
                seconds,
                work / "mkdocs-site",
            )
        return done[name]

    return build


@pytest.fixture(params=sorted(PROJECTS))
def builds(request: pytest.FixtureRequest, build_project: Callable[[str], Builds]) -> Builds:
    return build_project(request.param)


@pytest.mark.slow
def test_zensical_builds_every_page_and_anchor_of_the_mkdocs_build(
    builds: Builds,
) -> None:
    reference, built = builds.reference, builds.built
    assert set(reference) <= set(built)
    assert missing(reference, built) == []
    counts = {kind: sum(len(p.ids[kind]) for p in reference.values()) for kind in ("row", "faq")}
    assert counts["row"] > 0 and counts["faq"] > 0  # the comparison had something to compare


@pytest.mark.slow
def test_zensical_pages_carry_the_same_json_ld(
    builds: Builds,
) -> None:
    reference, built = builds.reference, builds.built
    with_jsonld = {page: ids.jsonld for page, ids in reference.items() if ids.jsonld}
    # Only the real site has the overrides that print it.
    pages = {page_dir(uri, True) + "index.html" for uri in (ARTICLE_PAGE, FAQ_PAGE)}
    expected = pages if builds.project == "real" else set()
    assert set(with_jsonld) == expected
    assert {page: built[page].jsonld for page in with_jsonld} == with_jsonld


def searched_pages(index: Path) -> set[str]:
    """The pages a search index has entries for (MkDocs' and Zensical's share the format)."""
    items = json.loads(index.read_text(encoding="utf-8"))
    return {item["location"].partition("#")[0] for item in items.get("docs") or items["items"]}


@pytest.mark.slow
def test_search_covers_the_same_pages_in_both_builds(builds: Builds) -> None:
    """Pair and framework pages are in both; pages marked `search: exclude` (the
    one-page view) stay out of both."""
    ours = searched_pages(builds.mkdocs_site / "search" / "search_index.json")
    assert searched_pages(builds.staged / "site" / "search.json") == ours
    assert "" in ours and "one-page/" not in ours
    assert any(page.startswith("compare/") and "-vs-" in page for page in ours)


@pytest.mark.slow
def test_the_zensical_site_loads_nothing_from_other_hosts(
    builds: Builds,
) -> None:
    built, staged = builds.built, builds.staged
    external = sorted(
        {
            f"{page}: {url}"
            for page, ids in built.items()
            for url in ids.resources
            if url.startswith(("http:", "https:", "//"))
        }
    )
    assert external == []
    css = "\n".join(p.read_text() for p in (staged / "site").rglob("*.css"))
    assert "fonts.googleapis.com" not in css and "fonts.gstatic.com" not in css


@pytest.mark.slow
def test_the_staged_tree_also_passes_a_strict_mkdocs_build(
    builds: Builds,
) -> None:
    """No plugin and no relative_to_docs: a site-absolute link left over fails this build."""
    staged = builds.staged
    result = mkdocs_build(staged / "mkdocs.yml", staged / "mkdocs-site")
    assert result.returncode == 0, result.stderr
    assert "absolute" not in result.stderr


@pytest.mark.slow
def test_json_ld_from_front_matter_cannot_close_its_script_element(tmp_path: Path) -> None:
    """overrides/main.html prints page.meta.jsonld with tojson, which Zensical escapes too."""
    staged = stage(ROOT / "mkdocs.yml", tmp_path / "stage")
    faq = tmp_path / "stage" / "docs" / "faq.md"
    meta, body = split_front_matter(faq.read_text(encoding="utf-8"))
    meta["jsonld"][0]["name"] = "</script><script>alert(1)</script>&'"
    faq.write_text(f"---\n{yaml.safe_dump(meta)}---\n{body}", encoding="utf-8")
    result, _ = zensical_build(staged.config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = read_site(tmp_path / "stage" / "site")["faq/index.html"]
    assert page.jsonld[0]["name"] == "</script><script>alert(1)</script>&'"
    assert (
        "<script>alert(1)" not in (tmp_path / "stage" / "site" / "faq" / "index.html").read_text()
    )
