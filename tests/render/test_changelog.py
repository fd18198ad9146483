"""The changelog page from data/changelog.yml (schema, references, page, navigation)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data.loader import load, load_or_raise
from macros.render.nav import site_nav
from macros.render.pages import Renderer
from tests.harness.site import FIXTURES

CHANGELOG = """entries:
  - date: 2026-11-24
    what: "Gamma added"
    why: |
      Gamma is a third framework[^alpha-log].
    topics: [architecture]
    rows: [architecture, licence]
  - date: 2026-11-24
    what: "Templates reviewed"
    why: Nothing else changed.
  - date: 2026-11-01
    what: "First publication"
    why: The site went live.
"""


def project(tmp_path: Path, changelog: str | None = CHANGELOG) -> Path:
    shutil.copytree(FIXTURES / "three" / "data", tmp_path / "data")
    if changelog is not None:
        (tmp_path / "data" / "changelog.yml").write_text(changelog, encoding="utf-8")
    return tmp_path / "data"


def pages(data_dir: Path) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in Renderer(load_or_raise(data_dir)).pages()}


def test_the_page_lists_changes_by_day_newest_first_with_links(tmp_path: Path) -> None:
    page = pages(project(tmp_path))["changelog.md"]
    assert page.index("## 24 November 2026 { #2026-11-24 }") < page.index("## 1 November 2026")
    assert page.count("## 24 November 2026") == 1  # one heading per day
    assert page.index("**Gamma added**") < page.index("**Templates reviewed**")
    assert (
        "Topics: [Architecture](/architecture.md). In the table: "
        "[Architecture](/comparison.md#architecture), [Licence](/comparison.md#licence)."
    ) in page
    # Citations become footnotes, as on every page.
    assert "Gamma is a third framework[^alpha-log]." in page and "\n[^alpha-log]: " in page


def test_no_file_no_page_and_no_menu_entry(tmp_path: Path) -> None:
    made = pages(project(tmp_path, changelog=None))
    assert "changelog.md" not in made
    assert {"Changelog": "changelog.md"} not in site_nav(made, [])
    assert {"Changelog": "changelog.md"} in site_nav(pages(project(tmp_path / "with")), [])


def test_unknown_topics_and_rows_are_named_where_they_are(tmp_path: Path) -> None:
    data_dir = project(
        tmp_path,
        CHANGELOG.replace("[architecture]", "[architecure]").replace("licence]", "licenses]"),
    )
    problems = [str(p) for p in load(data_dir, tmp_path).problems]
    assert problems == [
        "data/changelog.yml:6:14: entries[0].topics[0]: unknown dimension 'architecure' (did "
        "you mean 'architecture'?)",
        "data/changelog.yml:7:26: entries[0].rows[1]: unknown row 'licenses' (did you mean "
        "'licence'?)",
    ]


def test_an_entry_needs_what_why_and_a_past_date(tmp_path: Path) -> None:
    data_dir = project(tmp_path, "entries:\n  - date: 2999-01-01\n    what: Soon\n    extra: 1\n")
    problems = [str(p) for p in load(data_dir, tmp_path).problems]
    assert len(problems) == 3, problems
    assert any("entries[0]" in p and "why" in p for p in problems), problems
    assert any("entries[0].extra" in p for p in problems), problems
    assert any("entries[0].date" in p and "2999-01-01" in p for p in problems), problems
