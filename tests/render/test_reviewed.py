"""Last reviewed near the top of every page that states facts (templates/reviewed.md.j2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.data.loader import load_or_raise
from macros.render.pages import Renderer
from tests.harness.site import FIXTURES

TOP = re.compile(r'<p class="reviewed reviewed--top"[^>]*>(.*?)</p>')
FACT_PAGES = (
    "index.md",
    "architecture.md",
    "templates.md",
    "comparison.md",
    "faq.md",
    "one-page.md",
    "frameworks/alpha.md",
    "frameworks/gamma.md",
    "compare/alpha-vs-beta.md",
)


def rendered(data_dir: Path) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in Renderer(load_or_raise(data_dir)).pages()}


def top_line(markdown: str) -> str:
    """The review line, which comes before the page's first section."""
    found = TOP.search(markdown)
    assert found is not None
    assert markdown.find("\n## ") == -1 or found.start() < markdown.find("\n## ")
    return found.group(1)


def test_every_page_that_states_facts_says_when_it_was_reviewed() -> None:
    pages = rendered(FIXTURES / "three" / "data")
    for uri in FACT_PAGES:
        assert TOP.search(pages[uri]), uri
    assert "reviewed--top" not in pages["compare/index.md"]  # a list of links, no facts


def test_a_topic_shows_its_own_date() -> None:
    pages = rendered(FIXTURES / "three" / "data")
    assert top_line(pages["architecture.md"]) == "Last reviewed 1 November 2026."
    assert top_line(pages["templates.md"]) == "Last reviewed 24 November 2026."


def test_a_page_of_several_topics_shows_the_oldest_and_says_so() -> None:
    pages = rendered(FIXTURES / "three" / "data")
    expected = (
        "Last reviewed 1 November 2026: the oldest review date of the two topics this page "
        "draws on ([Architecture](/architecture.md))."
    )
    for uri in ("index.md", "faq.md", "one-page.md", "compare/alpha-vs-beta.md"):
        assert top_line(pages[uri]) == expected, uri


def test_when_the_dates_agree_no_topic_is_singled_out(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "three" / "data", tmp_path / "data")
    topic = tmp_path / "data" / "dimensions" / "templates.yml"
    topic.write_text(topic.read_text().replace("2026-11-24", "2026-11-01"))
    line = top_line(rendered(tmp_path / "data")["faq.md"])
    assert line == (
        "Last reviewed 1 November 2026: the oldest review date of the two topics this page "
        "draws on."
    )
